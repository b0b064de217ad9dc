"""Punctuation and spacing as in the official Simplified text.

Half-width ， ( ) : ; become full-width in Chinese text and stay half-width in Latin or
number contexts (12,000 · 10:30 · f(x) · GB/T 1.1(2009)); a space between two Chinese
characters or next to Chinese punctuation is a web artefact and goes. `-{…}-` conversion
markers and everything else are left alone.
"""
from __future__ import annotations

from .tracked import Ledger, Line, WHITESPACE

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
    if not any(c in WHITESPACE for c in text):
        return line
    spans = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in WHITESPACE:
            i += 1
            continue
        j = i
        while j < n and text[j] in WHITESPACE:
            j += 1
        before, after = (text[i - 1] if i else ""), (text[j] if j < n else "")
        if before and after and ((chinese(before) and chinese(after))
                                 or before in CJK_PUNCT or after in CJK_PUNCT):
            spans.append((i, j))
        i = j
    return ledger.cut_many(line, spans, "layout", "space inside Chinese text")


def full_width(line: Line, ledger: Ledger) -> Line:
    text = line.text
    if not any(c in FULL for c in text):
        return line
    chars = list(text)
    n = len(chars)

    def ctx(i: int) -> tuple[str, str]:
        return (text[i - 1] if i else ""), (text[i + 1] if i + 1 < n else "")

    pairs = _paren_pairs(text)
    paired = set()
    for open_i, close_i in pairs:
        paired.update((open_i, close_i))
        before = text[open_i - 1] if open_i else ""
        after = text[close_i + 1] if close_i + 1 < n else ""
        inner = text[open_i + 1:close_i]
        if (not before or chinese(before) or chinese(after) or any(chinese(c) for c in inner)
                or _numbering(inner, before)):
            chars[open_i], chars[close_i] = "（", "）"
    for i, ch in enumerate(text):
        if ch not in FULL or i in paired:
            continue
        before, after = ctx(i)
        if ch in "()":
            if chinese(before) or chinese(after) or not before:
                chars[i] = FULL[ch]
        elif ch == ":":
            if chinese(before) or (chinese(after) and not latin(before)):
                chars[i] = FULL[ch]
        elif not (latin(before) and (latin(after) or after == " ")):  # , ;
            if chinese(before) or chinese(after) or not after:
                chars[i] = FULL[ch]
    new = "".join(chars)
    if new == text:
        return line
    for a, b, s in zip(text, new, line.src):
        if a != b:
            ledger.changed(s, "layout", WHY_PUNCT)
    return Line(new, list(line.src), line.end)


def _numbering(inner: str, before: str) -> bool:
    """(1) at the start of a line is a list number, written （1） in Chinese text."""
    return not before and inner.isdigit()


def _paren_pairs(text: str) -> list[tuple[int, int]]:
    stack, pairs = [], []
    for i, ch in enumerate(text):
        if ch in "(（":
            stack.append((i, ch))
        elif ch in ")）" and stack:
            j, opener = stack.pop()
            if opener == "(" or ch == ")":
                pairs.append((j, i))
    return pairs


def normalize(line: Line, ledger: Ledger) -> Line:
    return full_width(drop_cjk_spaces(line, ledger), ledger)
