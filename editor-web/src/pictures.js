// Pictures that are not on this computer. The editor view loads only local files, so a web
// address would show as a broken image: it is drawn as a placeholder instead, saying whether
// the application is storing the picture (a pasted one), could not (and why), or whether the
// body links it. A stored picture replaces the address with its `asset:` reference.
import Image from '@tiptap/extension-image'

const LOCAL = /^(asset:|data:|file:|blob:)/
const states = new Map() // address -> { state: 'fetching' | 'failed', detail }
const stored = new Map() // address -> the asset: reference it was stored as
let words = key => key

/** Where the page's translated words come from (NewsdeskEditor.text). */
export function useWords(lookup) {
  words = lookup
}

function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

function shorten(text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text
}

/** A drawn card for a picture the view cannot load, as a data: address. */
export function placeholder(src) {
  const { state, detail } = states.get(src) || { state: 'remote', detail: '' }
  const title = words(state === 'fetching' ? 'imageFetching' : state === 'failed' ? 'imageFailed' : 'imageRemote')
  const colour = state === 'failed' ? '#a01818' : '#555'
  const lines = [
    `<text x="320" y="${detail ? 62 : 74}" font-size="20" fill="${colour}">${escapeXml(title)}</text>`,
    `<text x="320" y="${detail ? 92 : 108}" font-size="13" fill="#888">${escapeXml(shorten(src, 80))}</text>`,
  ]
  if (detail) lines.push(`<text x="320" y="120" font-size="14" fill="${colour}">${escapeXml(shorten(detail, 60))}</text>`)
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="160" viewBox="0 0 640 160"' +
    ' font-family="sans-serif" text-anchor="middle">' +
    '<rect x="1" y="1" width="638" height="158" fill="#f5f5f5" stroke="#bbb" stroke-dasharray="6 4"/>' +
    lines.join('') +
    '</svg>'
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg)
}

/** The address the view loads for a body's image address. */
export function viewAddress(src, assetBase) {
  if (!src) return src
  if (src.startsWith('asset:')) return assetBase ? assetBase + src.slice(6) : src
  return LOCAL.test(src) ? src : placeholder(src)
}

/** An inline image shown through viewAddress (the body's own address kept in data-src).
 * `shown` is never stored: changing it redraws the image when its state changes. */
export const NewsImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      src: {
        default: null,
        parseHTML: el => el.getAttribute('data-src') || el.getAttribute('src'),
        renderHTML: attrs => ({ src: window.NewsdeskEditor?.imageUrl(attrs.src) ?? attrs.src, 'data-src': attrs.src }),
      },
      shown: { default: null, rendered: false, parseHTML: () => null },
    }
  },
})

/** Change the image and figure nodes whose address passes `test` (no undo step: this is
 * the application catching up, not an edit). */
function retouch(editor, test, change) {
  const tr = editor.state.tr
  editor.state.doc.descendants((node, pos) => {
    if ((node.type.name === 'figure' || node.type.name === 'image') && node.attrs.src && test(node.attrs.src)) {
      tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...change(node.attrs.src) })
    }
  })
  if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false))
}

/** The application is storing these addresses (pasted pictures). */
export function fetching(editor, addresses) {
  for (const src of addresses) states.set(src, { state: 'fetching', detail: '' })
  const wanted = new Set(addresses)
  retouch(editor, src => wanted.has(src), () => ({ shown: 'fetching' }))
}

/** A picture was stored: every use of its address becomes the asset reference. */
export function storedAs(editor, address, reference) {
  states.delete(address)
  stored.set(address, reference)
  retouch(editor, src => src === address, () => ({ src: reference, shown: null }))
}

/** A picture could not be stored: its placeholder says why (the body keeps the link). */
export function failed(editor, address, reason) {
  states.set(address, { state: 'failed', detail: reason || '' })
  retouch(editor, src => src === address, () => ({ shown: `failed ${reason}` }))
}

/** Pictures stored before their paste reached the document take their reference now. */
export function catchUp(editor) {
  if (stored.size) retouch(editor, src => stored.has(src), src => ({ src: stored.get(src), shown: null }))
}
