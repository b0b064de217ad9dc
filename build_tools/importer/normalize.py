"""Punctuation and spacing as in the official Simplified text.

Half-width ， ( ) : ; become full-width in Chinese text and stay half-width in Latin or
number contexts (12,000 · 10:30 · f(x) · GB/T 1.1(2009)); a space between two Chinese
characters or next to Chinese punctuation is a web artefact and goes. `-{…}-` conversion
markers and everything else are left alone.
"""
from __future__ import annotations

import re

from .tracked import Ledger, Line, WHITESPACE

SPACE_RUN = re.compile(f"[{WHITESPACE}]+")
HALF = re.compile(r"[,;:()]")
PARENS = re.compile(r"[()（）]")

FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』—…·～")
WHY_PUNCT = "half-width punctuation in Chinese text → full-width"


def chinese(ch: str) -> bool:
    return ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"
            or "\uff00" <= ch <= "\uffef" or ch in CJK_PUNCT)


def latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def drop_cjk_spaces(line: Line, ledger: Ledger) -> Line:
    """Remove whitespace runs that have Chinese text on both sides (or Chinese punctuation on one)."""
    text = line.text
    spans = []
    for m in SPACE_RUN.finditer(text):
        i, j = m.span()
        before, after = (text[i - 1] if i else ""), (text[j] if j < len(text) else "")
        if before and after and ((chinese(before) and chinese(after))
                                 or before in CJK_PUNCT or after in CJK_PUNCT):
            spans.append((i, j))
    return ledger.cut_many(line, spans, "cjk-space", "space inside Chinese text") if spans else line


def full_width(line: Line, ledger: Ledger) -> Line:
    text = line.text
    found = [m.start() for m in HALF.finditer(text)]
    if not found:
        return line
    n = len(text)
    new: dict[int, str] = {}
    paired = set()
    for open_i, close_i in _paren_pairs(text):
        paired.update((open_i, close_i))
        before = text[open_i - 1] if open_i else ""
        after = text[close_i + 1] if close_i + 1 < n else ""
        if (not before or chinese(before) or chinese(after) or _numbering(text[open_i + 1:close_i], before)
                or any(chinese(c) for c in text[open_i + 1:close_i])):
            if text[open_i] == "(":
                new[open_i] = "（"
            if text[close_i] == ")":
                new[close_i] = "）"
    for i in found:
        if i in paired:
            continue
        ch = text[i]
        before, after = (text[i - 1] if i else ""), (text[i + 1] if i + 1 < n else "")
        if ch in "()":
            if chinese(before) or chinese(after) or not before:
                new[i] = FULL[ch]
        elif ch == ":":
            if chinese(before) or (chinese(after) and not latin(before)):
                new[i] = FULL[ch]
        elif not (latin(before) and (latin(after) or after == " ")):  # , ;
            if chinese(before) or chinese(after) or not after:
                new[i] = FULL[ch]
    if not new:
        return line
    chars = list(text)
    for i, ch in new.items():
        chars[i] = ch
        ledger.changed(line.src[i], "half-width", WHY_PUNCT)
    return Line("".join(chars), list(line.src), line.end)


def _numbering(inner: str, before: str) -> bool:
    """(1) at the start of a line is a list number, written （1） in Chinese text."""
    return not before and inner.isdigit()


def _paren_pairs(text: str) -> list[tuple[int, int]]:
    """Matching bracket pairs of which at least one is half-width."""
    stack, pairs = [], []
    for m in PARENS.finditer(text):
        i, ch = m.start(), m.group(0)
        if ch in "(（":
            stack.append((i, ch))
        elif stack:
            j, opener = stack.pop()
            if opener == "(" or ch == ")":
                pairs.append((j, i))
    return pairs


def normalize(line: Line, ledger: Ledger) -> Line:
    return full_width(drop_cjk_spaces(line, ledger), ledger)
