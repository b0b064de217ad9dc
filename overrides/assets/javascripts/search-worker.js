/*
 * Site search worker for Material for MkDocs' search UI.
 *
 * Speaks Material's worker protocol (SETUP → READY, QUERY → RESULT; see Material's
 * integrations/search/worker/message), so the search box, keyboard navigation, result
 * list, previews and the `?h=` highlighting on the target page are Material's own.
 * What differs is matching: instead of OR-ing lunr tokens, a query term must occur in
 * a page as a whole substring, after both the page text and the query have been
 * folded to one script (config.fold, generated at build time from the corpus and
 * OpenCC) — so 團體標準 and 团体标准 find the same pages in either variant, and a
 * multi-word query never returns pages that contain only one of its words.
 *
 *   query    := term ( whitespace term )*      all terms required; "…" keeps spaces
 *   term     := found as a whole somewhere  → required as a whole
 *             | found nowhere as a whole    → split into indexed words (config.words,
 *                                             jieba + the site's user dictionary);
 *                                             words found nowhere are shown as missing
 *
 * Index format: build_tools/search_index.py.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const FORMAT = "policyref-substring/1"  /* build_tools/search_index.py FORMAT */

let index = null

/* ---- folding --------------------------------------------------------------------- */

function makeFold(pairs) {
  const map = new Map()
  for (let i = 0; i + 1 < pairs.length; i += 2)
    map.set(pairs[i], pairs[i + 1])
  return text => {
    let out = ""
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      const to = map.get(ch)
      out += to === undefined ? ch : to
    }
    return out
  }
}

/* ---- index ------------------------------------------------------------------------ */

function setup({ config, docs, options }) {
  if (config.format !== FORMAT)  /* e.g. a cached index of another version: still usable */
    console.warn(`search index format ${config.format}, expected ${FORMAT}`)
  const fold = makeFold(config.fold || "")
  const pages = new Map()
  const all = []
  let path = ""
  for (const doc of docs) {
    const [where, title, text] = Array.isArray(doc) ? doc : [doc.location, doc.title, doc.text]
    const location = where.startsWith("#") ? path + where : where
    path = location.split("#")[0]
    const entry = {
      location,
      page: path,
      title,
      text,
      ftitle: fold(title),
      ftext: fold(text),
      article: path === location
    }
    all.push(entry)
    if (!pages.has(path))
      pages.set(path, { path, order: pages.size, docs: [] })
    pages.get(path).docs.push(entry)
  }
  const words = (config.words || "").split("|").filter(Boolean)
  const fwords = words.map(fold)
  let longest = 1
  for (const w of fwords)
    longest = Math.max(longest, w.length)
  return {
    fold, pages: [...pages.values()], all, words, fwords,
    wordset: new Set(fwords), longest,
    suggest: !!(options && options.suggest)
  }
}

function occursAnywhere(key) {
  for (const d of index.all)
    if (d.ftext.includes(key) || d.ftitle.includes(key))
      return true
  return false
}

/* Split a folded term that occurs nowhere as a whole into indexed words (longest
   first). A run between words is cut into the longest pieces (≥ 2 characters) that
   occur somewhere; what is left of it is reported as missing. Returns [start, length,
   found] triples over `key`. */
function segment(key) {
  const parts = []
  let start = -1
  const flush = end => {
    let miss = -1
    for (let i = start; i < end;) {
      let n = end - i
      while (n > 1 && !occursAnywhere(key.substr(i, n)))
        n--
      if (n > 1) {
        if (miss !== -1) { parts.push([miss, i - miss, false]); miss = -1 }
        parts.push([i, n, true])
        i += n
      } else {
        if (miss === -1) miss = i
        i++
      }
    }
    if (miss !== -1)
      parts.push([miss, end - miss, false])
    start = -1
  }
  for (let i = 0; i < key.length;) {
    let hit = 0
    for (let n = Math.min(index.longest, key.length - i); n >= 2; n--)
      if (index.wordset.has(key.substr(i, n))) { hit = n; break }
    if (hit) {
      if (start !== -1) flush(i)
      parts.push([i, hit, true])
      i += hit
    } else {
      if (start === -1) start = i
      i++
    }
  }
  if (start !== -1)
    flush(key.length)
  return parts
}

function parse(query) {
  const raw = []
  const re = /["“”]([^"“”]+)["“”]|(\S+)/g
  let m
  while ((m = re.exec(query)))
    raw.push((m[1] || m[2]).trim())
  const units = [], missing = [], seen = new Set()
  for (const term of raw) {
    const cleaned = term.replace(/^[+]+|[*]+$/g, "")
    const key = index.fold(cleaned)
    if (!key || seen.has(key))
      continue
    seen.add(key)
    if (occursAnywhere(key)) {
      units.push({ raw: cleaned, key, whole: true })
      continue
    }
    for (const [start, length, found] of segment(key)) {
      const part = key.substr(start, length), rawPart = cleaned.substr(start, length)
      if (!part.trim() || seen.has(part))
        continue
      seen.add(part)
      if (found)
        units.push({ raw: rawPart, key: part, whole: false })
      else
        missing.push(rawPart)
    }
  }
  return { raw, units, missing }
}

/* ---- scoring and rendering ------------------------------------------------------------ */

function count(haystack, key) {
  let n = 0
  for (let i = haystack.indexOf(key); i !== -1 && n < 20; i = haystack.indexOf(key, i + key.length))
    n++
  return n
}

const LABEL = /^[（(]?[一二三四五六七八九十百零〇0-9]+[)）、.．]\s*/
const TRAIL = /[。；;.，,\s]+$/

