// The 所见即所得 body editor of Newsdesk: Tiptap with Markdown as the stored format.
// The page talks to the application through window.NewsdeskEditor and a QWebChannel bridge.
import { Editor, createDocument } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import Paragraph from '@tiptap/extension-paragraph'
import { Markdown } from '@tiptap/markdown'
import { marked, Tokenizer } from 'marked'
import { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table'
import { Placeholder } from '@tiptap/extensions'
import { NewsBox, Figure } from './nodes.js'
import { collapseInTitle, findMatches, replaceMatches, selectedText } from './find.js'
import { NewsImage, viewAddress, useWords, fetching, storedAs, failed, catchUp } from './pictures.js'

// A line of text that Markdown would read as a heading, list item or quote keeps a backslash.
const LINE_START = /^(#{1,6}(?=\s|$)|\d+(?=[.)]\s)|[-+*](?=\s)|>)/gm

function escapeLineStarts(text) {
  return text.replace(LINE_START, (mark) => (/^\d/.test(mark) ? mark : '\\' + mark)).replace(/^(\d+)([.)])(?=\s)/gm, '$1\\$2')
}

/** Paragraphs: an empty one has no Markdown (the page shows none); marks at a line start
 * stay text. */
const NewsParagraph = Paragraph.extend({
  renderMarkdown(node, h, ctx) {
    if (!node || !Array.isArray(node.content) || node.content.length === 0) return ''
    return escapeLineStarts(this.parent(node, h, ctx))
  },
})

// Top-level nodes are immutable and shared between editor states: a keystroke changes one,
// so the Markdown of the others comes from this cache.
const blockMarkdown = new WeakMap()

function serializeDoc(doc) {
  const parts = []
  doc.forEach(node => {
    let markdown = blockMarkdown.get(node)
    if (markdown === undefined) {
      markdown = editor.markdown.serialize({ type: 'doc', content: [node.toJSON()] })
      blockMarkdown.set(node, markdown)
    }
    parts.push(markdown)
  })
  return tidy(parts.join('\n\n'))
}

/** The editor's Markdown, tidied: no runs of blank lines outside code, one final newline. */
function tidy(markdown) {
  const parts = markdown.split(/(^```[\s\S]*?^```[ \t]*$)/m)
  const text = parts.map((part, i) => (i % 2 ? part : part.replace(/\n{3,}/g, '\n\n'))).join('')
  const trimmed = text.replace(/^\n+/, '').replace(/\s+$/, '')
  return trimmed ? trimmed + '\n' : ''
}

/** marked, read the way the publisher's Python-Markdown reads: bare URLs stay text, and
 * `**粗体，**正文` is bold even where CommonMark's flanking rules would say no. */
class PortalTokenizer extends Tokenizer {
  url() {
    return undefined
  }

  emStrong(src, maskedSrc, prevChar) {
    const token = super.emStrong(src, maskedSrc, prevChar)
    if (token) return token
    const strong = /^\*\*([^\n]+?)\*\*/.exec(src)
    if (strong) return { type: 'strong', raw: strong[0], text: strong[1], tokens: this.lexer.inlineTokens(strong[1]) }
    const em = /^\*([^*\n]+)\*/.exec(src)
    if (em) return { type: 'em', raw: em[0], text: em[1], tokens: this.lexer.inlineTokens(em[1]) }
    return undefined
  }
}

const extensions = [
  StarterKit.configure({
    strike: false,
    underline: false,
    trailingNode: false,
    paragraph: false,
    link: { openOnClick: false, autolink: false, linkOnPaste: true },
    heading: { levels: [2, 3, 4, 5, 6] },
  }),
  NewsParagraph,
  NewsImage.configure({ inline: true }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
  NewsBox,
  Figure,
  Placeholder.configure({ placeholder: () => placeholderText }),
  Markdown.configure({ marked, markedOptions: { gfm: true, tokenizer: new PortalTokenizer() } }),
]

let assetBase = ''
let placeholderText = ''
let texts = {} // the page's own words, in the application's language (setTexts)
let bridge = null
let lastSent = null
let loading = false

function makeEditor(element) {
  return new Editor({
    element,
    extensions,
    content: '',
    editorProps: {
      attributes: { spellcheck: 'false', class: 'article-body' },
      handlePaste: (view, event) => onPaste(event),
      handleDrop: (view, event) => onDrop(view, event),
    },
    onUpdate: ({ editor }) => {
      if (editor.view.composing || loading) return
      send()
    },
  })
}

let editor = null

function send() {
  if (!editor || editor.view.composing) return
  const markdown = serializeDoc(editor.state.doc)
  if (markdown === lastSent) return
  lastSent = markdown
  if (bridge) bridge.contentChanged(markdown)
}

function onPaste(event) {
  const data = event.clipboardData
  if (!data || !bridge) return false
  const files = Array.from(data.files || []).filter(f => f.type.startsWith('image/'))
  const html = data.getData('text/html')
  if (files.length && !html) {
    storeFiles(files)
    return true
  }
  if (html) {
    pasteHtml(html)
    return true
  }
  return false
}

/** Web or office HTML through the application's cleaner; the pictures it is still
 * fetching show as placeholders and take their stored reference when they arrive. */
function pasteHtml(html) {
  bridge.cleanPaste(html, markdown => {
    if (!markdown) return
    editor.chain().focus().insertContent(markdown, { contentType: 'markdown' }).run()
    catchUp(editor)
  })
}

function onDrop(view, event) {
  const files = Array.from(event.dataTransfer?.files || []).filter(f => f.type.startsWith('image/'))
  const html = event.dataTransfer?.getData('text/html') || ''
  if (!bridge || view.dragging || (!files.length && !html)) return false // moves inside the body stay ProseMirror's
  const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
  if (at) editor.commands.setTextSelection(at.pos)
  if (files.length) storeFiles(files)
  else pasteHtml(html) // a picture or a passage dragged from a browser
  return true
}

function storeFiles(files) {
  for (const file of files) {
    const reader = new FileReader()
    reader.onload = () => {
      const base64 = String(reader.result).split(',', 2)[1] || ''
      bridge.storeImage(base64, file.name || 'pasted.png', sha => {
        if (sha) insertImage(`asset:${sha}`, '', '')
      })
    }
    reader.readAsDataURL(file)
  }
}

/** Put the cursor at the end of the first text of the last `typeName` node that starts
 * before the cursor (the node a command just inserted). */
function cursorInto(typeName) {
  const head = editor.state.selection.from
  let target = null
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === typeName && pos < head) target = { node, pos }
  })
  if (!target) return
  let inside = null
  if (target.node.isTextblock) inside = target.pos + 1 + target.node.content.size
  else
    target.node.descendants((child, offset) => {
      if (inside === null && child.isTextblock) inside = target.pos + 1 + offset + 1 + child.content.size
      return inside === null
    })
  if (inside !== null) editor.commands.setTextSelection(inside)
}

