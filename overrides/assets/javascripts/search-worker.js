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
 *                                             a page must hold every word
 *
 * Before that, a query that is an agency's name (any name, alias, English name, or its
 * pinyin) lists the agency's page and every task it carries, with the role; a query
 * in Latin letters that is the pinyin of a dictionary word searches that word. A
 * query that occurs nowhere and is one edit from a word or agency name offers it
 * (「您要找的是：…？」); one that finds nothing says so with a suggestion. Latin keys
 * match only at the start of a word (SAMR never inside "Standardization").
 *
 * The page loads only a stub (config.data names the index data); the data is fetched
 * when search opens (PRELOAD, sent by search-ui.js) or at the first query.
 * Index format: build_tools/search/index.py.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, PRELOAD = 100  /* PRELOAD: ours */
const FORMAT = "policyref-substring/2"  /* build_tools/search/index.py FORMAT */

let index = null, stub = null, loading = null

function load() {
  if (!loading)
    loading = (stub.config.data
      ? fetch(new URL(stub.config.data, self.location.href)).then(r => r.json())
      : Promise.resolve(stub))
      .then(data => { index = setup({ ...data, options: stub.options }) })
  return loading
}

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
  const rank = new Map(fwords.map((w, i) => [w, i]))
  const agencies = (config.agencies || []).map(([page, name, keys, tasks]) =>
    ({ page, name, keys, tasks: tasks.map(([row, role]) => ({ page: all[row].page, role })) }))
  const byKey = new Map()
  const addKey = (map, key, value) => {
    if (!key) return
    if (!map.has(key)) map.set(key, [])
    if (!map.get(key).includes(value)) map.get(key).push(value)
  }
  agencies.forEach((a, i) => {
    for (const k of a.keys) {
      const n = norm(fold, k)
      addKey(byKey, n, i)
      if (isLatin(n)) addKey(byKey, n.replace(/ /g, ""), i)
    }
  })
  const pinyin = new Map()
  for (const [word, full, initials] of config.pinyin || []) {
    addKey(pinyin, full, word)
    if (initials.length > 1) addKey(pinyin, initials, word)
  }
  const sound = new Map()
  for (const group of (config.sounds || "").split("|")) {
    const m = /^([a-z]+)(.*)$/su.exec(group)
    if (m)
      for (const ch of m[2])
        sound.set(fold(ch), m[1])
  }
  const names = agencies.flatMap(a => a.keys.filter(k => /\p{sc=Han}/u.test(k)).map(k => fold(k)))
  const candidates = [...new Set([...fwords, ...names])]
  const latinKeys = [...byKey.keys()].filter(isLatin)
  return {
    fold, pages: [...pages.values()], byPage: new Map([...pages.values()].map(p => [p.path, p])),
    all, words, fwords, wordset: new Set(fwords), longest, rank,
    agencies, byKey, pinyin, candidates, latinKeys, sound,
    context: config.context || {}, messages: config.messages || {},
    suggest: !!(options && options.suggest)
  }
}

/* The form a query is compared with names in: folded, Latin lower case with one space
   between words */
function norm(fold, text) {
  const f = fold(text.normalize("NFC")).trim()
  return /[a-z0-9]/i.test(f) && !/\p{sc=Han}/u.test(f)
    ? f.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()
    : f.replace(/\s+/g, "")
}

function isLatin(key) {
  return /^[a-z0-9]/i.test(key)
}

/* indexOf, but a key starting with a Latin letter or digit matches only at a word start */
function find(haystack, key, from = 0) {
  let i = haystack.indexOf(key, from)
  if (!isLatin(key))
    return i
  while (i > 0 && /[a-z0-9]/i.test(haystack[i - 1]))
    i = haystack.indexOf(key, i + 1)
  return i
}

function has(haystack, key) {
  return find(haystack, key) !== -1
}

