"""Script: tell Simplified from Traditional or mixed text, and convert to canonical Simplified.

`ScriptConverter.to_simplified` is the one place that converts, with the project's converter
(OpenCC tw2s plus the project dictionary). tw2s, not t2s: t2s leaves Taiwan 著 where Simplified
needs 着.
"""
from __future__ import annotations

import difflib
from collections import Counter

from ..script.convert import Converter
from .tracked import Ledger, Line

HANT_MAX_SIMPLIFIED_SHARE = 0.05  # a Traditional text may carry a few Simplified-only characters


class ScriptConverter:
    """Detection and conversion of raw text with one project's converter."""

    name = "OpenCC tw2s + project dictionary"
    label = "OpenCC tw2s（含本站转换词典）"  # the converter, in Chinese, for the cleaning entries readers see

    def __init__(self, converter: Converter):
        self.converter = converter

    def to_simplified(self, text: str) -> str:
        """Simplified text. Raw web text has no conversion markers: a literal '-{' is converted like
        any other text (the project converter would read it as the start of a marker)."""
        convert = self.converter.to_hans
        if "-{" not in text:
            return convert(text)
        return "-{".join(convert(part) for part in text.split("-{"))

    def _to_traditional(self, text: str) -> str:
        convert = self.converter.to_hant
        return "-{".join(convert(part) for part in text.split("-{"))

    def detect(self, lines: list[Line]) -> tuple[str, int, int]:
        """(zh-Hans | zh-Hant | mixed, Traditional-only characters, Simplified-only characters)."""
        tw2s, s2tw = self.converter.to_hans, self.converter.to_hant
        counts = Counter("".join(line.text for line in lines))
        chars = [c for c in counts if ord(c) >= 0x3400]
        joined = "\n".join(chars)  # one call each, one character per line: no phrase matching
        as_hans, as_hant = tw2s(joined).split("\n"), s2tw(joined).split("\n")
        if not (len(as_hans) == len(as_hant) == len(chars)):  # a converter merged lines: go one by one
            as_hans, as_hant = [tw2s(c) for c in chars], [s2tw(c) for c in chars]
        traditional_only = self.converter.forbidden("zh-Hans")  # not 著: 显著 is Simplified
        t = sum(counts[c] for c, h in zip(chars, as_hans) if h != c and c in traditional_only)
        s = sum(counts[c] for c, h in zip(chars, as_hant) if h != c)
        if t == 0:
            return "zh-Hans", t, s
        if s <= HANT_MAX_SIMPLIFIED_SHARE * (s + t):
            return "zh-Hant", t, s
        return "mixed", t, s

    def convert_line(self, line: Line, ledger: Ledger) -> Line:
        """The line in Simplified; each converted character keeps its input offset."""
        if not any(c in self.converter.forbidden("zh-Hans") for c in line.text):
            return line  # nothing Traditional-only: correct Simplified text is never touched
        # via Traditional, so that OpenCC's phrases see whole words in a mixed line (显著 stays)
        converted = self.to_simplified(self._to_traditional(line.text))
        if converted == line.text:
            return line
        why = f"Traditional → Simplified ({self.name})"
        if len(converted) == len(line.text):
            # the whole line is registered: the reason applies to those of its characters that end up
            # changed and that no later step (punctuation, entity) claims
            ledger.changed_many(line.src, "script", why)
            return Line(converted, list(line.src), line.end)
        # A dictionary phrase changed length: align, keeping offsets in order.
        src: list[int] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, line.text, converted, autojunk=False).get_opcodes():
            if op == "equal":
                src.extend(line.src[i1:i2])
                continue
            old = line.src[i1:i2]
            if op == "delete":
                ledger.drop(old, "script", why + ": character dropped by the converter")
                continue
            if not old:  # insert: attach the new characters to the previous kept character
                anchor = src[-1] if src else line.src[i1]  # at the start: share the next offset
                src.extend([anchor] * (j2 - j1))
                ledger.changed(anchor, "script", why)
                continue
            # replace: pair characters; extra old ones are dropped, extra new ones share the last offset
            for k in range(j2 - j1):
                src.append(old[min(k, len(old) - 1)])
            ledger.drop(old[j2 - j1:], "script", why + ": phrase shortened by the converter")
            for s in old[: j2 - j1]:
                ledger.changed(s, "script", why)
        return Line(converted, src, line.end)
