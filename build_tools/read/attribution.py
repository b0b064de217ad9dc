"""Find and read agency attributions: 〔A、B牵头，C等按职责分工负责〕 at the end of a paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = {"〕": "〔", "）": "（", ")": "(", "】": "【"}
LEAD = "牵头"
DUTY = re.compile(r"(?:等)?(?:按职责分工)?负责$")
STANDING = re.compile(r"[。；;，,]\s*以下均需(?P<who>.+?)负责[，,]\s*不再列出[。]?$")
SEPARATORS = re.compile(r"[、，,]")


@dataclass(frozen=True)
class RawAttribution:
    """An attribution as printed: where it starts in the paragraph and the names it gives."""

    start: int  # offset of the opening bracket in the paragraph
    text: str  # brackets included
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    standing: tuple[str, ...]


def trailing_group(paragraph: str) -> tuple[int, str] | None:
    """The bracketed group that ends the paragraph (nested brackets allowed), if any."""
    end = len(paragraph.rstrip("。 "))
    if end == 0 or paragraph[end - 1] not in OPEN:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = paragraph[i]
        if ch in OPEN:
            depth += 1
        elif ch in OPEN.values():
            depth -= 1
            if depth == 0:
                return (i, paragraph[i:end]) if OPEN[paragraph[end - 1]] == ch else None
    return None


def find_attribution(paragraph: str) -> RawAttribution | None:
    """Read a paragraph-final attribution; None when the paragraph does not end in one."""
    found = trailing_group(paragraph)
    if not found:
        return None
    start, group = found
    inner = group[1:-1].strip()
    standing: tuple[str, ...] = ()
    note = STANDING.search(inner)
    if note:
        standing = split_names(note.group("who"))
        inner = inner[: note.start()]
    if LEAD not in inner and not DUTY.search(inner):
        return None
    lead_part, _, rest = inner.partition(LEAD) if LEAD in inner else ("", "", inner)
    rest = rest.lstrip("，,、 ")
    responsible_part = DUTY.sub("", rest) if rest else ""
    return RawAttribution(start, group, split_names(lead_part), split_names(responsible_part), standing)


def split_names(part: str) -> tuple[str, ...]:
    names = [n.strip().removesuffix("等部门").removesuffix("等").strip() for n in SEPARATORS.split(part)]
    return tuple(n for n in names if n)


def expand_name(name: str, known) -> list[str] | None:
    """Names a printed name stands for: itself, A（B） as both, or A和B when the whole is unknown.

    `known(name)` tells whether the registry has a name. None means: cannot resolve.
    """
    if known(name):
        return [name]
    paren = re.fullmatch(r"(?P<a>[^（(]+)[（(](?P<b>[^）)]+)[）)]", name)
    if paren and known(paren["a"]) and known(paren["b"]):
        return [paren["a"], paren["b"]]
    if "和" in name:
        for i, ch in enumerate(name):
            if ch == "和" and known(name[:i]):
                tail = expand_name(name[i + 1:], known)
                if tail:
                    return [name[:i], *tail]
    return None
