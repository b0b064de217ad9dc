"""The per-variant search index read by the site's search worker.

Material for MkDocs' search UI (box, keyboard, result list, previews, `?h=` highlighting on
the target page) is kept; its worker is replaced by `overrides/assets/javascripts/
search-worker.js`, which speaks the same message protocol but matches the *whole query
as a substring* of a script-folded text instead of OR-ing lunr tokens. This module writes
what that worker reads, into `<variant>/search/search_index.json` (the URL Material's
bundle fetches):

    {"config": {"lang", "separator", "pipeline", "fields",           # Material's keys
                "format", "variant", "fold", "words"},               # ours
     "docs":   [[location, title, text], ...]}              # "#id": section of the page above

* docs — one per page (its title and the text before its first h2) and one per h2–h6
  section with an id, as Material's own indexer does; plain text, block elements
  separated by "\\n", elements marked `data-search-exclude` (copies of text that has a
  more specific page) left out. Each passage is therefore indexed once.
* fold — a character map (pairs "from,to" concatenated) taking every character of the
  corpus, in either script, and its OpenCC Traditional/Simplified counterparts, to one
  representative; plus width, case, bracket and dash folds. Both the text and the query
  are folded in the browser, so a query typed in either script finds the same pages in
  either variant. Every entry maps one BMP character to one, so offsets are kept.
* words — the jieba segmentation of this variant's indexed text (user dictionary from
  `search_dict`), as a vocabulary ordered by frequency: the worker uses it to suggest
  completions and to split a query that occurs nowhere as a whole into words.

No MkDocs imports: the adapter collects page HTML (`builder.VariantSearch`), which calls `build_index`.
"""
from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

FORMAT = "policyref-substring/1"
INDEX_PATH = "search/search_index.json"
USERDICT_PATH = "search/jieba_userdict.txt"
WORKER_PATH = "assets/javascripts/search-worker.js"  # under overrides/ (theme custom_dir)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "template", "svg"}
BLOCKS = {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
          "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
          "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "caption"} | HEADINGS


# ---- page text ------------------------------------------------------------------------

@dataclass
class Doc:
    location: str
    title: str
    text: str

    def as_json(self, previous_page: str | None = None) -> list[str]:
        """[location, title, text]; a section of the page before it is located by "#id" alone."""
        page, _, anchor = self.location.partition("#")
        return [f"#{anchor}" if anchor and page == previous_page else self.location, self.title, self.text]


class _Sections(HTMLParser):
    """Split rendered page content at headings; drop excluded subtrees; keep block breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded-here)
        self.excluded = 0
        self.skipping = 0
        self.heading: list[str] | None = None
        self.heading_id: str | None = None
        self.heading_tag = ""
        self.sections: list[list] = [[None, None, [], []]]  # [tag, id, title parts, text parts]

    def _out(self, data: str) -> None:
        if self.excluded or self.skipping:
            return
        (self.heading if self.heading is not None else self.sections[-1][3]).append(data)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        excluded = "data-search-exclude" in attrs
        if tag in BLOCKS:
            self._out("\n")
        if tag in VOID:
            return
        self.stack.append((tag, excluded))
        self.excluded += excluded
        self.skipping += tag in SKIP
        if tag in HEADINGS and not self.excluded and self.heading is None:
            self.heading, self.heading_id, self.heading_tag = [], attrs.get("id"), tag

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._out("\n")

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return  # stray end tag
        while self.stack:
            open_tag, excluded = self.stack.pop()
            self.excluded -= excluded
            self.skipping -= open_tag in SKIP
            if open_tag == self.heading_tag and self.heading is not None:
                self._close_heading()
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._out("\n")

    def _close_heading(self):
        title, hid, tag = _clean("".join(self.heading)), self.heading_id, self.heading_tag
        self.heading = None
        first = self.sections[0]
        if tag == "h1" and first[0] is None and len(self.sections) == 1:
            first[0], first[2] = "h1", [title]  # the page's own title
        elif hid:
            self.sections.append([tag, hid, [title], []])
        else:
            self.sections[-1][3].append("\n" + title + "\n")  # a heading without an anchor is text

    def handle_data(self, data):
        self._out(data)

    def result(self) -> list[tuple[str | None, str, str]]:
        return [(hid, "".join(title), _clean("".join(text))) for _tag, hid, title, text in self.sections]


def _clean(text: str) -> str:
    """Collapse white space like a browser does, one line per block, no empty lines."""
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def page_docs(url: str, title: str, html: str) -> list[Doc]:
    """Index documents of one page: the page itself, then its anchored sections."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    sections = parser.result()
    _hid, h1, text = sections[0]
    docs = [Doc(url, h1 or title, text)]
    docs += [Doc(f"{url}#{hid}", stitle, stext) for hid, stitle, stext in sections[1:]]
    return docs


# ---- folding ----------------------------------------------------------------------------

FIXED_FOLDS = {
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    **{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},  # full width → ASCII
    "\u3000": " ", "[": "(", "]": ")", "〔": "(", "〕": ")", "【": "(", "】": ")", "〖": "(", "〗": ")",
    "\uff3b": "(", "\uff3d": ")",  # all brackets are one: 〔2019〕88号 = (2019)88号 = [2019]88号
    "—": "-", "–": "-", "―": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-", "～": "~",
}


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=8)
def _single_chars(config: str, chars: tuple[str, ...]) -> list[str]:
    """OpenCC `config` applied to each character alone (no phrase context); the same for every
    build of a process (the live preview), so computed once."""
    import opencc

    converter = opencc.OpenCC(config)
    out = converter.convert("\n".join(chars)).split("\n")
    return out if len(out) == len(chars) else [converter.convert(c) for c in chars]


