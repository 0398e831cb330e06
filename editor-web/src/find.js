// Find and replace over the editor's text, one text block at a time.
import { TextSelection } from '@tiptap/pm/state'

function matchesIn(doc, text, caseSensitive) {
  const needle = caseSensitive ? text : text.toLowerCase()
  const found = []
  if (!needle) return found
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    let content = ''
    const offsets = []
    node.forEach((child, offset) => {
      if (child.isText) {
        for (let i = 0; i < child.text.length; i += 1) offsets.push(pos + 1 + offset + i)
        content += child.text
      } else {
        offsets.push(-1)
        content += '\ufffc'
      }
    })
    const hay = caseSensitive ? content : content.toLowerCase()
    let at = hay.indexOf(needle)
    while (at >= 0) {
      const from = offsets[at]
      const last = offsets[at + needle.length - 1]
      if (from >= 0 && last >= 0 && last - from === needle.length - 1) found.push({ from, to: last + 1 })
      at = hay.indexOf(needle, at + Math.max(1, needle.length))
    }
    return false
  })
  return found
}

/** Select the next (or previous) match after the selection, wrapping; false when none. */
export function findMatches(editor, text, caseSensitive, backward) {
  const found = matchesIn(editor.state.doc, text, caseSensitive)
  if (!found.length) return false
  const { from, to } = editor.state.selection
  let match
  if (backward) match = [...found].reverse().find(m => m.to <= from) || found[found.length - 1]
  else match = found.find(m => m.from >= to) || found[0]
  const tr = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, match.from, match.to))
  editor.view.dispatch(tr.scrollIntoView())
  editor.view.focus()
  return true
}

/** Replace the selected match (then find the next) or every match; returns how many. */
export function replaceMatches(editor, text, replacement, caseSensitive, all) {
  const state = editor.state
  if (all) {
    const found = matchesIn(state.doc, text, caseSensitive)
    if (!found.length) return 0
    const tr = state.tr
    for (const m of [...found].reverse()) {
      if (replacement) tr.insertText(replacement, m.from, m.to)
      else tr.delete(m.from, m.to)
    }
    editor.view.dispatch(tr)
    return found.length
  }
  const { from, to } = state.selection
  const selected = state.doc.textBetween(from, to, '\n')
  const same = caseSensitive ? selected === text : selected.toLowerCase() === text.toLowerCase()
  let count = 0
  if (from !== to && same) {
    const tr = replacement ? state.tr.insertText(replacement, from, to) : state.tr.delete(from, to)
    editor.view.dispatch(tr)
    count = 1
  }
  findMatches(editor, text, caseSensitive, false)
  return count
}