function insertImage(src, alt, caption) {
  editor.chain().focus().insertFigure({ src, alt, caption }).run()
  cursorInto('figure')
}

const commands = {
  bold: () => editor.chain().focus().toggleBold().run(),
  italic: () => editor.chain().focus().toggleItalic().run(),
  heading: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
  quote: () => editor.chain().focus().toggleBlockquote().run(),
  bullets: () => editor.chain().focus().toggleBulletList().run(),
  numbers: () => editor.chain().focus().toggleOrderedList().run(),
  link: href => {
    const chain = editor.chain().focus()
    if (editor.state.selection.empty) {
      return chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run()
    }
    return chain.extendMarkRange('link').setLink({ href }).run()
  },
  unlink: () => editor.chain().focus().unsetLink().run(),
  table: (first, second) =>
    editor
      .chain()
      .focus()
      .insertContent({
        type: 'table',
        content: [
          { type: 'tableRow', content: [first, second].map(t => ({ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })) },
          { type: 'tableRow', content: [0, 1].map(() => ({ type: 'tableCell', content: [{ type: 'paragraph' }] })) },
        ],
      })
      .run(),
  box: title => {
    if (editor.isActive('newsBox')) return editor.chain().focus().removeNewsBox().run()
    const { $from, empty } = editor.state.selection
    const box = { type: 'newsBox', attrs: { title }, content: [{ type: 'paragraph' }] }
    if (!empty) return editor.chain().focus().insertNewsBox(title).run() // wraps the selection
    if ($from.depth >= 1 && $from.parent.isTextblock && $from.parent.content.size === 0 && $from.depth === 1) {
      editor.chain().focus().insertContentAt({ from: $from.before(1), to: $from.after(1) }, box).run()
      cursorInto('newsBox')
    } else {
      // after the block the cursor is in, never splitting its text
      const at = $from.depth >= 1 ? $from.after(1) : $from.pos
      editor.chain().focus().insertContentAt(at, box).setTextSelection(at + 2).run()
    }
    return true
  },
  rule: () => editor.chain().focus().setHorizontalRule().run(),
  image: (src, alt, caption) => insertImage(src, alt || '', caption || ''),
  markdown: text => editor.chain().focus().insertContent(text, { contentType: 'markdown' }).run(),
  text: text => editor.chain().focus().insertContent({ type: 'text', text }).run(),
  undo: () => editor.chain().focus().undo().run(),
  redo: () => editor.chain().focus().redo().run(),
}

