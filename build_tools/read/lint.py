"""Line-level checks of what editors type: markup that will be shown as text, invisible
characters, brackets and attributions in the wrong place, malformed conversion markers.

Nothing here changes the text; the renderer escapes everything anyway. These rules tell the
editor early, at the exact line and column, what a reader would otherwise see.
"""
from __future__ import annotations

import re
import unicodedata

from ..chars import INVISIBLE
from ..diagnostics import Report
from ..model import Plan
from ..script.markers import MarkerError, strip_markers
from .attribution import bracket_groups, find_attributions, is_attribution

RAW_HTML = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)"  # a tag: <script>, </p>, <img src=…
    r"|<!--|-->|<!|<\?"  # comments, doctype, CDATA, processing instructions
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});"  # character references
    r"|(?i:\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html|\bon[a-z]+\s*=)")  # script URLs, handlers
TEMPLATE = re.compile(r"\{\{|\{%|\{#(?![A-Za-z0-9_-]*\}\s*$)")
MD_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")

BRACKETS = {"〔": "〕", "（": "）", "(": ")", "【": "】", "《": "》", "[": "]"}
OPENERS = {v: k for k, v in BRACKETS.items()}
ATTRIBUTION_HINT = re.compile(r"牵头|负责[。；;，,\s]*[〕）)】]?[。\s]*$")

CONTROL_NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
                 "\u2060": "word joiner", "\ufeff": "zero-width no-break space (BOM)",
                 "\u202e": "right-to-left override", "\u202d": "left-to-right override",
                 "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate", "\u00ad": "soft hyphen"}


def _name(ch: str) -> str:
    return CONTROL_NAMES.get(ch) or unicodedata.name(ch, "control character").lower()


def check_lines(lines: list[str], path: str, report: Report, skip_comments: bool = False) -> None:
    """Markup, template syntax and invisible characters anywhere in a content file."""
    for number, line in enumerate(lines, 1):
        if skip_comments and line.lstrip().startswith("#"):
            continue
        found = [(m.start(), m[0]) for m in INVISIBLE.finditer(line)]
        if found:
            listed = ", ".join(f"U+{ord(ch):04X} ({_name(ch)}) at column {at + 1}" for at, ch in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            report.add(path, number, "invisible-char", f"invisible character {listed}{more}",
                       "delete it (web copies carry them); readers are shown it as [U+XXXX]",
                       col=found[0][0] + 1)
        html = RAW_HTML.search(line)
        if html:
            report.add(path, number, "raw-html", f"HTML-like text {html[0]!r} is shown to readers as typed, "
                       "never run as HTML", "delete it if it is left over from the web page", col=html.start() + 1)
        template = TEMPLATE.search(line)
        if template:
            report.add(path, number, "template-syntax", f"{template[0]!r} is shown to readers as typed, "
                       "never run as a template", "delete it if it is left over from a web page",
                       col=template.start() + 1)
        problem = _marker_problem(line)
        if problem:
            report.add(path, number, "marker-syntax", problem[0],
                       "write -{text}- or -{zh-Hans:简;zh-Hant:繁}- (see CONVERSION.md)", col=problem[1] + 1)


def _marker_problem(line: str) -> tuple[str, int] | None:
    """The converter's own complaint about the -{…}- markers of a line, if any."""
    if "-{" not in line:
        return None
    try:
        strip_markers(line, "zh-Hans")
    except MarkerError as exc:
        return exc.message, exc.offset
    return None


def check_body(plan: Plan, report: Report) -> None:
    """Brackets and attribution placement in each paragraph and heading of a plan body."""
    in_task = {id(p) for task in plan.tasks for p in task.paragraphs}
    texts = [b for b in plan.blocks if b.text and b.kind not in ("fence-start", "fence-end")]
    cut_off = texts[-1] if texts and plan.completeness == "partial" else None  # where a partial copy ends
    for block in plan.blocks:
        if block.kind in ("fence-start", "fence-end") or not block.text:
            continue
        text = block.text
        for at, problem, unclosed in _bracket_problems(text):
            if block is cut_off and unclosed:
                continue  # the partial copy ends inside this bracket (the plan's `missing` says so)
            if block.kind == "paragraph" and ATTRIBUTION_HINT.search(text):
                report.add(plan.path, block.line, "attribution-unbalanced", f"{problem} in a paragraph with an "
                           "attribution, so the attribution cannot be read",
                           "close each bracket with its own kind: 〔…〕, （…）", col=at + 1)
            else:
                report.add(plan.path, block.line, "unbalanced-brackets", problem,
                           "check the raw text: close each bracket with its own kind", col=at + 1)
        link = MD_LINK.search(text)
        if link:
            report.add(plan.path, block.line, "markdown-link", f"{link[0][:40]!r} is shown as typed: body text "
                       "has no link syntax", "write the words only; agencies are linked automatically",
                       col=link.start() + 1)
        _check_attribution_place(plan, block, id(block) in in_task, report)


def _bracket_problems(text: str) -> list[tuple[int, str, bool]]:
    """(column, message, whether it is an opener never closed)."""
    stack: list[tuple[str, int]] = []
    out: list[tuple[int, str, bool]] = []
    for i, ch in enumerate(text):
        if ch in BRACKETS:
            stack.append((ch, i))
        elif ch in OPENERS:
            if not stack:
                out.append((i, f"'{ch}' at column {i + 1} closes nothing", False))
            elif stack[-1][0] != OPENERS[ch]:
                opener, at = stack.pop()
                out.append((at, f"'{opener}' at column {at + 1} is closed by '{ch}' at column {i + 1}", False))
            else:
                stack.pop()
    out.extend((at, f"'{opener}' at column {at + 1} is never closed", True) for opener, at in stack)
    return out


def _check_attribution_place(plan: Plan, block, in_task: bool, report: Report) -> None:
    """An attribution closes the sentences it covers: at a paragraph's end, or mid-paragraph after
    。/；/： or before the next sentence or numbered item. Inside a sentence or a heading it is misplaced."""
    text = block.text
    if block.kind == "paragraph":
        found = [(r.start, r.end, r.placed) for r in find_attributions(text)[0]]
    else:
        found = [(s, e, False) for s, e in bracket_groups(text) if is_attribution(text[s:e])]
    for start, end, placed in found:
        shown = text[start:end][:30]
        if (in_task or block.kind == "task") and not placed and block.kind != "paragraph":
            report.add(plan.path, block.line, "attribution-misplaced", f"attribution {shown} is in a heading",
                       "an attribution ends the sentences it covers: put it after their 。, "
                       "or start a new line after it", col=start + 1)
        elif in_task and not placed:
            after = text[end:].strip()
            report.add(plan.path, block.line, "attribution-in-sentence",
                       f"{shown} is inside a sentence" + (f" (followed by '{after[:12]}')" if after else "")
                       + ", so it is read as ordinary text and credits nobody",
                       "if it is the task's attribution, put it after the sentences it covers or start "
                       "a new line after it; if the document prints it so, leave it", col=start + 1)
        elif not in_task and block.kind != "task":
            report.add(plan.path, block.line, "attribution-outside-task",
                       f"{shown} looks like an attribution but is not inside a task paragraph; "
                       "it credits nobody", "put it under the task (###) it belongs to, or ignore this "
                       "if it is ordinary text", col=start + 1)
