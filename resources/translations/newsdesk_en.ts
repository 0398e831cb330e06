<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/about_dialog.py" line="15"/>
        <source>关于编辑台</source>
        <translation>About Newsdesk</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/about_dialog.py" line="18"/>
        <source>新闻门户的桌面编辑工作站：管理栏目，编辑和导入稿件，所见即所得地预览，导出静态网站。</source>
        <translation>A desktop editorial workstation for news portals: keep the sections, write and import articles, preview pages as published, export a static site.</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="1"/>
        <source>无法设置封面</source>
        <translation>Cannot set the cover</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="99"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="106"/>
        <source>副标题（可选）</source>
        <translation>Subtitle (optional)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="112"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="113"/>
        <source>稿件信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="114"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="118"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="119"/>
        <source>保存文章（Ctrl+S）</source>
        <translation>Save the article (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="121"/>
        <source>修订记录</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="166"/>
        <source>在此输入正文（Markdown）：## 小标题，**粗体**，&gt; 引用</source>
        <translation>Write the body here (Markdown): ## sub-heading, **bold**, &gt; quote</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="172"/>
        <source>粗体</source>
        <translation>Bold</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="173"/>
        <source>斜体</source>
        <translation>Italic</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="174"/>
        <source>小标题</source>
        <translation>Sub-heading</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="175"/>
        <source>引用</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="176"/>
        <source>项目列表</source>
        <translation>Bulleted list</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="177"/>
        <source>编号列表</source>
        <translation>Numbered list</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="178"/>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="179"/>
        <source>图片…</source>
        <translation>Image…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="180"/>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="181"/>
        <source>新闻拓展框</source>
        <translation>Side box (新闻拓展)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="182"/>
        <source>分隔线</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="183"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="184"/>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="221"/>
        <source>如：成都日报</source>
        <translation>e.g. Chengdu Daily</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="229"/>
        <source>多人用顿号分隔：黄雪松、李明</source>
        <translation>Separate names with 、 or commas: Huang Xuesong, Li Ming</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="231"/>
        <source>多人用顿号分隔</source>
        <translation>Separate names with 、 or commas</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="245"/>
        <source>关键词，用顿号或逗号分隔</source>
        <translation>Keywords, separated by 、 or commas</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="247"/>
        <source>摘要：列表页和分享时显示</source>
        <translation>Summary: shown in lists and when shared</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="250"/>
        <source>栏目</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="251"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="252"/>
        <source>原文链接</source>
        <translation>Original link</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="253"/>
        <source>原标题</source>
        <translation>Original title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="225"/>
        <source>转载稿件在原发媒体的标题</source>
        <translation>A reprint's title where it was first published</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="253"/>
        <source>记者</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="254"/>
        <source>摄影</source>
        <translation>Photographer</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="255"/>
        <source>责编</source>
        <translation>Resp. editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="256"/>
        <source>合作单位</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="257"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="258"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="266"/>
        <source>指定时间</source>
        <translation>Set a time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="283"/>
        <source>按点击量</source>
        <translation>By hits</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="284"/>
        <source>不进热门排行</source>
        <translation>Keep out of Most read</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="286"/>
        <source>选择封面…</source>
        <translation>Choose cover…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="288"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="296"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="297"/>
        <source>发布时间</source>
        <translation>Publish time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="299"/>
        <source>属性</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="300"/>
        <source>点击量</source>
        <translation>Hits</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="301"/>
        <source>热门排行位置</source>
        <translation>Place in Most read</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="303"/>
        <source>封面图</source>
        <translation>Cover image</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="304"/>
        <source>相关新闻</source>
        <translation>Related news</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="326"/>
        <source>栏目默认</source>
        <translation>Section default</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="443"/>
        <source>新文章，尚未保存</source>
        <translation>New article, not saved yet</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="445"/>
        <source>文章 {id} · 版本 {version}</source>
        <translation>Article {id} · version {version}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="449"/>
        <source> · 有未保存的修改</source>
        <translation> · unsaved changes</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="460"/>
        <source>标题超过 {n} 字，在首页和列表中会被截断</source>
        <translation>Titles longer than {n} characters are cut on the home page and in lists</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="473"/>
        <source>将于 {time} 定时发布</source>
        <translation>Scheduled for {time}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="481"/>
        <source>字数 {chars} · 段落 {paragraphs} · 阅读约 {minutes} 分钟</source>
        <translation>{chars} characters · {paragraphs} paragraphs · about {minutes} min read</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="492"/>
        <source>图片 {id}</source>
        <translation>Image {id}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="492"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="513"/>
        <source>选择图片</source>
        <translation>Choose an image</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="513"/>
        <source>图片 (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_editor.py" line="1"/>
        <source>图片 {id}（无法显示：{reason}）</source>
        <translation>Image {id} (cannot be shown: {reason})</translation>
    </message>
    <message>
        <source>一键排版</source>
        <translation>Tidy layout</translation>
    </message>
</context>
<context>
    <name>BodyEditor</name>
    <message>
        <source>列一</source>
        <translation>Column 1</translation>
    </message>
    <message>
        <source>列二</source>
        <translation>Column 2</translation>
    </message>
    <message>
        <source>在所见即所得和 Markdown 源码之间切换（Ctrl+Shift+M）</source>
        <translation>Switch between rich editing and Markdown source (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>所见即所得编辑器未能打开此正文。</source>
        <translation>The rich editor could not open this body.</translation>
    </message>
    <message>
        <source>此正文含有所见即所得模式保留不了的写法，已用源码模式打开。{reason}</source>
        <translation>This body holds markup the rich editor cannot keep, so it is open in source mode. {reason}</translation>
    </message>
    <message>
        <source>源码</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>链接地址：</source>
        <translation>Link address:</translation>
    </message>
    <message>
        <source>在此输入正文。工具栏可加小标题、图片、表格和新闻拓展框。</source>
        <translation>Write the body here. The toolbar adds sub-headings, images, tables and the news box.</translation>
    </message>
</context>
<context>
    <name>ArticleFlags</name>
    <message>
        <location filename="../../editor/ui/article_list.py" line="61"/>
        <source>头条</source>
        <translation>Headline</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="62"/>
        <source>推荐</source>
        <translation>Featured</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="63"/>
        <source>幻灯</source>
        <translation>Slideshow</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="64"/>
        <source>置顶</source>
        <translation>Pinned</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../editor/ui/article_list.py" line="87"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="88"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="89"/>
        <source>发布时间</source>
        <translation>Publish time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="90"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="91"/>
        <source>责编</source>
        <translation>Resp. editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="92"/>
        <source>点击</source>
        <translation>Hits</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../../editor/ui/article_list.py" line="257"/>
        <source>搜索标题、正文、来源、作者…</source>
        <translation>Search titles, bodies, sources, authors…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="261"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="265"/>
        <source>全部属性</source>
        <translation>All flags</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="409"/>
        <source>共 {count} 篇</source>
        <translation>{count} articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="411"/>
        <source>（只搜索了前 {count} 个词）</source>
        <translation> (searched for the first {count} words only)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="419"/>
        <source>新建文章</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="421"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="422"/>
        <source>撤回为草稿</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="423"/>
        <source>移动到栏目…</source>
        <translation>Move to section…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="425"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
</context>
<context>
    <name>ArticleSearchDialog</name>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="30"/>
        <source>添加相关新闻</source>
        <translation>Add related news</translation>
    </message>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="35"/>
        <source>输入标题中的词语</source>
        <translation>Words from the title</translation>
    </message>
</context>
<context>
    <name>ArticleStatus</name>
    <message>
        <location filename="../../editor/ui/article_list.py" line="50"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="51"/>
        <source>待审</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="52"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="53"/>
        <source>定时发布</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../editor/ui/article_list.py" line="54"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="77"/>
        <source>保存冲突</source>
        <translation>Save conflict</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="83"/>
        <source>在你编辑期间，{who} 于 {when} 保存了这篇文章（现为版本 {version}）。你的文字已另存为草稿，不会丢失。请选择保留哪一版，或手动合并。</source>
        <translation>While you were editing, {who} saved this article at {when} (now version {version}). Your text was kept as a draft and is not lost. Keep one version, or merge by hand.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="90"/>
        <source>我的版本（黄色：只在我的版本中）</source>
        <translation>My version (yellow: only in mine)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="92"/>
        <source>{who} 的版本（绿色：只在对方版本中）</source>
        <translation>{who}&apos;s version (green: only in theirs)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="100"/>
        <source>手动合并（正文）</source>
        <translation>Merge by hand (body)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="106"/>
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="107"/>
        <source>保留对方的</source>
        <translation>Keep theirs</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="108"/>
        <source>手动合并…</source>
        <translation>Merge by hand…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="109"/>
        <source>使用合并结果</source>
        <translation>Use the merge</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/conflict_dialog.py" line="111"/>
        <source>稍后决定</source>
        <translation>Decide later</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>正在编辑的稿件已保存为草稿，下次打开时会提示恢复。</source>
        <translation>The article being edited was kept as a draft; it will be offered back at the next start.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>站点无法写入，正在编辑的稿件已保存到文件：{path}</source>
        <translation>The site could not be written; the article being edited was saved to the file {path}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>没有未保存的修改。</source>
        <translation>There were no unsaved changes.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>编辑台遇到了一个意外错误。{kept}
错误报告已写入：{path}</source>
        <translation>Newsdesk ran into an unexpected error. {kept}
The error report was written to {path}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/crash.py" line="1"/>
        <source>可以继续工作；如果问题重复出现，请把错误报告发给技术支持。</source>
        <translation>You can go on working; if it happens again, send the error report to your support team.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="93"/>
        <source>导出站点</source>
        <translation>Export site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="99"/>
        <source>增量导出（只重写有变化的页面）</source>
        <translation>Incremental (rewrite changed pages only)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="100"/>
        <source>全部重新生成</source>
        <translation>Rebuild everything</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="102"/>
        <source>同时打包为 zip</source>
        <translation>Also write a zip</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="104"/>
        <source>同时生成增量包（变化的文件和删除清单）</source>
        <translation>Also write a delta zip (changed files and a deletion list)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="116"/>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="182"/>
        <source>导出到文件夹</source>
        <translation>Export to folder</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="117"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="125"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="126"/>
        <source>准备就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="132"/>
        <source>开始导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="134"/>
        <source>取消导出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="136"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="137"/>
        <source>在浏览器中打开</source>
        <translation>Open in browser</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="138"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="184"/>
        <source>zip 文件</source>
        <translation>Zip file</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="203"/>
        <source>请选择导出文件夹。</source>
        <translation>Choose a folder to export to.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="212"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="232"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="238"/>
        <source>已处理 {done} / {total}</source>
        <translation>{done} / {total} done</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="245"/>
        <source>导出完成。</source>
        <translation>Export finished.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="248"/>
        <source>写入 {written} 个文件，未变 {unchanged} 个，删除 {deleted} 个，用时 {seconds:.2f} 秒。
{out}</source>
        <translation>{written} files written, {unchanged} unchanged, {deleted} deleted in {seconds:.2f} s.
{out}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="264"/>
        <source>导出失败：{message}</source>
        <translation>Export failed: {message}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="269"/>
        <source>已取消；上一次导出的文件保持不变。</source>
        <translation>Cancelled; the previous export was left as it was.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="208"/>
        <source>已先发布必须显示改动的 {written} 个文件（{seconds:.2f} 秒），</source>
        <translation>The {written} files that must show the changes are out ({seconds:.2f} s); </translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="210"/>
        <source>正在更新其余页面…</source>
        <translation>updating the other pages…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="224"/>
        <source>正在比较上次导出…</source>
        <translation>Comparing with the last export…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="225"/>
        <source>正在复制主题文件和图片…</source>
        <translation>Copying theme files and images…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="226"/>
        <source>正在生成页面…</source>
        <translation>Rendering pages…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="227"/>
        <source>正在替换导出的文件…</source>
        <translation>Replacing the exported files…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="228"/>
        <source>正在写入 zip 文件…</source>
        <translation>Writing the zip file…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="229"/>
        <source>没有变化。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="251"/>
        <source>必须显示改动的 {written} 个文件先发布，用时 {seconds:.2f} 秒。</source>
        <translation>The {written} files that must show the changes went out first, in {seconds:.2f} s.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="277"/>
        <source>已取消；必须显示改动的页面已发布，其余页面在下次导出时更新。</source>
        <translation>Cancelled; the pages that must show the changes are out, the other pages follow at the next export.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/export_dialog.py" line="267"/>
        <source>必须显示改动的页面已发布，其余页面没有更新：{message}</source>
        <translation>The pages that must show the changes are out; the other pages were not updated: {message}</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="266"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="268"/>
        <source>替换为</source>
        <translation>Replace with</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="269"/>
        <source>区分大小写</source>
        <translation>Match case</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="272"/>
        <source>上一个（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="275"/>
        <source>下一个（F3）</source>
        <translation>Next (F3)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="276"/>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="277"/>
        <source>全部替换</source>
        <translation>Replace all</translation>
    </message>
</context>
<context>
    <name>ImageDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>插入图片：{name}</source>
        <translation>Insert image: {name}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>无法预览这张图片。</source>
        <translation>This image cannot be previewed.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>显示在图片下方，可不填</source>
        <translation>Shown under the image, optional</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>图片内容的简短描述，供读屏软件和图片无法显示时使用</source>
        <translation>A short description of the image, for screen readers and when the image cannot be shown</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>插入</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>图注</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/image_dialog.py" line="1"/>
        <source>替代文字</source>
        <translation>Alt text</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>Markdown 源码</source>
        <translation>Markdown source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>从剪贴板粘贴网页</source>
        <translation>Paste a page from the clipboard</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>保存为文章</source>
        <translation>Save as article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>全部导入</source>
        <translation>Import all</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>出错了：</source>
        <translation>Error: </translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>原文链接</source>
        <translation>Original link</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>发布时间</source>
        <translation>Publish time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>在此粘贴网页源代码或复制的网页文字</source>
        <translation>Paste the page source or the copied page text here</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>失败</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>完成：导入 %1 篇，重复 %2 篇，失败 %3 篇。</source>
        <translation>Done: %1 imported, %2 duplicates, %3 failed.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>导入文章</source>
        <translation>Import articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>已保存为文章 %1。</source>
        <translation>Saved as article %1.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>已导入</source>
        <translation>imported</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>已识别 %1 个文件：可以在表格中修改标题、栏目、来源和发布时间，然后“全部导入”。</source>
        <translation>%1 files recognised: correct title, section, source and publish time in the table, then “Import all”.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>待审</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>按导航和面包屑新建栏目</source>
        <translation>Create sections from navigation and breadcrumb</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>排版效果</source>
        <translation>Rendered</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>摄影</source>
        <translation>Photographers</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>文件</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>文件夹中的网页、文本、Markdown 和 Word 文件都会导入</source>
        <translation>Every web page, text, Markdown and Word file in the folder is imported</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>栏目</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在停止…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在导入 %1 / %2：%3</source>
        <translation>Importing %1 / %2: %3</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在识别 %1 个文件…</source>
        <translation>Recognising %1 files…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在识别…</source>
        <translation>Recognising…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>没有可识别的内容：请先选择文件、输入网址或粘贴内容。</source>
        <translation>Nothing to recognise: choose a file, type an address or paste a page first.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>网址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>网页、文本、Markdown、Word</source>
        <translation>Web pages, text, Markdown, Word</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>自动（按面包屑或频道，否则“待分类”）</source>
        <translation>Automatic (breadcrumb or channel, else “待分类”)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>记者</source>
        <translation>Reporters</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>识别</source>
        <translation>Recognise</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>请先添加文件或选择文件夹。</source>
        <translation>Add files or choose a folder first.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>请核对识别出的内容，修改后保存。</source>
        <translation>Check what was recognised, correct it and save.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>责编</source>
        <translation>Responsible editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>选择文件、文件夹、网址，或粘贴网页内容。</source>
        <translation>Choose files, a folder or an address, or paste a page.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>选择文件夹</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>选择要导入的文件</source>
        <translation>Choose files to import</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>重复</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_dialog.py" line="1"/>
        <source>正在下载图片…</source>
        <translation>Downloading pictures…</translation>
    </message>
</context>
<context>
    <name>ImportTable</name>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>发布时间</source>
        <translation>Publish time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>已识别</source>
        <translation>recognised</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>文章</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>无法识别</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>栏目</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>等待识别</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>识别后可以直接修改标题、栏目、来源和发布时间，再按“全部导入”</source>
        <translation>Once recognised, correct title, section, source and publish time here, then press “Import all”</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/import_table.py" line="1"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ListManagerDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="37"/>
        <source>合作单位</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="38"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="39"/>
        <source>记者与编辑</source>
        <translation>Reporters and editors</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="45"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="50"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="51"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="52"/>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="228"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="53"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="83"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="85"/>
        <source>网址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="87"/>
        <source>单位（署名用，如 成都日报锦观新闻）</source>
        <translation>Affiliation (for the byline)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="89"/>
        <source>记者</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="90"/>
        <source>摄影</source>
        <translation>Photographer</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="91"/>
        <source>责编</source>
        <translation>Resp. editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="98"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="101"/>
        <source>战略合作单位，每行一个</source>
        <translation>Strategic partners, one per line</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="104"/>
        <source>战略合作单位</source>
        <translation>Strategic partners</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="106"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="107"/>
        <source>微信号</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="108"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="109"/>
        <source>邮箱</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="114"/>
        <source>长期</source>
        <translation>No end</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="117"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="219"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/lists_dialog.py" line="229"/>
        <source>删除“{name}”？</source>
        <translation>Delete “{name}”?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../editor/ui/menus.py" line="1"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="39"/>
        <source>审签…</source>
        <translation>Review and sign…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="40"/>
        <source>待审队列…</source>
        <translation>Review queue…</translation>
    </message>
    <message>
        <source>发布到网站…</source>
        <translation>Publish to Website…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="51"/>
        <source>编辑台 Newsdesk</source>
        <translation>Newsdesk</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="119"/>
        <source>已自动保存草稿</source>
        <translation>Draft autosaved</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="167"/>
        <source>最近打开的站点</source>
        <translation>Recent sites</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="188"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="206"/>
        <source>{site} — 编辑台</source>
        <translation>{site} — Newsdesk</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="235"/>
        <source>站点：{location}</source>
        <translation>Site: {location}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="237"/>
        <source>文章 {total} 篇（已发布 {published}，草稿 {drafts}）</source>
        <translation>{total} articles ({published} published, {drafts} drafts)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="245"/>
        <source>上次导出：{when}</source>
        <translation>Last export: {when}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="245"/>
        <source>尚未导出</source>
        <translation>Not exported yet</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="259"/>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="263"/>
        <source>新建子栏目</source>
        <translation>New subsection</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="263"/>
        <source>新建栏目</source>
        <translation>New section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="264"/>
        <source>栏目名称：</source>
        <translation>Section name:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="310"/>
        <location filename="../../editor/ui/main_window.py" line="323"/>
        <source>删除栏目</source>
        <translation>Delete section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="311"/>
        <source>“{path}”中还有 {count} 篇文章，移到哪个栏目？</source>
        <translation>“{path}” still holds {count} articles. Move them to which section?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="324"/>
        <source>删除栏目“{path}”及其子栏目？</source>
        <translation>Delete the section “{path}” and its subsections?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="367"/>
        <source>移动文章</source>
        <translation>Move articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="368"/>
        <source>把 {n} 篇文章移到：</source>
        <translation>Move {n} articles to:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="385"/>
        <source>删除文章</source>
        <translation>Delete articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="386"/>
        <source>永久删除 {n} 篇文章？修订记录会保留。</source>
        <translation>Delete {n} articles for good? Their revisions are kept.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="404"/>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="405"/>
        <source>“{title}”有未保存的修改。保存吗？</source>
        <translation>“{title}” has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="406"/>
        <source>新文章</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="439"/>
        <source>恢复草稿</source>
        <translation>Recover draft</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="440"/>
        <source>这篇文章有 {time} 自动保存的未保存修改。恢复吗？</source>
        <translation>This article has unsaved changes autosaved at {time}. Recover them?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="485"/>
        <source>先打开或新建一篇文章</source>
        <translation>Open or create an article first</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="490"/>
        <source>无法预览</source>
        <translation>Cannot preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="511"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="515"/>
        <source>已保存（版本 {v}）</source>
        <translation>Saved (version {v})</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="13"/>
        <source>新建站点…</source>
        <translation>New site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="15"/>
        <source>打开站点…</source>
        <translation>Open site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="19"/>
        <source>打开演示站点</source>
        <translation>Open the demo site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="20"/>
        <source>导入稿件…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="21"/>
        <source>导出站点…</source>
        <translation>Export site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="22"/>
        <source>备份站点…</source>
        <translation>Back up site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="23"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="24"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="26"/>
        <source>新建文章</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="30"/>
        <source>保存文章</source>
        <translation>Save article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="31"/>
        <source>放弃修改</source>
        <translation>Revert changes</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="32"/>
        <source>发布所选文章</source>
        <translation>Publish selected</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="33"/>
        <source>撤回为草稿</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="34"/>
        <source>移动到栏目…</source>
        <translation>Move to section…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="35"/>
        <source>删除所选文章…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="36"/>
        <source>修订记录…</source>
        <translation>Revisions…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="37"/>
        <source>恢复自动保存的稿件…</source>
        <translation>Recover autosaved drafts…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="38"/>
        <source>搜索文章</source>
        <translation>Search articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="39"/>
        <source>新建栏目…</source>
        <translation>New section…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="40"/>
        <source>新建子栏目…</source>
        <translation>New subsection…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="41"/>
        <source>重命名栏目</source>
        <translation>Rename section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="42"/>
        <source>栏目属性…</source>
        <translation>Section properties…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="43"/>
        <source>删除栏目…</source>
        <translation>Delete section…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="44"/>
        <source>站点设置…</source>
        <translation>Site settings…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="45"/>
        <source>合作单位…</source>
        <translation>Partners…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="46"/>
        <source>来源…</source>
        <translation>Sources…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="47"/>
        <source>记者与编辑…</source>
        <translation>Reporters and editors…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="48"/>
        <source>手机版预览</source>
        <translation>Phone preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="49"/>
        <source>刷新预览</source>
        <translation>Refresh preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="51"/>
        <source>在浏览器中预览</source>
        <translation>Preview in browser</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="55"/>
        <source>关于编辑台</source>
        <translation>About Newsdesk</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="60"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="77"/>
        <source>文章(&amp;A)</source>
        <translation>&amp;Article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="94"/>
        <source>格式(&amp;O)</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="96"/>
        <source>栏目(&amp;S)</source>
        <translation>&amp;Sections</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="107"/>
        <source>站点(&amp;T)</source>
        <translation>Si&amp;te</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="111"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="114"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="146"/>
        <source>主工具栏</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="1"/>
        <source>我的署名…</source>
        <translation>My name…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>草稿没有自动保存：{reason}</source>
        <translation>The draft was not saved automatically: {reason}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>{title}（只读）</source>
        <translation>{title} (read-only)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="1"/>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>删除栏目“{path}”（含 {subs} 个子栏目）？其中的 {count} 篇文章将移到“{target}”。</source>
        <translation>Delete the section “{path}” (with {subs} subsections)? Its {count} articles move to “{target}”.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>删除栏目“{path}”（含 {subs} 个子栏目）？栏目中没有文章。</source>
        <translation>Delete the section “{path}” (with {subs} subsections)? It holds no articles.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>发布所选的 {n} 篇文章？</source>
        <translation>Publish the {n} selected articles?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>发布文章</source>
        <translation>Publish articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>放弃对“{title}”的修改，回到上次保存的内容？</source>
        <translation>Discard the changes to “{title}” and go back to what was last saved?</translation>
    </message>
    <message>
        <location filename="../../editor/ui/main_window.py" line="1"/>
        <source>没有选中的文章：请先在文章列表中选择要发布的文章。</source>
        <translation>No article is selected: select the articles to publish in the list first.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="1"/>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../editor/ui/menus.py" line="23"/>
        <source>发布后更新导出文件夹</source>
        <translation>Update the export folder after publishing</translation>
    </message>
</context>
<context>
    <name>MarkdownEdit</name>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="1"/>
        <source>无法插入图片</source>
        <translation>Cannot insert the image</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="174"/>
        <source>粗体文字</source>
        <translation>bold text</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="177"/>
        <source>斜体文字</source>
        <translation>italic text</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="193"/>
        <source>链接文字</source>
        <translation>link text</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="200"/>
        <source>列一</source>
        <translation>Column 1</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="200"/>
        <source>列二</source>
        <translation>Column 2</translation>
    </message>
    <message>
        <location filename="../../editor/ui/markdown_edit.py" line="205"/>
        <source>拓展内容</source>
        <translation>Side note</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../editor/ui/preview.py" line="1"/>
        <source>关闭预览（F6 重新打开）</source>
        <translation>Close the preview (F6 opens it again)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="87"/>
        <source>电脑版</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="88"/>
        <source>手机版</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="96"/>
        <source>刷新预览</source>
        <translation>Refresh preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="103"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="201"/>
        <source>未打开文章</source>
        <translation>No article open</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="238"/>
        <source>预览失败：{error}</source>
        <translation>Preview failed: {error}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/preview.py" line="285"/>
        <source>渲染 {ms} 毫秒</source>
        <translation>rendered in {ms} ms</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="34"/>
        <source>新建站点</source>
        <translation>New site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="34"/>
        <source>站点名称：</source>
        <translation>Site name:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="34"/>
        <source>新站点</source>
        <translation>New site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="41"/>
        <source>站点文件</source>
        <translation>Site file</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="53"/>
        <source>无法新建站点</source>
        <translation>Cannot create the site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="1"/>
        <source>没有找到站点</source>
        <translation>No site found</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="1"/>
        <source>{path} 还没有站点。
要在这里新建一个空白站点吗？选择“否”可以打开演示站点、打开其他站点文件或在别处新建。</source>
        <translation>There is no site at {path} yet.
Create an empty site there? Choose “No” to open the demo site, open another site file or create one elsewhere.</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../editor/ui/app.py" line="87"/>
        <source>无法打开站点</source>
        <translation>Cannot open the site</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="24"/>
        <source>恢复未保存的稿件</source>
        <translation>Recover unsaved drafts</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="31"/>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="33"/>
        <source>文章 {id}</source>
        <translation>Article {id}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="35"/>
        <source>新文章</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="45"/>
        <source>恢复所选</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="47"/>
        <source>丢弃所选</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="48"/>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/recover_dialog.py" line="56"/>
        <source>上次关闭前有稿件没有保存。恢复一篇继续编辑：</source>
        <translation>Some drafts were not saved before Newsdesk last closed. Recover one to continue:</translation>
    </message>
</context>
<context>
    <name>RelatedPicker</name>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="85"/>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="86"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="129"/>
        <source>文章 {id}</source>
        <translation>Article {id}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/related_picker.py" line="1"/>
        <source>相关新闻的标题暂时无法读取（{reason}），已保留这些稿件的编号。</source>
        <translation>The titles of some related articles cannot be read now ({reason}); their numbers were kept.</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="35"/>
        <source>修订记录</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="39"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="39"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="60"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="61"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="62"/>
        <source>副标题</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="63"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="69"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>自动保存恢复</source>
        <translation>Recovered from autosave</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>栏目</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>来源网址</source>
        <translation>Source URL</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>记者</source>
        <translation>Reporters</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>摄影</source>
        <translation>Photographers</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>责任编辑</source>
        <translation>Responsible editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>合作单位</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>发布时间</source>
        <translation>Publish time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>属性</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>封面</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>相关文章</source>
        <translation>Related articles</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>编辑</source>
        <translation>Editor</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>恢复此版本…</source>
        <translation>Restore this version…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>&lt;span style=&quot;background:{removed};text-decoration:line-through&quot;&gt;删去的文字&lt;/span&gt;　&lt;span style=&quot;background:{added}&quot;&gt;新增的文字&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;background:{removed};text-decoration:line-through&quot;&gt;removed text&lt;/span&gt;  &lt;span style=&quot;background:{added}&quot;&gt;added text&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>版本 {v} 是当前版本。</source>
        <translation>Version {v} is the current version.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>从版本 {old} 到当前版本 {new} 的改动：</source>
        <translation>Changes from version {old} to the current version {new}:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>字段</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>正文没有改动。</source>
        <translation>The body did not change.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>恢复版本</source>
        <translation>Restore version</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/revisions_dialog.py" line="1"/>
        <source>把文章恢复为版本 {v} 的内容？
当前内容不会丢失：恢复会保存为新版本，需要时可以再恢复回来。发布状态和发布时间保持不变。</source>
        <translation>Restore the article to the content of version {v}?
Nothing is lost: the restore is saved as a new version, which can itself be undone. Status and publish time stay as they are.</translation>
    </message>
</context>
<context>
    <name>SectionDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="23"/>
        <source>栏目属性：{path}</source>
        <translation>Section properties: {path}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="26"/>
        <source>网址中的名称，只用小写字母、数字和连字符</source>
        <translation>The name in addresses: lowercase letters, digits and hyphens only</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="27"/>
        <source>显示在导航中</source>
        <translation>Show in navigation</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="30"/>
        <source>（无，沿用上级栏目）</source>
        <translation>(none: use the parent&apos;s)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="46"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="47"/>
        <source>网址名</source>
        <translation>Slug</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="49"/>
        <source>合作单位</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="50"/>
        <source>每页文章数</source>
        <translation>Articles per page</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/section_dialog.py" line="51"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>SectionTreeModel</name>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="141"/>
        <source>全部文章（{count}）</source>
        <translation>All articles ({count})</translation>
    </message>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="158"/>
        <source>（不在导航中）</source>
        <translation>(not in navigation)</translation>
    </message>
</context>
<context>
    <name>SectionTreeView</name>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="314"/>
        <source>新建子栏目…</source>
        <translation>New subsection…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="314"/>
        <source>新建栏目…</source>
        <translation>New section…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="320"/>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="322"/>
        <source>属性…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/section_tree.py" line="324"/>
        <source>删除栏目…</source>
        <translation>Delete section…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/help_dialogs.py" line="1"/>
        <source>命令</source>
        <translation>Command</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/help_dialogs.py" line="1"/>
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/help_dialogs.py" line="1"/>
        <source>键盘快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>SiteAccess</name>
    <message>
        <location filename="../../editor/ui/site_access.py" line="1"/>
        <source>数据库密码</source>
        <translation>Database password</translation>
    </message>
    <message>
        <location filename="../../editor/ui/site_access.py" line="1"/>
        <source>打开 {site} 需要密码（{reason}）。
密码：</source>
        <translation>Opening {site} needs a password ({reason}).
Password:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/site_access.py" line="1"/>
        <source>密码没有保存</source>
        <translation>Password not saved</translation>
    </message>
    <message>
        <location filename="../../editor/ui/site_access.py" line="1"/>
        <source>这台电脑没有可用的系统密钥环，{site} 的密码不会被保存；下次打开时会再次询问。</source>
        <translation>This computer has no system keyring, so the password of {site} is not saved; you will be asked again next time.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/site_access.py" line="1"/>
        <source>没有输入 {site} 的密码，站点没有打开。</source>
        <translation>No password was given for {site}; the site was not opened.</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="47"/>
        <source>站点设置</source>
        <translation>Site settings</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="52"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="57"/>
        <source>链接文字</source>
        <translation>link text</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="57"/>
        <source>网址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="63"/>
        <source>添加链接</source>
        <translation>Add link</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="64"/>
        <source>删除链接</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="84"/>
        <source>留空使用内置模板</source>
        <translation>Leave empty for the built-in templates</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="87"/>
        <source>站点名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="88"/>
        <source>域名</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="89"/>
        <source>口号</source>
        <translation>Slogan</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="90"/>
        <source>网站地址</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="91"/>
        <source>备案号</source>
        <translation>ICP filing number</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="92"/>
        <source>备案查询网址</source>
        <translation>ICP filing site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="93"/>
        <source>技术支持</source>
        <translation>Technical support</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="94"/>
        <source>技术支持网址</source>
        <translation>Technical support URL</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="95"/>
        <source>投稿邮箱</source>
        <translation>Submission mailbox</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="96"/>
        <source>投稿联系人</source>
        <translation>Submission contact</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="102"/>
        <source>创办年份</source>
        <translation>Founded</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="103"/>
        <source>版权声明</source>
        <translation>Rights notice</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="104"/>
        <source>页脚链接</source>
        <translation>Footer links</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="105"/>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="124"/>
        <source>自定义模板文件夹</source>
        <translation>User templates folder</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="147"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="1"/>
        <source>留空时显示：{name}版权所有，未经书面授权禁止使用</source>
        <translation>When empty: {name}版权所有，未经书面授权禁止使用 (all rights reserved, no use without written permission)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="1"/>
        <source>留空时显示：© {years} {name}</source>
        <translation>When empty: © {years} {name}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="1"/>
        <source>页脚最后一行。可用：{years}（创办年份至导出年份，如 2006–2026）、{start}、{end}、{name}（站点名称）、{domain}（域名）</source>
        <translation>The footer&apos;s last line. Placeholders: {years} (founding year to export year, such as 2006–2026), {start}, {end}, {name} (site name), {domain} (domain)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_settings.py" line="1"/>
        <source>版权行</source>
        <translation>Copyright line</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/help_dialogs.py" line="1"/>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="99"/>
        <source>欢迎使用编辑台</source>
        <translation>Welcome to Newsdesk</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="102"/>
        <source>&lt;h2&gt;编辑台 Newsdesk&lt;/h2&gt;&lt;p&gt;管理栏目、编辑稿件、预览并导出新闻网站。先打开一个站点：&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Newsdesk&lt;/h2&gt;&lt;p&gt;Keep sections, edit articles, preview and export a news site. First open a site:&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="106"/>
        <source>打开演示站点</source>
        <translation>Open the demo site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="107"/>
        <source>新建空白站点…</source>
        <translation>New empty site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="108"/>
        <source>打开站点文件…</source>
        <translation>Open a site file…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="109"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/site_dialogs.py" line="129"/>
        <source>打开站点</source>
        <translation>Open site</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="21"/>
        <source>打开站点</source>
        <translation>Open site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="64"/>
        <source>备份站点</source>
        <translation>Back up site</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="72"/>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="77"/>
        <source>备份完成</source>
        <translation>Backup done</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="78"/>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="86"/>
        <location filename="../../editor/ui/window_dialogs.py" line="92"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="93"/>
        <source>用备份替换当前站点的全部数据？当前未备份的内容将丢失。</source>
        <translation>Replace all of this site&apos;s data with the backup? Anything not in the backup is lost.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="107"/>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="113"/>
        <source>恢复完成</source>
        <translation>Restore done</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="114"/>
        <source>已恢复 {articles} 篇文章、{sections} 个栏目。</source>
        <translation>Restored {articles} articles and {sections} sections.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="160"/>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="191"/>
        <source>合并后的文本已放入编辑器，请检查后保存</source>
        <translation>The merged text is in the editor: check it, then save</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="211"/>
        <source>恢复稿件</source>
        <translation>Recover drafts</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="212"/>
        <source>没有自动保存的稿件。</source>
        <translation>There are no autosaved drafts.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>已恢复版本 {old} 的内容，保存为版本 {new}。</source>
        <translation>Restored the content of version {old}, saved as version {new}.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>我的署名</source>
        <translation>My name</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>修订记录中显示的编辑姓名（当前：{name}）：</source>
        <translation>The editor&apos;s name shown in the revision history (now: {name}):</translation>
    </message>
    <message>
        <location filename="../../editor/ui/window_dialogs.py" line="1"/>
        <source>此后的保存署名为“{name}”。</source>
        <translation>From now on saves are signed “{name}”.</translation>
    </message>
</context>
<context>
    <name>AddTargetDialog</name>
    <message>
        <source>添加发布目标</source>
        <translation>Add a publish target</translation>
    </message>
    <message>
        <source>例如：正式站</source>
        <translation>e.g. live</translation>
    </message>
    <message>
        <source>自动（文件夹和 SFTP 用版本模式）</source>
        <translation>Automatic (release mode for folders and SFTP)</translation>
    </message>
    <message>
        <source>版本模式（原子切换，可一键回滚）</source>
        <translation>Release mode (atomic switch, one-click rollback)</translation>
    </message>
    <message>
        <source>就地更新（按依赖顺序上传）</source>
        <translation>In place (upload in dependency order)</translation>
    </message>
    <message>
        <source>地址示例：sftp://用户@主机/路径（可加 ?key=私钥文件）、file:///挂载的文件夹。密码只保存在系统密钥环中；没有密钥环时会提示，不会以明文保存。</source>
        <translation>Address examples: sftp://user@host/path (optionally ?key=private key file), file:///mounted/folder. The password is kept in the system keyring only; without a keyring you are told so, and nothing is saved in plain text.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>网站地址（用于核对）</source>
        <translation>Site URL (for checking)</translation>
    </message>
    <message>
        <source>密码或密钥口令</source>
        <translation>Password or key passphrase</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>发布到网站</source>
        <translation>Publish to website</translation>
    </message>
    <message>
        <source>添加目标…</source>
        <translation>Add target…</translation>
    </message>
    <message>
        <source>删除目标</source>
        <translation>Remove target</translation>
    </message>
    <message>
        <source>设为默认</source>
        <translation>Make default</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>准备就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>%v / %m 个文件</source>
        <translation>%v / %m files</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>发布人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>回滚到所选版本</source>
        <translation>Roll back to the selected release</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>字节</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>用时（秒）</source>
        <translation>Seconds</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>版本与回滚</source>
        <translation>Releases and rollback</translation>
    </message>
    <message>
        <source>发布记录</source>
        <translation>Publish history</translation>
    </message>
    <message>
        <source>预演（只列出文件）</source>
        <translation>Dry run (list the files only)</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>确认发布</source>
        <translation>Confirm and publish</translation>
    </message>
    <message>
        <source>取消发布</source>
        <translation>Cancel publishing</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>正在导出站点…</source>
        <translation>Exporting the site…</translation>
    </message>
    <message>
        <source>正在连接目标…</source>
        <translation>Connecting to the target…</translation>
    </message>
    <message>
        <source>正在与目标上的清单比较…</source>
        <translation>Comparing with the target's manifest…</translation>
    </message>
    <message>
        <source>正在链接未改动的文件…</source>
        <translation>Linking unchanged files…</translation>
    </message>
    <message>
        <source>正在上传…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <source>正在切换到新版本…</source>
        <translation>Switching to the new release…</translation>
    </message>
    <message>
        <source>正在从网站核对页面…</source>
        <translation>Checking pages on the website…</translation>
    </message>
    <message>
        <source>正在删除已撤下的文件…</source>
        <translation>Deleting withdrawn files…</translation>
    </message>
    <message>
        <source>正在清理旧版本…</source>
        <translation>Pruning old releases…</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>（默认）</source>
        <translation> (default)</translation>
    </message>
    <message>
        <source>还没有发布目标：请先添加一个。</source>
        <translation>No publish target yet: add one first.</translation>
    </message>
    <message>
        <source>版本模式</source>
        <translation>Release mode</translation>
    </message>
    <message>
        <source>就地更新</source>
        <translation>In place</translation>
    </message>
    <message>
        <source>{url}　{mode}　核对网址：{base}</source>
        <translation>{url}  {mode}  check URL: {base}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>预演</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <source>回滚</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>● 当前</source>
        <translation>● current</translation>
    </message>
    <message>
        <source>删除发布目标“{name}”？服务器上的文件不会被删除。</source>
        <translation>Remove the publish target “{name}”? The files on the server are not deleted.</translation>
    </message>
    <message>
        <source>已发送 {sent} / {size}</source>
        <translation>Sent {sent} / {size}</translation>
    </message>
    <message>
        <source>正在预演…</source>
        <translation>Dry run…</translation>
    </message>
    <message>
        <source>正在发布…</source>
        <translation>Publishing…</translation>
    </message>
    <message>
        <source>目标被锁定。</source>
        <translation>The target is locked.</translation>
    </message>
    <message>
        <source>目标被锁定</source>
        <translation>Target locked</translation>
    </message>
    <message>
        <source>如果那次发布已不在运行，可以解除锁定后发布。解除锁定？</source>
        <translation>If that publish is no longer running, you can break the lock and publish. Break the lock?</translation>
    </message>
    <message>
        <source>将发送 {sent} 个文件（{size}），删除 {deleted} 个：</source>
        <translation>Would send {sent} files ({size}) and delete {deleted}:</translation>
    </message>
    <message>
        <source>预演完成，目标上没有任何改动。</source>
        <translation>Dry run done; nothing on the target was changed.</translation>
    </message>
    <message>
        <source>发布完成。</source>
        <translation>Published.</translation>
    </message>
    <message>
        <source>网站页面核对一致</source>
        <translation>the website's pages match</translation>
    </message>
    <message>
        <source>网站页面核对不一致</source>
        <translation>the website's pages do not match</translation>
    </message>
    <message>
        <source>未核对（没有网站地址）</source>
        <translation>not checked (no site URL)</translation>
    </message>
    <message>
        <source>版本 {release}：发送 {sent} 个文件（{size}），未改动 {unchanged} 个，删除 {deleted} 个，用时 {seconds:.1f} 秒；{verified}。</source>
        <translation>Release {release}: {sent} files sent ({size}), {unchanged} unchanged, {deleted} deleted in {seconds:.2f} s. {verified}.</translation>
    </message>
    <message>
        <source>发布失败：{message}</source>
        <translation>Publishing failed: {message}</translation>
    </message>
    <message>
        <source>已取消；线上网站保持原样，再次发布会从停下的地方继续。</source>
        <translation>Cancelled; the live site is as it was, and publishing again resumes where it stopped.</translation>
    </message>
    <message>
        <source>无法读取目标上的版本：{message}</source>
        <translation>Cannot read the releases on the target: {message}</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>login</translation>
    </message>
    <message>
        <source>写入</source>
        <translation>write</translation>
    </message>
    <message>
        <source>改名覆盖</source>
        <translation>rename over a file</translation>
    </message>
    <message>
        <source>符号链接</source>
        <translation>symbolic links</translation>
    </message>
    <message>
        <source>硬链接</source>
        <translation>hard links</translation>
    </message>
    <message>
        <source>可用模式：{modes}</source>
        <translation>Modes: {modes}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>连接测试完成。</source>
        <translation>Connection test done.</translation>
    </message>
    <message>
        <source>正在测试连接…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>让版本 {release} 重新上线？</source>
        <translation>Make release {release} live again?</translation>
    </message>
    <message>
        <source>（上一个版本）</source>
        <translation>(the previous release)</translation>
    </message>
    <message>
        <source>已回滚：现在上线的是版本 {release}（原为 {previous}）。</source>
        <translation>Rolled back: release {release} is live now (was {previous}).</translation>
    </message>
    <message>
        <source>正在回滚…</source>
        <translation>Rolling back…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="314"/>
        <source>待审队列 — {user}</source>
        <translation>Review queue — {user}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="323"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="324"/>
        <source>栏目</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="325"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="326"/>
        <source>审级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="327"/>
        <source>送审人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="328"/>
        <source>等待 / 领取</source>
        <translation>Waiting / claimed</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="346"/>
        <source>共 {count} 篇待审；双击打开审签。</source>
        <translation>{count} articles waiting; double-click one to review it.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="352"/>
        <source>{hours} 小时 {minutes} 分</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="356"/>
        <source>，{user} 已领取</source>
        <translation>, claimed by {user}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>检查</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>正在检查这一版……</source>
        <translation>Checking this version…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>✖ {count}</source>
        <translation>✖ {count}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>⚠ {count}</source>
        <translation>⚠ {count}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>检查发现 {errors} 个错误、{warnings} 个提示</source>
        <translation>The checks found {errors} errors and {warnings} warnings</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>与送审稿、上一级签发稿的差异：</source>
        <translation>Changes against the submitted and the last signed version:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>没有改动。</source>
        <translation>No changes.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>尚未送审。</source>
        <translation>Not submitted yet.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="113"/>
        <source>审签 — {title}</source>
        <translation>Review — {title}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="121"/>
        <source>当前用户：{name}（{user}）</source>
        <translation>Signed in: {name} ({user})</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="123"/>
        <source>检查结果：</source>
        <translation>Check findings:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="128"/>
        <source>审签记录：</source>
        <translation>Review record:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="133"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="134"/>
        <source>审级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="135"/>
        <source>操作</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="136"/>
        <source>签名</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="137"/>
        <source>审读意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="145"/>
        <source>审读意见（退回时必填）</source>
        <translation>Comment (required to return)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="148"/>
        <source>检查发现错误时，写明越过的理由</source>
        <translation>When the checks find errors, the reason to pass them</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="150"/>
        <source>退回作者</source>
        <translation>Return to the author</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="151"/>
        <source>退回上一级</source>
        <translation>Return one level back</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="152"/>
        <source>审读意见：</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="153"/>
        <source>越过检查的理由：</source>
        <translation>Reason to pass the checks:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="154"/>
        <source>退回到：</source>
        <translation>Return to:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="159"/>
        <source>送审</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="160"/>
        <source>领取</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="161"/>
        <source>签发</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="162"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="163"/>
        <source>撤稿</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="164"/>
        <source>导出审签单…</source>
        <translation>Save the signing sheet…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="172"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="186"/>
        <source>，{user} 已领取</source>
        <translation>, claimed by {user}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="190"/>
        <source>记录完整</source>
        <translation>record intact</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="190"/>
        <source>记录被篡改！</source>
        <translation>record tampered with!</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="192"/>
        <source>状态：{state}{claimed}　审签方式：{mode}　第 {version} 版　{intact}</source>
        <translation>State: {state}{claimed}   review: {mode}   version {version}   {intact}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="205"/>
        <source>（代 {chief}）</source>
        <translation> (for {chief})</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="208"/>
        <source>〔越过检查：{reason}〕</source>
        <translation> [checks passed: {reason}]</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="231"/>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="247"/>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="249"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="249"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="251"/>
        <source>　建议：{fix}</source>
        <translation>   suggestion: {fix}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="284"/>
        <source>审签</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="293"/>
        <source>导出审签单</source>
        <translation>Save the signing sheet</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="293"/>
        <source>网页 (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>定位到原文</source>
        <translation>Show in the text</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>关闭审签面板，在编辑区选中这处问题（双击也可）</source>
        <translation>Close the review panel and select this finding in the editor (or double-click it)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>按建议修正</source>
        <translation>Apply the suggestion</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>在编辑区改成建议的写法并保存，然后重新检查</source>
        <translation>Change the text to the suggestion in the editor, save and check again</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>原文已经改动，找不到这处问题；请重新检查。</source>
        <translation>The text has changed and this finding is no longer there; check again.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="1"/>
        <source>与送审稿、上一级签发稿（转载稿还有原文）的差异：</source>
        <translation>Changes against the submitted version, the last signed version and, for a reprint, the original:</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="48"/>
        <source>登录审签</source>
        <translation>Sign in to review</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="55"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="56"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="78"/>
        <source>审签</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../editor/ui/dialogs/review_dialog.py" line="82"/>
        <source>本站还没有用户。请先用命令行添加：newsdesk users add 名字 --real-name 姓名 --role 角色</source>
        <translation>This site has no users yet. Add them on the command line: newsdesk users add NAME --real-name NAME --role ROLE</translation>
    </message>
</context>
<context>
    <name>RichEditorView</name>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>正在把网络图片存入本站…</source>
        <translation>Storing the web picture in the site…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>网络图片没有存入本站，发布时仍链接原地址</source>
        <translation>The web picture was not stored; the page will still link its address</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>网络图片（链接原地址，编辑器里不显示）</source>
        <translation>Web picture (linked at its address, not shown in the editor)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>没有打开站点</source>
        <translation>No site is open</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>图注</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>框标题（可留空）</source>
        <translation>Box title (may be left empty)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/rich_editor.py" line="1"/>
        <source>新闻拓展框的标题，回车进入框内</source>
        <translation>The title of the news box; Enter goes on into the box</translation>
    </message>
</context>
<context>
    <name>FindingsButton</name>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>保存时的检查结果：选一项即在编辑区定位，有建议的可一键修正</source>
        <translation>What the checks found at the last save: choose one to show it in the editor; apply a suggested fix in one click</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>检查：{counts}</source>
        <translation>Checks: {counts}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>（删去）</source>
        <translation>(remove it)</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>　　修正为“{fix}”</source>
        <translation>    Change to “{fix}”</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>还有 {count} 项，见审签面板</source>
        <translation>{count} more, see the review panel</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>原文已经改动，找不到这处问题；保存后会重新检查。</source>
        <translation>The text has changed and this finding is no longer there; saving checks again.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>✖ {count}</source>
        <translation>✖ {count}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>⚠ {count}</source>
        <translation>⚠ {count}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../editor/ui/findings_button.py" line="1"/>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>SaveChecks</name>
    <message>
        <location filename="../../editor/ui/save_checks.py" line="86"/>
        <source>{saved}；检查发现 {count} 个问题：{first}</source>
        <translation>{saved}; the checks found {count} problem(s): {first}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/save_checks.py" line="96"/>
        <source>{saved}；检查未能完成：{error}</source>
        <translation>{saved}; the checks could not finish: {error}</translation>
    </message>
</context>
<context>
    <name>LiveExport</name>
    <message>
        <location filename="../../editor/ui/live_export.py" line="125"/>
        <source>导出文件夹中必须显示改动的 {written} 个文件已更新（{seconds:.2f} 秒），正在更新其余页面…</source>
        <translation>The {written} files of the export folder that must show the change are updated ({seconds:.2f} s); updating the other pages…</translation>
    </message>
    <message>
        <location filename="../../editor/ui/live_export.py" line="133"/>
        <source>导出文件夹已更新：写入 {written} 个文件，用时 {seconds:.2f} 秒。</source>
        <translation>Export folder updated: {written} files written in {seconds:.2f} s.</translation>
    </message>
    <message>
        <location filename="../../editor/ui/live_export.py" line="146"/>
        <source>导出文件夹没有更新：{message}</source>
        <translation>The export folder was not updated: {message}</translation>
    </message>
    <message>
        <location filename="../../editor/ui/live_export.py" line="127"/>
        <source>导出文件夹中必须显示改动的页面已更新，其余页面没有更新：{message}</source>
        <translation>The pages of the export folder that must show the change are updated; the other pages were not: {message}</translation>
    </message>
</context>
</TS>
