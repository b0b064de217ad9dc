"""Gather all content: read files safely, parse them, cross-link. No rendering here."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Report
from .model import Assignment, Plan, Site
from .parse import parse_plan
from .registry import Registry, load_registry
from .validate import validate_site

MAX_FILE_BYTES = 2 * 1024 * 1024  # a plan is ~40 KB; 2 MB means something went wrong
MAX_LINE_CHARS = 20_000  # one paragraph of the longest real plan is < 2,000


def read_text(path: Path, shown: str, report: Report) -> str | None:
    """UTF-8 text of a content file, or None with a located error."""
    data = path.read_bytes()
    if not data.strip():
        report.error(shown, 1, "file-empty", "the file is empty", "write the source or delete the file")
        return None
    if len(data) > MAX_FILE_BYTES:
        report.error(shown, 1, "file-too-large", f"{len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit",
                     "split the document or check that the file is really a plan source")
        return None
    if b"\x00" in data:
        report.error(shown, 1, "file-binary", "the file contains NUL bytes (binary, or UTF-16)",
                     "save it as UTF-8 text")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        report.error(shown, 1, "file-bom", "the file starts with a UTF-8 byte-order mark",
                     "save it as UTF-8 without BOM")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(shown, line, "file-encoding", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                     "re-save the file as UTF-8 (the importer converts GB18030/Big5)")
        return None
    if "\r" in text:
        report.warning(shown, text[: text.index("\r")].count("\n") + 1, "line-endings",
                       "CR or CRLF line endings", "save with LF line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            report.error(shown, number, "line-too-long", f"line has {len(line):,} characters (limit {MAX_LINE_CHARS:,})",
                         "split it into paragraphs, one per line")
    return text


def load_site(root: Path, report: Report) -> Site:
    """Read content/ under `root` into a linked, validated Site. Problems go to `report`."""
    content = root / "content"
    registry = load_registry(content / "agencies.yml", report, _shown(content / "agencies.yml", root))
    plans: list[Plan] = []
    for path in sorted((content / "plans").glob("*.md")):
        shown = _shown(path, root)
        text = read_text(path, shown, report)
        if text is None:
            continue
        plan = parse_plan(text, shown, registry, report)
        if plan:
            plans.append(plan)
    plans.sort(key=lambda p: (p.date, p.id))
    site = Site(plans=plans, agencies=registry.agencies, assignments=link_assignments(plans))
    validate_site(site, root, registry, report)
    return site


def link_assignments(plans: list[Plan]) -> list[Assignment]:
    return [Assignment(plan, task, index, agency_id, role)
            for plan in plans for task in plan.tasks
            for index, segment in enumerate(task.segments)
            for agency_id, role in segment.roles()]


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