window.NewsdeskEditor = {
  /** Show a body; returns the Markdown the editor would save for it. */
  load(markdown) {
    loading = true
    try {
      // not an edit: undo right after opening must not empty the body
      editor.chain().setMeta('addToHistory', false).setContent(markdown || '', { contentType: 'markdown', emitUpdate: false }).run()
      editor.commands.setTextSelection(1)
      editor.view.dom.focus({ preventScroll: true })
    } finally {
      loading = false
    }
    lastSent = serializeDoc(editor.state.doc)
    return lastSent
  },
  /** The Markdown of a body after one trip through the editor (the view is left as it was:
   * the document is parsed and put through the editor's state, plugins included, but never
   * drawn, which makes `newsdesk roundtrip` several times faster). */
  roundTrip(markdown) {
    const doc = createDocument(editor.markdown.parse(markdown || ''), editor.schema)
    const { state } = editor
    const tr = state.tr.replaceWith(0, state.doc.content.size, doc.content).setMeta('addToHistory', false)
    return serializeDoc(state.apply(tr).doc)
  },
  /** roundTrip of each body of a list, as a JSON array (one call for a batch of articles). */
  roundTripAll: bodies => JSON.stringify(bodies.map(body => window.NewsdeskEditor.roundTrip(body))),
  markdown: () => serializeDoc(editor.state.doc),
  /** Replace the whole body as one undoable edit (一键排版). */
  replaceAll(markdown) {
    editor.chain().focus().setContent(markdown || '', { contentType: 'markdown' }).run()
    send()
    return serializeDoc(editor.state.doc)
  },
  command(name, ...args) {
    const run = commands[name]
    const done = run ? run(...args) : false
    send()
    return !!done
  },
  find: (text, caseSensitive, backward) => findMatches(editor, text, !!caseSensitive, !!backward),
  replace: (text, replacement, caseSensitive, all) => {
    const count = replaceMatches(editor, text, replacement, !!caseSensitive, !!all)
    send()
    return count
  },
  /** Select the first occurrence of `text` (or put the cursor at its start or end). */
  select(text, collapse) {
    if (!findMatches(editor, text, true, false)) return false
    if (collapseInTitle(editor, collapse)) return true
    const { from, to } = editor.state.selection
    if (collapse === 'start') editor.commands.setTextSelection(from)
    if (collapse === 'end') editor.commands.setTextSelection(to)
    return true
  },
  selectedText: () => selectedText(editor),
  isComposing: () => editor.view.composing,
  setPlaceholder(text) {
    placeholderText = text || ''
    editor.view.dispatch(editor.state.tr)
  },
  /** The words the page shows itself (box title hint, caption hint…), translated. */
  setTexts(words) {
    texts = { ...texts, ...(words || {}) }
  },
  text: key => texts[key] || '',
  setAssetBase(base) {
    assetBase = base
  },
  imageUrl: src => viewAddress(src, assetBase),
  /** Pasted pictures the application is downloading (shown as placeholders meanwhile). */
  imagesFetching(addresses) {
    fetching(editor, addresses || [])
  },
  imageStored(address, reference) {
    storedAs(editor, address, reference)
  },
  imageFailed(address, reason) {
    failed(editor, address, reason)
  },
  focus: () => editor.commands.focus(),
  setEditable: on => editor.setEditable(!!on),
}

function connect() {
  if (typeof QWebChannel === 'undefined' || typeof qt === 'undefined') return
  new QWebChannel(qt.webChannelTransport, channel => {
    bridge = channel.objects.bridge
    if (bridge) bridge.ready()
  })
}

document.addEventListener('DOMContentLoaded', () => {
  useWords(key => texts[key] || key)
  editor = makeEditor(document.getElementById('editor'))
  editor.view.dom.addEventListener('compositionend', () => setTimeout(send, 0))
  // The view gets keyboard focus from Qt: the text, not the page, takes the typing.
  window.addEventListener('focus', () => {
    if (!editor.view.dom.contains(document.activeElement)) editor.view.dom.focus({ preventScroll: true })
  })
  connect()
})
