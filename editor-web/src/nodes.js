// The newsroom's own blocks: the 新闻拓展 side box and an image with an editable caption.
import { Node, mergeAttributes } from '@tiptap/core'

const BOX_OPEN = /^:::box(?:[ \t]+([^\n]*))?[ \t]*\n/
const BOX_CLOSE = /^[ \t]*:::[ \t]*$/m

/** The box's heading as the page shows it, typed into a plain text field above the box's
 * content: the title is an attribute (plain text, one line), not part of the document's
 * text. Input-method composition in the field is not committed until it ends. */
function newsBoxView({ node, getPos, editor }) {
  let current = node
  let composing = false
  const dom = document.createElement('aside')
  dom.className = 'news-box'
  const head = document.createElement('div')
  head.className = 'news-box-head'
  head.contentEditable = 'false'
  const input = document.createElement('input')
  input.type = 'text'
  input.className = 'news-box-title'
  input.spellcheck = false
  input.value = node.attrs.title || ''
  input.placeholder = window.NewsdeskEditor?.text('boxTitle') || '框标题'
  input.title = window.NewsdeskEditor?.text('boxTitleHint') || ''
  head.appendChild(input)
  const content = document.createElement('div')
  content.className = 'news-box-body'
  dom.append(head, content)

  const commit = () => {
    if (composing) return
    const pos = getPos()
    if (typeof pos !== 'number' || input.value === (current.attrs.title || '')) return
    editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, { ...current.attrs, title: input.value }))
  }
  const intoBody = () => {
    const pos = getPos()
    if (typeof pos !== 'number') return
    editor.chain().focus().setTextSelection(pos + 2).run()
  }
  input.addEventListener('compositionstart', () => {
    composing = true
  })
  input.addEventListener('compositionend', () => {
    composing = false
    commit()
  })
  input.addEventListener('input', event => {
    if (!event.isComposing) commit()
  })
  input.addEventListener('keydown', event => {
    if (event.isComposing) return
    if (event.key === 'Enter' || event.key === 'ArrowDown' || event.key === 'Escape') {
      event.preventDefault()
      commit()
      intoBody()
    }
  })
  return {
    dom,
    contentDOM: content,
    update(updated) {
      if (updated.type !== current.type) return false
      current = updated
      const title = updated.attrs.title || ''
      if (!composing && input.value !== title) input.value = title
      return true
    },
    stopEvent: event => head.contains(event.target),
    ignoreMutation: mutation => head.contains(mutation.target),
  }
}

/** `:::box 新闻拓展` … `:::`: a block the editor can insert, edit and remove, its title typed
 * in place. */
export const NewsBox = Node.create({
  name: 'newsBox',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return { title: { default: '新闻拓展', parseHTML: el => el.getAttribute('data-title') || '' } }
  },
  parseHTML() {
    return [{ tag: 'aside.news-box' }]
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { class: 'news-box', 'data-title': node.attrs.title }), 0]
  },
  markdownTokenizer: {
    name: 'newsBox',
    level: 'block',
    start(src) {
      const m = src.match(/(^|\n):::box/)
      return m ? m.index + m[1].length : -1
    },
    tokenize(src, _tokens, lexer) {
      const open = src.match(BOX_OPEN)
      if (!open) return undefined
      const rest = src.slice(open[0].length)
      const close = rest.match(BOX_CLOSE)
      const inner = close ? rest.slice(0, close.index) : rest
      const end = close ? open[0].length + close.index + close[0].length : src.length
      return {
        type: 'newsBox',
        raw: src.slice(0, end),
        title: (open[1] || '').trim(),
        tokens: lexer.blockTokens(inner),
      }
    },
  },
  parseMarkdown(token, h) {
    const content = h.parseChildren(token.tokens || [])
    return h.createNode('newsBox', { title: token.title }, content.length ? content : [{ type: 'paragraph' }])
  },
  addNodeView() {
    return newsBoxView
  },
  renderMarkdown(node, h) {
    const text = (node.attrs?.title || '').trim()
    const title = text ? ` ${text}` : ''
    return `:::box${title}\n${h.renderChildren(node.content || [], '\n\n')}\n:::`
  },
  addCommands() {
    return {
      insertNewsBox:
        (title = '新闻拓展') =>
        ({ state, commands }) => {
          const { from, to, empty } = state.selection
          if (!empty) return commands.wrapIn(this.name, { title })
          return commands.insertContentAt({ from, to }, {
            type: this.name,
            attrs: { title },
            content: [{ type: 'paragraph' }],
          })
        },
      removeNewsBox:
        () =>
        ({ commands }) =>
          commands.lift(this.name),
    }
  },
})

const FIGURE_LINE = /^!\[((?:[^\]\\\n]|\\.)*)\]\(([^\s()]+)(?:[ \t]+"((?:[^"\\\n]|\\.)*)")?\)[ \t]*(?:\n(?:[ \t]*\n)+|\n?$)/

function unescapeMd(text) {
  return text.replace(/\\([\\`*_{}\[\]()#+\-.!"])/g, '$1')
}

function escapeTitle(text) {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
}

function escapeAlt(text) {
  return text.replace(/\\/g, '\\\\').replace(/([\[\]])/g, '\\$1')
}

/** An image alone in its paragraph: shown as the page's figure, the title its caption. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'text*',
  marks: '',
  draggable: true,
  isolating: true,
  addAttributes() {
    return {
      src: { default: '' },
      alt: { default: '' },
      shown: { default: null, rendered: false, parseHTML: () => null }, // redraws a placeholder
    }
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        contentElement: 'figcaption',
        getAttrs: el => {
          const img = el.querySelector('img')
          return img ? { src: img.getAttribute('data-src') || img.getAttribute('src') || '', alt: img.getAttribute('alt') || '' } : false
        },
      },
    ]
  },
  renderHTML({ node }) {
    return [
      'figure',
      { class: 'figure' },
      ['img', { src: window.NewsdeskEditor?.imageUrl(node.attrs.src) ?? node.attrs.src, 'data-src': node.attrs.src, alt: node.attrs.alt, contenteditable: 'false', draggable: 'false' }],
      ['figcaption', { 'data-placeholder': window.NewsdeskEditor?.text('caption') || '图注' }, 0],
    ]
  },
  markdownTokenizer: {
    name: 'figure',
    level: 'block',
    start(src) {
      const m = src.match(/(^|\n[ \t]*\n)!\[/)
      return m ? m.index + m[1].length : -1
    },
    tokenize(src) {
      const m = src.match(FIGURE_LINE)
      if (!m) return undefined
      return { type: 'figure', raw: m[0], alt: unescapeMd(m[1]), href: m[2], title: m[3] === undefined ? '' : m[3].replace(/\\(.)/g, '$1') }
    },
  },
  parseMarkdown(token, h) {
    return h.createNode('figure', { src: token.href, alt: token.alt }, token.title ? [{ type: 'text', text: token.title }] : [])
  },
  renderMarkdown(node) {
    const caption = (node.content || []).map(child => child.text || '').join('').trim()
    const title = caption ? ` "${escapeTitle(caption)}"` : ''
    return `![${escapeAlt(node.attrs.alt || '')}](${node.attrs.src}${title})`
  },
  addCommands() {
    return {
      insertFigure:
        ({ src, alt = '', caption = '' }) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { src, alt }, content: caption ? [{ type: 'text', text: caption }] : [] }),
    }
  },
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection
        if ($from.parent.type.name !== this.name) return false
        const after = $from.after()
        return editor.chain().insertContentAt(after, { type: 'paragraph' }).setTextSelection(after + 1).run()
      },
    }
  },
})
