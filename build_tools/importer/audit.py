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
    """The input less the report's removals, with its changes applied."""
    marked = bytearray(len(source))
    events = []  # (offset, length, replacement)
    for r in report["removals"]:
        a, n = r["offset"], r["length"]
        if source[a:a + n] != r["text"]:
            raise AuditError(f"removal at offset {a} quotes {r['text']!r} but the input has {source[a:a + n]!r}")
        if any(marked[a:a + n]):
            raise AuditError(f"offsets {a}–{a + n - 1} are removed twice")
        marked[a:a + n] = b"\x01" * n
        events.append((a, n, ""))
    for o, old, new in (run for group in report["changes"] for run in group["runs"]):
        n = len(old)
        if n == 0 or any(marked[o:o + n]):
            raise AuditError(f"offset {o} is removed or changed twice")
        if source[o:o + n] != old:
            raise AuditError(f"change at offset {o} says {old!r} but the input has {source[o:o + n]!r}")
        marked[o:o + n] = b"\x02" * n
        events.append((o, n, new))
    out, pos = [], 0
    for offset, length, replacement in sorted(events):
        out.append(source[pos:offset])
        out.append(replacement)
        pos = offset + length
    out.append(source[pos:])
    return "".join(out)


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
    breaks = 0
    at = kept.find("\n")
    while at >= 0:
        pos = at - breaks  # characters before this line break, line breaks not counted
        if pos not in bounds:
            raise AuditError(f"an input line break kept at draft character {pos} falls inside a paragraph")
        breaks += 1
        at = kept.find("\n", at + 1)
