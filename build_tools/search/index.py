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
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from ..script.quotes import FOLD as QUOTE_FOLD

FORMAT = "policyref-substring/2"
INDEX_PATH = "search/search_index.json"  # what Material fetches on page load: config only
DATA_PATH = "search/search_data.json"  # docs and the rest: fetched by the worker when search opens
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
    exempt: list[int] = field(default_factory=list)  # [start, end, …] of text in another script on
    #                                                  purpose (lang=…, data-script-exempt on the page)

    def as_json(self, previous_page: str | None = None) -> list:
        """[location, title, text(, exempt)]; a section of the page before it is located by "#id" alone."""
        page, _, anchor = self.location.partition("#")
        row = [f"#{anchor}" if anchor and page == previous_page else self.location, self.title, self.text]
        return row + [self.exempt] if self.exempt else row

    def own_script_text(self) -> str:
        """The text without its exempt spans (what must be in the variant's script)."""
        keep, pos = [], 0
        for start, end in zip(self.exempt[::2], self.exempt[1::2]):
            keep.append(self.text[pos:start])
            pos = end
        return "\n".join(keep + [self.text[pos:]])


EXEMPT_OPEN, EXEMPT_CLOSE = "\ue000", "\ue001"  # marks while parsing, removed from the index text


def _split_exempt(text: str) -> tuple[str, list[int]]:
    out, spans, depth = [], [], 0
    for ch in text:
        if ch == EXEMPT_OPEN:
            depth += 1
            if depth == 1:
                spans.append(sum(map(len, out)))
        elif ch == EXEMPT_CLOSE:
            depth -= 1
            if depth == 0:
                spans.append(sum(map(len, out)))
        else:
            out.append(ch)
    text = "".join(out)
    pairs = [(a, b) for a, b in zip(spans[::2], spans[1::2]) if b > a]
    return text, [x for pair in pairs for x in pair]


class _Sections(HTMLParser):
    """Split rendered page content at headings; drop excluded subtrees; keep block breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, excluded-here, exempt-here)
        self.excluded = 0
        self.skipping = 0
        self.heading: list[str] | None = None
        self.heading_id: str | None = None
        self.heading_tag = ""
        self.sections: list[list] = [[None, None, [], []]]  # [tag, id, title parts, text parts]
        self.current = 0  # the section text goes to
        self.resume: list[tuple[str, int, int]] = []  # (tag, depth, section) to return to after a block section

    def _out(self, data: str) -> None:
        if self.excluded or self.skipping:
            return
        (self.heading if self.heading is not None else self.sections[self.current][3]).append(data)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        excluded = "data-search-exclude" in attrs
        exempt = "data-script-exempt" in attrs or "lang" in attrs
        if tag in BLOCKS:
            self._out("\n")
        if tag in VOID:
            return
        self.stack.append((tag, excluded, exempt))
        if exempt:
            self._out(EXEMPT_OPEN)
        if attrs.get("data-search-section") and attrs.get("id") and not self.excluded and self.heading is None:
            # a block with its own entry (a plan's notice, annex): its text is not the section's around it
            self.resume.append((tag, len(self.stack), self.current))
            self.sections.append([tag, attrs["id"], [attrs["data-search-section"]], []])
            self.current = len(self.sections) - 1
        self.excluded += excluded
        self.skipping += tag in SKIP
        if tag in HEADINGS and not self.excluded and self.heading is None:
            self.heading, self.heading_id, self.heading_tag = [], attrs.get("id"), tag

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._out("\n")

    def handle_endtag(self, tag):
        if not any(t == tag for t, *_ in self.stack):
            return  # stray end tag
        while self.stack:
            open_tag, excluded, exempt = self.stack.pop()
            if exempt:
                self._out(EXEMPT_CLOSE)
            self.excluded -= excluded
            self.skipping -= open_tag in SKIP
            if open_tag == self.heading_tag and self.heading is not None:
                self._close_heading()
            if self.resume and self.resume[-1][1] == len(self.stack) + 1:
                self.current = self.resume.pop()[2]
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
            self.current = len(self.sections) - 1
        else:
            self.sections[self.current][3].append("\n" + title + "\n")  # a heading without an anchor is text

    def handle_data(self, data):
        self._out(data)

    def result(self) -> list[tuple[str | None, str, str, list[int]]]:
        out = []
        for _tag, hid, title, text in self.sections:
            title = _split_exempt("".join(title))[0]
            out.append((hid, title, *_split_exempt(_clean("".join(text)))))
        return out


def _clean(text: str) -> str:
    """Collapse white space like a browser does, one line per block, no empty lines (a line holding
    only exempt marks hands them to the next line, so that every span stays closed)."""
    out, pending = [], ""
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if not line.strip(EXEMPT_OPEN + EXEMPT_CLOSE + " "):
            pending += re.sub(f"[^{EXEMPT_OPEN}{EXEMPT_CLOSE}]", "", line)
            continue
        out.append(pending + line)
        pending = ""
    if pending and out:
        out[-1] += pending
    return "\n".join(out)


def page_docs(url: str, title: str, html: str) -> list[Doc]:
    """Index documents of one page: the page itself, then its anchored sections."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    sections = parser.result()
    _hid, h1, text, exempt = sections[0]
    docs = [Doc(url, h1 or title, text, exempt)]
    docs += [Doc(f"{url}#{hid}", stitle, stext, sexempt) for hid, stitle, stext, sexempt in sections[1:]]
    return docs


