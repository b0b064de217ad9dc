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
from functools import cached_property, lru_cache
from pathlib import Path

import opencc

from ..variants import check as check_variant
from . import opencc_cache
from .check import Violation, script_tables
from .dictionary import load_phrases
from .markers import pieces, strip_markers


class Converter:
    """Conversion and script checks with one project dictionary."""

    def __init__(self, phrases: Path):
        self.phrases = Path(phrases).resolve()
        self.digest = hashlib.sha256(self.phrases.read_bytes()).hexdigest() if self.phrases.exists() else ""
        configs = opencc_cache.build(str(self.phrases))
        self._s2tw = opencc.OpenCC(str(configs["s2tw"])).convert
        self._tw2s = opencc.OpenCC(str(configs["tw2s"])).convert

    # ---- convert ------------------------------------------------------------
    def convert(self, text: str, variant: str) -> str:
        """Text for readers of ``variant``: zh-Hans = canonical text with markers resolved,
        zh-Hant = converted (s2tw + project dictionary), marker contents left as written."""
        check_variant(variant)
        if variant == "zh-Hans":
            return strip_markers(text, "zh-Hans")
        if "-{" not in text:
            return self._s2tw(text)
        buf = []
        for piece in pieces(text):
            if piece[0] == "text":
                buf.append(self._s2tw(piece[1]))
            elif piece[0] == "raw":
                buf.append(piece[1])
            else:
                buf.append(piece[1]["zh-Hant"][0])
        return "".join(buf)

    def to_hant(self, text: str) -> str:
        """Canonical Simplified → zh-Hant (Taiwan glyphs, mainland vocabulary, house style)."""
        return self.convert(text, "zh-Hant")

    def to_hans(self, text: str) -> str:
        """Traditional or mixed text → canonical Simplified (tw2s + project dictionary reversed).

        Produces *canonical content*, so escape-hatch markers are kept verbatim (their contents
        unconverted), unlike ``convert`` which resolves them for readers."""
        if "-{" not in text:
            return self._tw2s(text)
        buf = []
        for piece in pieces(text):
            if piece[0] == "text":
                buf.append(self._tw2s(piece[1]))
            else:
                buf.append(piece[3] if piece[0] == "raw" else piece[2])
        return "".join(buf)

    # ---- check --------------------------------------------------------------
    @cached_property
    def _tables(self) -> dict:
        return script_tables(load_phrases(self.phrases))

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


def converter_for(phrases: Path) -> Converter:
    """The converter of a dictionary file, built once per process per file content."""
    path = Path(phrases).resolve()
    return _cached(str(path), hashlib.sha256(path.read_bytes()).hexdigest())


@lru_cache(maxsize=8)
def _cached(path: str, digest: str) -> Converter:
    return Converter(Path(path))
