"""Quotation marks: canonical Simplified writes “ ” ‘ ’ (GB/T 15834); zh-Hant writes the
Taiwan marks 「 」 『 』 (MOE 《重訂標點符號手冊》). Exact both ways (CONVERSION.md, "Quotation marks"):

* text without corner brackets: “”‘’ → 「」『』, and back;
* text with corner brackets *and* curly marks (a cleaning note quoting its source 「…」 next to
  “…”): the two systems are exchanged, so that they stay told apart: 「」『』 ⇄ “”‘’;
* text with corner brackets only is left as written; it reads in zh-Hant like a text with “”,
  so to_hans gives “” (the one case that does not round-trip);
* to_hans of text with curly marks and no corner brackets (mainland-style Traditional, as
  sources 003 and 004) leaves them: they are already the canonical marks.
"""
from __future__ import annotations

CURLY = "“”‘’"
CORNER = "「」『』"
_TO_CORNER = str.maketrans(CURLY, CORNER)
_TO_CURLY = str.maketrans(CORNER, CURLY)
_SWAP = str.maketrans(CURLY + CORNER, CORNER + CURLY)
# one form for comparing and searching: either script's marks fold to the Simplified ones
FOLD = {c: s for c, s in zip(CORNER, CURLY)}


def _has(text: str, marks: str) -> bool:
    for m in marks:  # a plain loop: any() over a generator costs 5x more, on every paragraph
        if m in text:
            return True
    return False


def hant(source: str, converted: str) -> str:
    """``converted`` (the zh-Hant of ``source``) with its quotation marks in zh-Hant form."""
    corner = _has(source, CORNER)
    if not corner and not _has(source, CURLY):  # most text: nothing to do
        return converted
    return converted.translate(_SWAP if corner and _has(source, CURLY) else _TO_CORNER if not corner else {})


def hant_table(source: str) -> dict:
    """The translation for zh-Hant of the Simplified ``source`` (decided on the whole text)."""
    if not _has(source, CORNER):
        return _TO_CORNER
    return _SWAP if _has(source, CURLY) else {}


def hans_table(source: str) -> dict | None:
    """The translation back to Simplified for ``source`` (None: leave the marks)."""
    if not _has(source, CURLY):
        return _TO_CURLY
    return _SWAP if _has(source, CORNER) else None
