"""Pinyin a web page inserted after characters for search engines: 市場監(jiān)管, 制(zhì)定.

A parenthesised single syllable right after a Chinese character is an insert when it carries
a tone mark; toneless syllables (的(de)) count only in a text that has at least
`MIN_TONED` toned inserts, and never single letters (an enumeration (a) stays). Each removal is recorded with the key "pinyin".
"""
from __future__ import annotations

import re

from .tracked import Ledger, Line

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
SYLLABLE = rf"[a-zü{TONED}]{{1,6}}"
INSERT = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*({SYLLABLE})\s*[)）]")
MIN_TONED = 3


def _toned(syllable: str) -> bool:
    return any(c in TONED for c in syllable)


def remove_pinyin(lines: list[Line], ledger: Ledger) -> list[Line]:
    toned = sum(1 for line in lines for m in INSERT.finditer(line.text) if _toned(m.group(1)))
    out = []
    for line in lines:
        spans = [(m.start(), m.end()) for m in INSERT.finditer(line.text)
                 if _toned(m.group(1)) or (toned >= MIN_TONED and len(m.group(1)) >= 2)]
        out.append(ledger.cut_many(line, spans, "pinyin", "pinyin inserted after a character by the web page")
                   if spans else line)
    return out