function occursAnywhere(key) {
  for (const d of index.all)
    if (has(d.ftext, key) || has(d.ftitle, key))
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
  for (let i = find(haystack, key); i !== -1 && n < 20; i = find(haystack, key, i + key.length))
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
    const inTitle = has(doc.ftitle, u.key)
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
    for (let i = find(ftext, u.key); i !== -1; i = find(ftext, u.key, i + u.key.length))
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
    const i = find(doc.ftext, u.key)
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
      const i = find(d.ftext, u.key)
      if (i !== -1) { form = d.text.substr(i, u.key.length); break }
      const j = find(d.ftitle, u.key)
      if (j !== -1) { form = d.title.substr(j, u.key.length); break }
    }
    terms[form] = true
  }
  for (const m of missing)
    terms[m] = false
  return terms
}

function pageHas(page, unit) {
  return page.docs.some(d => has(d.ftitle, unit.key) || has(d.ftext, unit.key))
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

/* The groups of pages that hold every unit of a parsed query, best first */
function textGroups(units, missing) {
  if (!units.length)
    return []
  for (const u of units)
    u.df = index.pages.filter(page => pageHas(page, u)).length
  const total = index.pages.length
  for (const u of units)
    u.weight = units.length > 1 ? 1 + Math.log(total / Math.max(1, u.df)) : 1
  const groups = []
  for (const page of index.pages) {
    if (!units.every(u => pageHas(page, u)))
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
        text: score > 0 || doc.article ? contextOf(page.path) + snippet(doc, units) : "",
        score,
        terms
      })
    }
    items.sort((a, b) => b.score - a.score)
    groups.push({ page, items, best, matched: items.filter(i => i.score > 0).length })
  }
  groups.sort((a, b) =>
    b.best - a.best || b.matched - a.matched || a.page.order - b.page.order)
  return groups.map(g => g.items)
}

/* "plan short title · year" (and a role) shown above a result's preview */
function contextOf(path, role) {
  const plan = path.split("/").slice(0, 2).join("/") + "/"
  const parts = [index.context[path] || index.context[plan], role].filter(Boolean)
  return parts.length ? `<p class="search-context">${escapeHTML(parts.join(" · "))}</p>` : ""
}

/* An agency's page, then every task it carries, each with its role */
function agencyGroups(list) {
  const out = [], seen = new Set()
  for (const a of list) {
    const terms = { [a.name]: true }
    const page = index.byPage.get(a.page)
    if (page && !seen.has(a.page)) {
      seen.add(a.page)
      const doc = page.docs[0]
      out.push([{ location: doc.location, title: escapeHTML(doc.title), score: 1000, terms,
                  text: `<p class="search-context">${escapeHTML(index.messages.agency || "")}</p>` +
                        snippet(doc, []) }])
    }
    for (const t of a.tasks) {
      const task = index.byPage.get(t.page)
      if (!task || seen.has(t.page))
        continue
      seen.add(t.page)
      const doc = task.docs[0]
      out.push([{ location: doc.location, title: escapeHTML(doc.title), score: 100, terms,
                  text: contextOf(t.page, t.role) + snippet(doc, []) }])
    }
  }
  return { groups: out, seen }
}

/* Levenshtein distance of at most one */
function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1)
    return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i])
    i++
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1)
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/* How close a one-edit candidate is: a homophone substitution (what a pinyin IME slip
   makes) first, then another substitution, then an insertion or deletion */
function editKind(key, w) {
  if (w.length !== key.length)
    return 2
  let i = 0
  while (key[i] === w[i])
    i++
  const a = index.sound.get(key[i]), b = index.sound.get(w[i])
  return a && a === b ? 0 : 1
}

/* The word or name one edit from a query found nowhere: closest kind, then most frequent */
function typoFor(key) {
  const latin = isLatin(key)
  if (key.length < (latin ? 4 : 3))
    return null
  const pool = latin ? index.latinKeys : index.candidates
  let best = null, bestRank = Infinity
  for (const w of pool) {
    if (w.length < (latin ? 4 : 3) || !oneEdit(key, w))
      continue
    const rank = editKind(key, w) * 1e6 + (index.rank.has(w) ? index.rank.get(w) : 5e5)
    if (rank < bestRank) { best = w; bestRank = rank }
  }
  return best
}