function exactTitle(ftitle, key) {
  return ftitle === key || ftitle.replace(LABEL, "").replace(TRAIL, "") === key
}

function scoreDoc(doc, units) {
  let score = 0
  for (const u of units) {
    const inTitle = doc.ftitle.includes(u.key)
    const n = count(doc.ftext, u.key)
    let s = 0
    if (inTitle)
      s += 10 + (doc.article ? 5 : 0) + (exactTitle(doc.ftitle, u.key) ? 50 : 0)
    if (n)
      s += 1 + Math.min(2, Math.log2(n))  /* a few mentions count, dozens do not dominate */
    score += s * (u.weight || 1)
  }
  return score
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

/* Escape `text`, wrapping every occurrence of a unit (found in the folded `ftext`) in <mark> */
function highlight(text, ftext, units) {
  const marks = []
  for (const u of units)
    for (let i = ftext.indexOf(u.key); i !== -1; i = ftext.indexOf(u.key, i + u.key.length))
      marks.push([i, i + u.key.length])
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let out = "", pos = 0
  for (const [start, end] of marks) {
    if (start < pos)
      continue
    out += escapeHTML(text.slice(pos, start))
    out += `<mark data-md-highlight>${escapeHTML(text.slice(start, end))}</mark>`
    pos = end
  }
  return out + escapeHTML(text.slice(pos))
}

/* A preview of a document's text around its first match (or its start) */
function snippet(doc, units) {
  if (!doc.text)
    return ""
  let first = -1
  for (const u of units) {
    const i = doc.ftext.indexOf(u.key)
    if (i !== -1 && (first === -1 || i < first))
      first = i
  }
  const before = 30, after = 110
  let start = first === -1 ? 0 : Math.max(0, first - before)
  const newline = doc.text.lastIndexOf("\n", first)
  if (first !== -1 && newline >= start)
    start = newline + 1
  const end = Math.min(doc.text.length, (first === -1 ? 0 : first) + after)
  const text = doc.text.slice(start, end).replace(/\n/g, " ")
  const ftext = doc.ftext.slice(start, end).replace(/\n/g, " ")
  return "<p>" + (start > 0 ? "…" : "") + highlight(text, ftext, units) +
    (end < doc.text.length ? "…" : "") + "</p>"
}

/* The text actually matched on a page, in the page's own script (for `?h=`); terms
   the page lacks are false (Material lists them as missing) */
function matchedTerms(page, units, missing) {
  const terms = {}
  for (const u of units) {
    if (!pageHas(page, u)) {
      terms[u.raw] = false
      continue
    }
    let form = u.raw
    for (const d of page.docs) {
      const i = d.ftext.indexOf(u.key)
      if (i !== -1) { form = d.text.substr(i, u.key.length); break }
      const j = d.ftitle.indexOf(u.key)
      if (j !== -1) { form = d.title.substr(j, u.key.length); break }
    }
    terms[form] = true
  }
  for (const m of missing)
    terms[m] = false
  return terms
}

function pageHas(page, unit) {
  return page.docs.some(d => d.ftitle.includes(unit.key) || d.ftext.includes(unit.key))
}

function suggestion(query) {
  const words = query.split(/([\s-]+)/)
  const last = words[words.length - 1]
  if (!last || !/\p{sc=Han}/u.test(last))
    return []
  for (const word of index.words)  /* most frequent first; Material needs a literal prefix */
    if (word.length > last.length && word.startsWith(last))
      return [last + word.slice(last.length)]
  return []
}

function search(query) {
  query = query.normalize("NFC").trim()
  if (!query)
    return { items: [] }
  const { units, missing } = parse(query)
  const result = { items: [] }
  if (index.suggest)
    result.suggest = suggestion(query)
  if (!units.length)
    return result

  /* Pages that contain every unit. If none does (only possible for a query that occurs
     nowhere as a whole), the pages that contain its rarest word, the others shown as
     missing — a bounded, most specific answer rather than a flood of common words */
  for (const u of units)
    u.df = index.pages.filter(page => pageHas(page, u)).length
  let wanted = page => units.every(u => pageHas(page, u))
  if (!index.pages.some(wanted)) {
    const rarest = units.reduce((a, b) => (b.df < a.df ? b : a))
    wanted = page => pageHas(page, rarest)
  }
  const total = index.pages.length
  for (const u of units)
    u.weight = units.length > 1 ? 1 + Math.log(total / u.df) : 1

  const groups = []
  for (const page of index.pages) {
    if (!wanted(page))
      continue
    const terms = matchedTerms(page, units, missing)
    const items = []
    let best = 0
    for (const doc of page.docs) {
      const score = scoreDoc(doc, units)
      if (score <= 0 && !doc.article)
        continue
      best = Math.max(best, score)
      items.push({
        location: doc.location,
        title: highlight(doc.title, doc.ftitle, units),
        text: score > 0 || doc.article ? snippet(doc, units) : "",
        score,
        terms
      })
    }
    items.sort((a, b) => b.score - a.score)
    groups.push({ page, items, best, matched: items.filter(i => i.score > 0).length })
  }
  groups.sort((a, b) =>
    b.best - a.best || b.matched - a.matched || a.page.order - b.page.order)
  result.items = groups.map(g => g.items)
  return result
}

/* ---- protocol --------------------------------------------------------------------------- */

addEventListener("message", ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      index = setup(message.data)
      postMessage({ type: READY })
      break
    case QUERY:
      try {
        postMessage({ type: RESULT, data: search(message.data) })
      } catch (err) {
        console.warn(`Search failed for: ${message.data}`, err)
        postMessage({ type: RESULT, data: { items: [] } })
      }
      break
    default:
      throw new TypeError("Invalid message type")
  }
})
