"""Small synthetic inputs for import tests: a news page, a Word manuscript, local servers."""

from __future__ import annotations

import io
import threading
import zipfile
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPH = (
    "成都正加速推进校地协同发展，打通科技成果转化的“最后一公里”，为城市高质量发展注入创新动能。"
)


def news_page(
    title: str = "成都与上海交大共建5个高能级研究平台",
    url: str = "https://news.example.cn/a/1.html",
    when: str = "2023-11-23 10:00",
    charset: str | None = "utf-8",
) -> str:
    """A small portal article page with navigation, info line, body and footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{PARAGRAPH}第{i}段。</p>" for i in range(6))
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}_示例新闻网</title>"
        f'<link rel="canonical" href="{url}"></head><body>'
        '<div class="nav"><a href="/">首页</a><a href="/c">财经</a><a href="/t">科技</a></div>'
        f'<div class="article"><h1>{title}</h1><div class="info">{when} 来源：'
        '<a href="https://www.cdrb.com.cn/">成都日报</a> 作者：黄雪松</div>'
        f'<div class="content">{body}<p>（责任编辑：网宣黄怡竞）</p></div></div>'
        '<div class="footer">关于我们 | 版权所有 | 蜀ICP备16001277号-1</div></body></html>'
    )


def png_bytes(color: str = "red") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, "PNG")
    return buffer.getvalue()


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)


def _para(text: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _image(alt: str) -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="76200" cy="76200"/>'
        f'<wp:docPr id="1" name="Picture 1" descr="{alt}"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdImage"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def docx_bytes(image: bytes) -> bytes:
    """A Word manuscript: title, paragraphs, a Heading 2, an image with caption, credits."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
        for sid, name in (("Title", "Title"), ("Heading2", "heading 2"), ("Caption", "Caption"))
    )
    body = "".join(
        [
            _para("川商走世界：一篇Word稿件", "Title"),
            _para("第一段正文，写明事情的经过。"),
            _para("市校合作再升级", "Heading2"),
            _image("签约现场"),
            _para("图为签约现场。", "Caption"),
            _para("第二段正文。"),
            _para("(成都日报锦观新闻记者 黄雪松 摄影 魏麟潇)"),
            _para("(责编:网宣黄怡竞)"),
        ]
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImage" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            'Target="media/image1.png"/><Relationship Id="rIdStyles" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_NS}>{styles}</w:styles>',
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}</w:body>'
            "</w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
        package.writestr("word/media/image1.png", image)
    return buffer.getvalue()


@contextmanager
def http_server(
    pages: dict[str, tuple[bytes, str]], silent: bool = False, requests: list | None = None
):
    """A local server on 127.0.0.1: path -> (bytes, content type); `silent` never answers;
    `requests` collects (path, headers) of what was asked."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if requests is not None:
                requests.append((self.path, dict(self.headers)))
            if silent:
                release.wait(30)
                return
            data, kind = pages.get(self.path, (b"", ""))
            self.send_response(200 if data else 404)
            self.send_header("Content-Type", kind or "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        release.set()
        server.shutdown()
        server.server_close()