CJK = tuple(chr(c) for c in range(0x4E00, 0xA000)) + tuple(chr(c) for c in range(0x3400, 0x4DC0))


def _aligned_pairs(a: str, b: str):
    """Character pairs of two versions of one text that differ only by script conversion."""
    if len(a) == len(b):
        yield from ((x, y) for x, y in zip(a, b) if x != y)
        return
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            yield from ((x, y) for x, y in zip(a[i1:i2], b[j1:j2]) if x != y)


def fold_table(hans_texts: list[str], hant_texts: list[str]) -> dict[str, str]:
    """The character fold: {char: representative}, identity entries left out.

    Classes are joined from (a) the two variants of the same texts aligned character by
    character and (b) OpenCC t2s / tw2s / hk2s / s2tw of each CJK character on its own,
    restricted to classes that touch a character of the corpus. The representative is the
    class member used in the zh-Hans text (the most frequent one when several are).
    """
    hans_count = Counter("".join(hans_texts))
    corpus = set(hans_count) | set("".join(hant_texts))
    uf = _UnionFind()
    for a, b in zip(hans_texts, hant_texts):
        for x, y in _aligned_pairs(a, b):
            if HAN.match(x) and HAN.match(y):
                uf.union(x, y)
    for config in ("t2s", "tw2s", "hk2s", "s2tw"):
        for src, dst in zip(CJK, _single_chars(config, CJK)):
            if len(dst) == 1 and dst != src and (src in corpus or dst in corpus):
                uf.union(src, dst)
    classes: dict[str, list[str]] = {}
    for ch in list(uf.parent):
        classes.setdefault(uf.find(ch), []).append(ch)
    table: dict[str, str] = {}
    for members in classes.values():
        if not any(m in corpus for m in members):
            continue
        rep = max(sorted(members), key=lambda m: hans_count.get(m, 0))
        table.update({m: rep for m in members if m != rep})
    for src, dst in FIXED_FOLDS.items():
        table.setdefault(src, dst)
    return {k: v for k, v in sorted(table.items()) if len(k) == 1 and len(v) == 1 and ord(k) < 0x10000
            and ord(v) < 0x10000}


def fold(text: str, table: dict[str, str]) -> str:
    return text.translate(str.maketrans(table))


# ---- vocabulary -------------------------------------------------------------------------

def vocabulary(docs: list[Doc], table: dict[str, str], cut, extra: list[str] = (), min_count: int = 3,
               memo: dict | None = None) -> list[str]:
    """jieba words of the indexed text, most frequent first: words of ≥ 2 characters with
    Han that occur at least `min_count` times, and every dictionary word (`extra`) that
    occurs at all — the user dictionary's words are always there, whole.

    The text is segmented in its folded form (the Simplified representatives), and each
    token is taken back from the original text at the same offsets, so a zh-Hant text is
    cut exactly where its zh-Hans twin is.
    """
    trans = str.maketrans(table)
    counts: Counter[str] = Counter()
    kept = {}  # `memo` (the live preview's): (title, text, fold) → that doc's word counts
    fold_key = hash(tuple(table.items()))
    for doc in docs:
        key = (doc.title, doc.text, fold_key)
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = Counter()
            for line in (doc.title + "\n" + doc.text).split("\n"):
                pos = 0
                for token in cut(line.translate(trans)):
                    original = line[pos: pos + len(token)]
                    pos += len(token)
                    if len(original) > 1 and HAN.search(original) and "|" not in original:
                        found[original] += 1
        kept[key] = found
        counts.update(found)
    if memo is not None:
        memo.clear()
        memo.update(kept)
    keep = {w for w, n in counts.items() if n >= min_count}
    everything = "\n".join(part for d in docs for part in (d.title, d.text))  # one scan per word, not per doc
    for word in extra:
        if word in counts or word in everything:
            keep.add(word)
            counts[word] = max(counts[word], 1)
    return sorted(keep, key=lambda w: (-counts[w], w))


# ---- the index --------------------------------------------------------------------------

def build_index(variant: str, docs: list[Doc], table: dict[str, str], words: list[str]) -> str:
    config = {
        "lang": ["zh"],
        "separator": r"[\s\-]+",
        "pipeline": [],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        "format": FORMAT,
        "variant": variant,
        "fold": "".join(k + v for k, v in table.items()),
        "words": "|".join(words),
    }
    rows, previous = [], None
    for doc in docs:
        rows.append(doc.as_json(previous))
        previous = doc.location.partition("#")[0]
    data = {"config": config, "docs": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def corpus_text(site, variant: str, converter) -> str:
    """One copy of the corpus in `variant`: every plan's title and body text (for size checks)."""
    parts = []
    for plan in site.plans:
        parts.append(plan.title)
        parts.extend(b.text for b in plan.blocks if b.text)
    return converter.convert("\n".join(parts), variant)