/* A word to try when nothing matched: the one sharing the longest run with the query */
function nearest(key) {
  let best = null, bestLen = 0
  for (const w of index.candidates) {
    let len = 0
    for (let n = Math.min(w.length, key.length); n > bestLen && !len; n--)
      for (let i = 0; i + n <= key.length; i++)
        if (w.includes(key.substr(i, n))) { len = n; break }
    if (len > bestLen) { best = w; bestLen = len }
  }
  return best || index.fwords[0] || null
}

/* The shown form of a folded word (the index's own form, for the variant's script) */
function shownWord(fkey) {
  const i = index.rank.get(fkey)
  if (i !== undefined)
    return index.words[i]
  for (const a of index.agencies)
    for (const k of a.keys)
      if (index.fold(k) === fkey)
        return k
  return fkey
}

function fill(template, q) {
  return (template || "").replace("{q}", q)
}

function search(query) {
  query = query.normalize("NFC").trim()
  if (!query)
    return { items: [] }
  const result = { items: [] }
  if (index.suggest)
    result.suggest = suggestion(query)
  const key = norm(index.fold, query)
  const agencies = index.byKey.get(key) || index.byKey.get(key.replace(/ /g, ""))

  /* an agency by any of its names: its page and tasks first, then pages naming it */
  if (agencies) {
    const list = agencies.map(i => index.agencies[i])
    const { groups, seen } = agencyGroups(list)
    const { units, missing } = parse(query)
    const rest = units.length && units.every(u => u.whole) ? textGroups(units, missing) : []
    for (const a of list)  /* then pages that print one of its names */
      for (const name of a.keys.filter(k => /\p{sc=Han}/u.test(k)))
        if (occursAnywhere(index.fold(name)))
          rest.push(...textGroups([{ raw: name, key: index.fold(name), whole: true }], []))
    for (const g of rest) {
      const page = g[0].location.split("#")[0]
      if (!seen.has(page)) { seen.add(page); groups.push(g) }
    }
    result.items = groups
    return result
  }
  const { raw, units, missing } = parse(query)
  const whole = units.length > 0 && !missing.length && units.every(u => u.whole)

  /* pinyin of a dictionary word */
  if (!whole && /^[a-z' ]+$/i.test(query)) {
    const words = index.pinyin.get(key.replace(/ /g, ""))
    if (words) {
      const word = words.slice().sort((a, b) =>
        (index.rank.get(index.fold(a)) ?? 1e9) - (index.rank.get(index.fold(b)) ?? 1e9))[0]
      const inner = search(word)
      inner.notice = { text: fill(index.messages.pinyin, query), word, after: "" }
      return inner
    }
  }
  if (!whole && raw.length === 1) {
    const typo = typoFor(key)
    if (typo)
      result.notice = { text: index.messages.did_you_mean || "", word: shownWord(typo), after: "？" }
  }
  result.items = missing.length ? [] : textGroups(units, missing)
  if (!result.items.length && !result.notice) {
    const near = nearest(key)
    result.notice = { text: fill(index.messages.none, query) + (near ? index.messages.try || "" : ""),
                      word: near ? shownWord(near) : "", after: "" }
  }
  return result
}

/* ---- protocol --------------------------------------------------------------------------- */

function answer(query) {
  try {
    postMessage({ type: RESULT, data: search(query) })
  } catch (err) {
    console.warn(`Search failed for: ${query}`, err)
    postMessage({ type: RESULT, data: { items: [] } })
  }
}

addEventListener("message", ev => {
  const message = ev.data
  switch (message.type) {
    case SETUP:
      stub = message.data
      if (stub.config.format !== FORMAT)  /* e.g. a cached index of another version: still usable */
        console.warn(`search index format ${stub.config.format}, expected ${FORMAT}`)
      postMessage({ type: READY })
      break
    case PRELOAD:
      load()
      break
    case QUERY:
      if (!String(message.data || "").trim()) {  /* Material asks once on page load: no data needed */
        postMessage({ type: RESULT, data: { items: [] } })
        break
      }
      load().then(() => answer(message.data), err => {
        console.warn("search index could not be loaded", err)
        loading = null
        postMessage({ type: RESULT, data: { items: [] } })
      })
      break
    default:
      throw new TypeError("Invalid message type")
  }
})
