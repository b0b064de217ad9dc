"""Check a draft against its input and its report, knowing nothing of how the import worked.

Take the decoded input, delete every removal of the JSON report, apply every change: what
is left must be the draft's text, character for character and in order, and each line break
left must fall between two paragraphs of the draft. Overlapping or misquoted removals, and
changes that do not match the input, are failures too.
"""
from __future__ import annotations

import re

HEADING = re.compile(r"^#{2,4} (.+?)(?:\s*\{#[^}\s]*\})?\s*$")
FENCE = re.compile(r"^:::\s*[\w-]*\s*$")


class AuditError(AssertionError):
    pass


def draft_paragraphs(draft: str) -> list[str]:
    lines = draft.split("\n")
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    out = []
    for line in lines:
        if not line.strip() or FENCE.match(line.strip()):
            continue
        m = HEADING.match(line)
        out.append(m.group(1) if m else line)
    return out


def kept_text(source: str, report: dict) -> str:
    fate = [""] * len(source)  # "" kept as is, None removed, str: replacement
    marked = bytearray(len(source))
    for r in report["removals"]:
        a, n = r["offset"], r["length"]
        if source[a:a + n] != r["text"]:
            raise AuditError(f"removal at offset {a} quotes {r['text']!r} but the input has {source[a:a + n]!r}")
        for i in range(a, a + n):
            if marked[i]:
                raise AuditError(f"offset {i} is removed twice")
            marked[i] = 1
            fate[i] = None
    for c in report["changes"]:
        o = c["offset"]
        if marked[o]:
            raise AuditError(f"offset {o} is both removed and changed")
        if source[o] != c["from"]:
            raise AuditError(f"change at offset {o} says {c['from']!r} but the input has {source[o]!r}")
        marked[o] = 2
        fate[o] = c["to"]
    return "".join(ch if f == "" else f for ch, f in zip(source, fate) if f is not None)


def audit(source: str, report: dict, draft: str) -> None:
    """Raise AuditError unless input − removals + changes = the draft's paragraphs."""
    kept = kept_text(source, report)
    paragraphs = draft_paragraphs(draft)
    joined = "".join(paragraphs)
    flat = kept.replace("\n", "")
    if flat != joined:
        i = next((k for k, (a, b) in enumerate(zip(flat, joined)) if a != b), min(len(flat), len(joined)))
        raise AuditError(f"draft and input differ at character {i}: input keeps {flat[i:i + 30]!r}, "
                         f"draft has {joined[i:i + 30]!r}")
    bounds, pos = {0}, 0
    for p in paragraphs:
        pos += len(p)
        bounds.add(pos)
    pos = 0
    for ch in kept:
        if ch == "\n":
            if pos not in bounds:
                raise AuditError(f"an input line break kept at draft character {pos} falls inside a paragraph")
        else:
            pos += 1
