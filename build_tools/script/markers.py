"""The escape hatch (CONTENT_FORMAT.md): ``-{text}-`` keeps ``text`` unconverted;
``-{zh-Hans:简;zh-Hant:繁}-`` gives a fixed form per variant. Markers never reach output."""
from __future__ import annotations

import re

from ..variants import check as check_variant


class MarkerError(ValueError):
    """A malformed marker, located by offset into the text."""

    def __init__(self, offset: int, message: str, excerpt: str):
        super().__init__(f"{message} at offset {offset}: {excerpt!r}")
        self.offset, self.message = offset, message


MARKER = re.compile(r"-\{(.*?)\}-", re.S)
_PAIR = re.compile(r"\s*zh-(Hans|Hant)\s*:(.*?);\s*zh-(Hans|Hant)\s*:(.*)", re.S)


def pieces(text: str):
    """Split text into ('text', s, offset) | ('raw', s, offset, whole) | ('pair', {variant: (s, offset)}, whole).

    ``whole`` is the marker as written (kept verbatim by to_hans)."""
    out = []
    pos = 0
    for m in MARKER.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()], pos))
        body = m.group(1)
        body_off = m.start(1)
        if body.lstrip().startswith(("zh-Hans", "zh-Hant")):
            p = _PAIR.fullmatch(body)
            if not p or p.group(1) == p.group(3):
                raise MarkerError(m.start(), "malformed -{zh-Hans:…;zh-Hant:…}- marker", m.group(0)[:60])
            parts = {f"zh-{p.group(1)}": (p.group(2), body_off + p.start(2)),
                     f"zh-{p.group(3)}": (p.group(4), body_off + p.start(4))}
            out.append(("pair", parts, m.group(0)))
        else:
            out.append(("raw", body, body_off, m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:], pos))
    for piece in out:
        if piece[0] == "text" and "-{" in piece[1]:
            at = piece[2] + piece[1].index("-{")
            raise MarkerError(at, "unterminated -{ marker", text[at:at + 30])
    return out


def strip_markers(text: str, variant: str = "zh-Hans") -> str:
    """Resolve escape-hatch markers to their ``variant`` form; no conversion at all."""
    check_variant(variant)
    if "-{" not in text:
        return text
    buf = []
    for piece in pieces(text):
        if piece[0] in ("text", "raw"):
            buf.append(piece[1])
        else:
            buf.append(piece[1][variant][0])
    return "".join(buf)
