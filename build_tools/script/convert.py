"""Script conversion between canonical Simplified (zh-Hans) and the zh-Hant variant.

zh-Hant is OpenCC ``s2tw`` (Taiwan glyphs, mainland vocabulary kept: 信息, 軟件) plus a
project's phrase dictionary (``Project.phrases_file``); Traditional or mixed input is
normalised to Simplified with OpenCC ``tw2s`` plus the same dictionary read backwards.
The dictionary is loaded *into* OpenCC (`opencc_cache`). See CONVERSION.md for the house
style and how to add an entry.

One `Converter` per dictionary file: `converter_for(path)` builds it once per process.
"""
from __future__ import annotations

import hashlib
import html
import re
from functools import cached_property, lru_cache
from pathlib import Path

import opencc

from ..variants import check as check_variant
from . import opencc_cache
from .boundaries import Segmenter, window
from .check import Violation, script_tables
from .dictionary import load_phrases
from .markers import pieces, strip_markers
from .opencc_cache import CUT, MARK_CLOSE, MARK_OPEN
from . import quotes
from .quotes import hans_table, hant_table


# A rendered page's markup: comments, doctype/CDATA, processing instructions, tags. Content
# text reaches pages escaped, so a '<' in text is always '&lt;', never the start of a tag.
MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^>]*>", re.S)
REFERENCE = re.compile(r"(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
HOLD = "\U0010fffd"  # stands in for a reference during conversion (a private-use character OpenCC keeps)
ATTRIBUTE = re.compile(r"""(?P<pre>\s)(?P<name>[^\s=/>"']+)\s*=\s*(?P<q>["'])(?P<v>.*?)(?P=q)""", re.S)
# Attribute values that are code, addresses or names, never text for readers: not converted.
NOT_TEXT = re.compile(r"on.*|href|src|srcset|action|formaction|poster|cite|data|style|id|class|name|for|type|"
                      r"lang|hreflang|rel|target|role|method|http-equiv|charset|content|data-copy", re.I)
META_DESCRIPTION = re.compile(r"""<meta\s(?=[^>]*\bname\s*=\s*["']?description\b)""", re.I)




def _as_text(converted: str) -> str:
    """A converted text run stays text: '<' and '&' (references are held apart) are escaped,
    which renders the same for any the page had and disarms any a dictionary wrote."""
    return converted.replace("&", "&amp;").replace("<", "&lt;")


class Converter:
    """Conversion and script checks with one project dictionary."""

    def __init__(self, phrases: Path, words: tuple[str, ...] = ()):
        """``words``: jieba user words besides the dictionary's own Simplified phrases
        (the build passes the registry names and content/search/terms.txt)."""
        self.phrases = Path(phrases).resolve()
        self._entries = load_phrases(self.phrases)
        # names what this converter writes (with the code version): the render cache's key
        self.digest = hashlib.sha256(self.phrases.read_bytes() + "\0".join(words).encode()).hexdigest()
        configs = opencc_cache.build(str(self.phrases))
        self._dir = configs["dir"]  # this content's build: the file may change later
        self._s2tw = opencc.OpenCC(str(configs["s2tw"])).convert
        self._tw2s = opencc.OpenCC(str(configs["tw2s"])).convert
        # fix entries are not words but OpenCC repairs that straddle one (定制度 = 评定|制度)
        self.segmenter = Segmenter((*(e.simplified for e in self._entries if e.kind != "fix"),
                                    *words))

    @cached_property
    def _marked(self):
        seg = self.segmenter
        config = opencc_cache.build_marked(self._dir, seg.version, seg.guiding_words)
        return opencc.OpenCC(str(config)).convert

    # ---- word boundaries (CONVERSION.md, "Word boundaries") ----------------------------
    @cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(opencc_cache.phrase_keys(self._dir))

    def _hant(self, text: str) -> str:
        """s2tw + project dictionary, with no OpenCC phrase match straddling a word boundary.

        One pass of the marked converter converts and brackets each risky phrase match; a
        match that no dictionary word crosses is kept; otherwise its clause is cut by jieba
        and, unless the match lies on word boundaries after all, converted word by word."""
        if MARK_OPEN in text or MARK_CLOSE in text or CUT in text:
            return self._by_words(text, self.segmenter.boundaries(text))
        out = self._marked(text)
        if MARK_OPEN not in out:
            return out
        parts, spans, pos = [], [], 0
        for chunk in out.split(MARK_OPEN):
            if MARK_CLOSE in chunk:
                inner, rest = chunk.split(MARK_CLOSE)
                spans.append((pos, pos + len(inner)))
                parts.append(inner)
                chunk, pos = rest, pos + len(inner)
            parts.append(chunk)
            pos += len(chunk)
        result = "".join(parts)
        if len(result) != len(text):  # OpenCC changed a length: no offsets to trust
            return self._by_words(text, self.segmenter.boundaries(text))
        done = -1
        for start, end in spans:
            if end <= done or not self.segmenter.spans_boundary(text, start, end):
                continue
            a, b = window(text, start, end)
            bounds = [a + x for x in self.segmenter.boundaries(text[a:b])]
            done = b
            if start in bounds and end in bounds:
                continue
            result = result[:a] + self._by_words(text[a:b], [x - a for x in bounds]) + result[b:]
        return result

    def _by_words(self, text: str, bounds: list[int]) -> str:
        """Converted unit by unit: a unit is the longest OpenCC/project phrase that starts and
        ends on word boundaries (五年|计划 stays one phrase), else one word."""
        keys, units, k = self._keys, [], 0
        while k < len(bounds) - 1:
            i, best = bounds[k], k + 1
            for m in range(k + 2, len(bounds)):
                if bounds[m] - i > opencc_cache.MAX_PHRASE:
                    break
                if text[i:bounds[m]] in keys:
                    best = m
            units.append(text[i:bounds[best]])
            k = best
        if any(CUT in u for u in units):
            return "".join(self._s2tw(u) for u in units)
        return self._s2tw(CUT.join(units)).replace(CUT, "")

    # ---- convert ------------------------------------------------------------
    def convert(self, text: str, variant: str) -> str:
        """Text for readers of ``variant``: zh-Hans = canonical text with markers resolved,
        zh-Hant = converted (s2tw + project dictionary), marker contents left as written."""
        check_variant(variant)
        if variant == "zh-Hans":
            return strip_markers(text, "zh-Hans")
        if "-{" not in text:
            return quotes.hant(text, self._hant(text))
        table = hant_table(text)
        buf = []
        for piece in pieces(text):
            if piece[0] == "text":
                buf.append(self._hant(piece[1]).translate(table))
            elif piece[0] == "raw":
                buf.append(piece[1])
            else:
                buf.append(piece[1]["zh-Hant"][0])
        return "".join(buf)

    def convert_html(self, page: str, variant: str) -> str:
        """`convert` for a rendered page (Markdown with HTML): only text is converted, never
        markup. Tags, comments and entity/character references pass unchanged; attribute
        values that are text for readers (title, alt, aria-label, placeholder, data-* labels, a
        meta description; not addresses, code or names: `NOT_TEXT`) are converted and escaped again."""
        out, pos = [], 0
        for tag in MARKUP.finditer(page):
            out.append(self._convert_text_run(page[pos:tag.start()], variant))
            out.append(self._convert_tag(tag[0], variant))
            pos = tag.end()
        out.append(self._convert_text_run(page[pos:], variant))
        return "".join(out)

    def _convert_text_run(self, run: str, variant: str) -> str:
        refs = REFERENCE.findall(run)
        if not refs:
            return _as_text(self.convert(run, variant))
        if HOLD not in run:  # one placeholder per reference keeps phrases and markers whole around it
            converted = _as_text(self.convert(REFERENCE.sub(HOLD, run), variant))
            if converted.count(HOLD) == len(refs):
                kept = iter(refs)
                return re.sub(HOLD, lambda _: next(kept), converted)
        parts = REFERENCE.split(run)  # text, reference, text, …
        return "".join(p if i % 2 else _as_text(self.convert(p, variant)) for i, p in enumerate(parts))

    def _convert_tag(self, tag: str, variant: str) -> str:
        if tag.startswith(("<!", "</", "<?")):
            return tag
        description = bool(META_DESCRIPTION.match(tag))

        def one(m: re.Match) -> str:
            name = m["name"]
            if NOT_TEXT.fullmatch(name) and not (description and name.lower() == "content"):
                return m[0]
            text = self.convert(html.unescape(m["v"]), variant)
            return f"{m['pre']}{name}={m['q']}{html.escape(text, quote=True)}{m['q']}"
        return ATTRIBUTE.sub(one, tag)

    def to_hant(self, text: str) -> str:
        """Canonical Simplified → zh-Hant (Taiwan glyphs, mainland vocabulary, house style)."""
        return self.convert(text, "zh-Hant") if "-{" in text else quotes.hant(text, self._hant(text))

    def to_hans(self, text: str) -> str:
        """Traditional or mixed text → canonical Simplified (tw2s + project dictionary reversed).

        Produces *canonical content*, so escape-hatch markers are kept verbatim (their contents
        unconverted), unlike ``convert`` which resolves them for readers."""
        table = hans_table(text)
        if "-{" not in text:
            return self._tw2s(text) if table is None else self._tw2s(text).translate(table)
        buf = []
        for piece in pieces(text):
            if piece[0] == "text":
                buf.append(self._tw2s(piece[1]) if table is None else self._tw2s(piece[1]).translate(table))
            else:
                buf.append(piece[3] if piece[0] == "raw" else piece[2])
        return "".join(buf)

    # ---- check --------------------------------------------------------------
    @cached_property
    def _tables(self) -> dict:
        return script_tables(self._entries)

    def forbidden(self, variant: str) -> frozenset[str]:
        """Characters `violations` rejects in ``variant`` text."""
        return self._tables["hant_bad" if check_variant(variant) == "zh-Hant" else "hans_bad"]

    def violations(self, text: str, variant: str) -> list[Violation]:
        """Characters that do not belong in ``variant`` (see `check`). Contents of ``-{…}-``
        are skipped; in ``-{zh-Hans:…;zh-Hant:…}-`` each part is checked against its own variant."""
        check_variant(variant)
        out: list[Violation] = []
        if "-{" not in text:
            self._scan(text, 0, variant, text, out)
            return out
        for piece in pieces(text):
            if piece[0] == "text":
                self._scan(piece[1], piece[2], variant, text, out)
            elif piece[0] == "pair":
                for v, (part, off) in piece[1].items():
                    self._scan(part, off, v, text, out)
        out.sort(key=lambda v: v.offset)
        return out

    def _scan(self, part: str, base: int, variant: str, whole: str, out: list) -> None:
        hant = variant == "zh-Hant"
        pattern = self._tables["hant_re" if hant else "hans_re"]
        reasons = self._tables["hant_reason" if hant else "hans_reason"]
        fix = self._s2tw if hant else self._tw2s
        for m in pattern.finditer(part):
            off = base + m.start()
            ch = m.group(0)
            ctx = whole[max(0, off - 5):off + 6].replace("\n", " ")
            out.append(Violation(off, ch, ctx, reasons.get(ch, ""), fix(ch)))


def converter_for(phrases: Path, words=()) -> Converter:
    """The converter of a dictionary file (and jieba words), built once per process per content."""
    path = Path(phrases).resolve()
    return _cached(str(path), hashlib.sha256(path.read_bytes()).hexdigest(), tuple(words))


@lru_cache(maxsize=8)
def _cached(path: str, digest: str, words: tuple[str, ...]) -> Converter:
    return Converter(Path(path), words)
