// Find and replace over the editor's text, one text block at a time, and over the titles of
// the 新闻拓展 boxes (an attribute typed into a field above the box, not document text).
import { TextSelection } from '@tiptap/pm/state'

// The box title match last selected: { box: the box's position, start } (null: none).
let titleAt = null

// A match is { from, to } in the document's text, or { box, start, end } in the title of the
// box at position `box`; `key` orders both kinds in the document (a title before its box's
// content).
function titleKey(box, start, length) {
  return box + (0.5 * (start + 1)) / (length + 2)
}

function matchesIn(doc, text, caseSensitive) {
  const needle = caseSensitive ? text : text.toLowerCase()
  const found = []
  if (!needle) return found
  const step = Math.max(1, needle.length)
  doc.descendants((node, pos) => {
    if (node.type.name === 'newsBox') {
      const title = node.attrs.title || ''
      const hay = caseSensitive ? title : title.toLowerCase()
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + step)) {
        found.push({ box: pos, start: at, end: at + needle.length, key: titleKey(pos, at, title.length) })
      }
      return true
    }
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
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + step)) {
      const from = offsets[at]
      const last = offsets[at + needle.length - 1]
      if (from >= 0 && last >= 0 && last - from === needle.length - 1) found.push({ from, to: last + 1, key: from })
    }
    return false
  })
  return found
}

function titleField(editor, box) {
  const dom = editor.view.nodeDOM(box)
  return dom && dom.querySelector ? dom.querySelector('input.news-box-title') : null
}

/** The box title match the user is in: the field of `titleAt` has the focus. */
function currentTitle(editor) {
  if (!titleAt) return null
  const field = titleField(editor, titleAt.box)
  if (!field || document.activeElement !== field) {
    titleAt = null
    return null
  }
  return { field, ...titleAt }
}

function show(editor, match) {
  if (match.box === undefined) {
    titleAt = null
    const tr = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, match.from, match.to))
    editor.view.dispatch(tr.scrollIntoView())
    editor.view.focus()
    return true
  }
  const field = titleField(editor, match.box)
  if (!field) return false
  field.scrollIntoView({ block: 'nearest' })
  field.focus()
  field.setSelectionRange(match.start, match.end)
  titleAt = { box: match.box, start: match.start }
  return true
}

/** Select the first match at or after `after`, wrapping. */
function selectFrom(editor, found, after) {
  return show(editor, found.find(m => m.key >= after) || found[0])
}

/** [where a next match may start, where a previous one must end] for the cursor. */
function cursorKeys(editor) {
  const inTitle = currentTitle(editor)
  if (inTitle) {
    const title = editor.state.doc.nodeAt(inTitle.box)?.attrs.title || ''
    const here = titleKey(inTitle.box, inTitle.start, title.length)
    return [titleKey(inTitle.box, inTitle.start + 1, title.length), here]
  }
  const { from, to } = editor.state.selection
  // a text match counts from its start, the cursor from the selection's end (forward)
  return [to, from]
}

/** Select the next (or previous) match after the selection, wrapping; false when none. */
export function findMatches(editor, text, caseSensitive, backward) {
  const found = matchesIn(editor.state.doc, text, caseSensitive)
  if (!found.length) return false
  const [after, before] = cursorKeys(editor)
  if (!backward) return selectFrom(editor, found, after)
  // a text match before the cursor ends at or before the selection's start
  const earlier = found.filter(m => (m.box === undefined ? m.to <= before : m.key < before))
  return show(editor, earlier.length ? earlier[earlier.length - 1] : found[found.length - 1])
}

/** When a box title match is selected: collapse it to its start or end (`collapse`), and
 * true; false when the selection is in the document's text. */
export function collapseInTitle(editor, collapse) {
  const inTitle = currentTitle(editor)
  if (!inTitle) return false
  const { field } = inTitle
  if (collapse === 'start') field.setSelectionRange(field.selectionStart, field.selectionStart)
  if (collapse === 'end') field.setSelectionRange(field.selectionEnd, field.selectionEnd)
  return true
}

/** The selected text: in the box title field when a title match is selected there. */
export function selectedText(editor) {
  const inTitle = currentTitle(editor)
  if (inTitle) return inTitle.field.value.slice(inTitle.field.selectionStart, inTitle.field.selectionEnd)
  const { from, to } = editor.state.selection
  return editor.state.doc.textBetween(from, to, '\n')
}

function replacedTitle(title, ranges, replacement) {
  let out = title
  for (const { start, end } of [...ranges].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, start) + replacement + out.slice(end)
  }
  return out
}

/** Replace the selected match (then find the next) or every match; returns how many. */
export function replaceMatches(editor, text, replacement, caseSensitive, all) {
  const state = editor.state
  if (all) {
    const found = matchesIn(state.doc, text, caseSensitive)
    if (!found.length) return 0
    const titles = new Map() // box position -> its title matches
    for (const m of found) if (m.box !== undefined) titles.set(m.box, [...(titles.get(m.box) || []), m])
    const tr = state.tr
    const done = new Set()
    for (const m of [...found].reverse()) {
      if (m.box === undefined) {
        if (replacement) tr.insertText(replacement, m.from, m.to)
        else tr.delete(m.from, m.to)
      } else if (!done.has(m.box)) {
        // (later positions first: the box's own position has not moved yet)
        done.add(m.box)
        const node = tr.doc.nodeAt(m.box)
        tr.setNodeMarkup(m.box, undefined, { ...node.attrs, title: replacedTitle(node.attrs.title || '', titles.get(m.box), replacement) })
      }
    }
    editor.view.dispatch(tr)
    titleAt = null
    return found.length
  }
  const inTitle = currentTitle(editor)
  if (inTitle) {
    const { field, box } = inTitle
    const start = field.selectionStart
    const end = field.selectionEnd
    const selected = field.value.slice(start, end)
    const same = caseSensitive ? selected === text : selected.toLowerCase() === text.toLowerCase()
    if (!same || start === end) {
      findMatches(editor, text, caseSensitive, false)
      return 0
    }
    const node = state.doc.nodeAt(box)
    const title = replacedTitle(node.attrs.title || '', [{ start, end }], replacement)
    editor.view.dispatch(state.tr.setNodeMarkup(box, undefined, { ...node.attrs, title }))
    const found = matchesIn(editor.state.doc, text, caseSensitive)
    if (found.length) selectFrom(editor, found, titleKey(box, start + replacement.length, title.length))
    return 1
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