# ---- folding ----------------------------------------------------------------------------

FIXED_FOLDS = {
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    **{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},  # full width → ASCII
    "\u3000": " ", "[": "(", "]": ")", "〔": "(", "〕": ")", "【": "(", "】": ")", "〖": "(", "〗": ")",
    "\uff3b": "(", "\uff3d": ")",  # all brackets are one: 〔2019〕88号 = (2019)88号 = [2019]88号
    "—": "-", "–": "-", "―": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-", "～": "~",
    **QUOTE_FOLD,  # zh-Hant 「」『』 = zh-Hans “”‘’
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


FOLD_CONFIGS = ("t2s", "tw2s", "hk2s", "s2tw")


@lru_cache(maxsize=1)
def changed_chars() -> dict[str, list[tuple[str, str]]]:
    """For each of FOLD_CONFIGS, the CJK characters OpenCC changes alone, and what into (one
    character): 0.15 s to list, the same for every build with the same OpenCC (a build keeps it)."""
    return {config: [(src, dst) for src, dst in zip(CJK, _single_chars(config, CJK)) if len(dst) == 1 and dst != src]
            for config in FOLD_CONFIGS}


def _aligned_pairs(a: str, b: str):
    """Character pairs of two versions of one text that differ only by script conversion."""
    if len(a) == len(b):
        yield from ((x, y) for x, y in zip(a, b) if x != y)
        return
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            yield from ((x, y) for x, y in zip(a[i1:i2], b[j1:j2]) if x != y)


def fold_table(hans_texts: list[str], hant_texts: list[str], changed: dict | None = None) -> dict[str, str]:
    """The character fold: {char: representative}, identity entries left out.

    Classes are joined from (a) the two variants of the same texts aligned character by
    character and (b) OpenCC t2s / tw2s / hk2s / s2tw of each CJK character on its own,
    restricted to classes that touch a character of the corpus. The representative is the
    class member used in the zh-Hans text (the most frequent one when several are).
    `changed`: `changed_chars()`, when a build kept it.
    """
    hans_count = Counter("".join(hans_texts))
    corpus = set(hans_count) | set("".join(hant_texts))
    uf = _UnionFind()
    for a, b in zip(hans_texts, hant_texts):
        for x, y in _aligned_pairs(a, b):
            if HAN.match(x) and HAN.match(y):
                uf.union(x, y)
    for pairs in (changed or changed_chars()).values():
        for src, dst in pairs:
            if src in corpus or dst in corpus:
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


# ---- the index --------------------------------------------------------------------------

def build_index(variant: str, docs: list[Doc], table: dict[str, str], words: list[str], extra: dict | None = None) -> str:
    """The index data the worker loads when search opens: config (fold, words, `extra`) and docs."""
    config = {
        "lang": ["zh"],
        "separator": r"[\s\-]+",
        "pipeline": [],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        "format": FORMAT,
        "variant": variant,
        "fold": "".join(k + v for k, v in table.items()),
        "words": "|".join(words),
        **(extra or {}),
    }
    rows, previous = [], None
    for doc in docs:
        rows.append(doc.as_json(previous))
        previous = doc.location.partition("#")[0]
    data = {"config": config, "docs": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def stub(variant: str, data_url: str) -> str:
    """What Material fetches on every page view: Material's config keys and where the data is
    (`data_url`, relative to the worker), no documents."""
    config = {"lang": ["zh"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}, "format": FORMAT,
              "variant": variant, "data": data_url}
    return json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))


def corpus_text(site, variant: str, converter) -> str:
    """One copy of the corpus in `variant`: every plan's title and body text (for size checks)."""
    parts = []
    for plan in site.plans:
        parts.append(plan.title)
        parts.extend(b.text for b in plan.blocks if b.text)
    return converter.convert("\n".join(parts), variant)


def shown_strings(data: dict):
    """Every string of an index that a reader may see, exempt spans removed (for the script check):
    the config's messages, words, contexts, agency names and roles, and each row's title and
    own-script text. The fold, the sounds and the agencies' keys are left out: they hold what readers may
    type, in either script, by design."""
    for key, value in data.get("config", {}).items():
        if key == "agencies":  # [page, shown name, keys typed by readers (any script), [[task, role], …]]
            for entry in value:
                yield entry[1]
                yield from (role for _task, role in entry[3])
        elif key not in ("fold", "sounds"):  # character maps, never shown
            yield from _strings(value)
    for row in data.get("docs", []):
        yield row[1]
        yield Doc("", row[1], row[2], row[3] if len(row) > 3 else []).own_script_text()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
