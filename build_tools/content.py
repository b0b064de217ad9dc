"""Gather all content: read files safely, parse them, cross-link. No rendering here."""
from __future__ import annotations

import re
from pathlib import Path

from .diagnostics import Report
from .model import Assignment, Plan, Site
from .parse import read_plan
from .registry import Registry, load_registry
from .textcheck import check_lines
from .validate import validate_site

# Limits (README "Limits"): generous for real documents, small enough to stop accidents early.
MAX_FILE_BYTES = 512 * 1024  # the largest plan is 40 KB, the registry 18 KB: 512 KB is a web dump or a binary
MAX_LINE_CHARS = 5_000  # one paragraph per line; the longest real one is 565 characters


def read_text(path: Path, shown: str, report: Report) -> str | None:
    """UTF-8 text of a content file, or None with a located error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.error(shown, 1, "file-unreadable", f"cannot read the file ({exc.strerror or exc})",
                     "make it a readable regular file")
        return None
    if not data.strip():
        report.error(shown, 1, "file-empty", "the file is empty", "write the source or delete the file")
        return None
    if len(data) > MAX_FILE_BYTES:
        report.error(shown, 1, "file-too-large", f"{len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit",
                     "split the document or check that the file is really a plan source")
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.error(shown, line, "file-binary", "the file contains NUL bytes (binary, or UTF-16)",
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
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        report.error(shown, line, "file-encoding", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                     "re-save the file as UTF-8 (the importer converts GB18030/Big5)", col=col)
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


def load_site(root: Path, report: Report, registry: Registry | None = None) -> Site:
    """Read content/ under `root` into a linked, validated Site. Problems go to `report`.
    `registry`: an already loaded registry (tests); by default content/agencies.yml is read."""
    content = root / "content"
    if registry is None:
        registry = load_registry_file(content / "agencies.yml", _shown(content / "agencies.yml", root), report)
    plans: list[Plan] = []
    unpublishable: list[Plan | None] = []  # read, but front matter or file is broken
    for path in sorted((content / "plans").iterdir()) if (content / "plans").is_dir() else []:
        shown = _shown(path, root)
        if path.suffix != ".md" or path.name.startswith("."):
            if not path.name.startswith("."):
                report.warning(shown, 1, "stray-file", "not a plan source (only *.md files here are read)",
                               "move it elsewhere (raw texts belong in content/sources/) or rename it to .md")
            continue
        plan, ok = load_plan_file(path, shown, registry, report)
        (plans if ok else unpublishable).append(plan)
    if not plans and not report.errors:
        report.error(_shown(content / "plans", root), 1, "no-plans", "no plan sources found",
                     "add content/plans/<plan-id>.md (see CONTENT_FORMAT.md)")
    check_dictionary(content / "script" / "phrases.tsv", _shown(content / "script" / "phrases.tsv", root), report)
    plans.sort(key=lambda p: (p.date, p.id))
    site = Site(plans=plans, agencies=registry.agencies, assignments=link_assignments(plans))
    validate_site(site, root, registry, report, unpublishable)
    return site


DICTIONARY_PROBLEM = re.compile(r"^\s*[^:\n]+:(\d+): (.+)$", re.M)


def check_dictionary(path: Path, shown: str, report: Report) -> None:
    """The conversion dictionary, read as the converter reads it: a bad line there would stop the
    build with a traceback, so report it here, located (see CONVERSION.md)."""
    if not path.exists() or read_text(path, shown, report) is None:
        return
    from .convert import load_phrases

    try:
        load_phrases(path)
    except ValueError as exc:
        problems = DICTIONARY_PROBLEM.findall(str(exc)) or [("1", str(exc))]
        for line, message in problems:
            report.error(shown, int(line), "dictionary-entry", message,
                         "fix the line: simplified<TAB>traditional<TAB>kind: reason (see CONVERSION.md)")


def load_registry_file(path: Path, shown: str, report: Report) -> Registry:
    if path.exists():
        text = read_text(path, shown, report)
        if text is not None:
            check_lines(text.split("\n"), shown, report, skip_comments=True)
        registry = load_registry(path, report, shown, text=text or "[]")
    else:
        registry = load_registry(path, report, shown)
    if not registry.agencies and not any(d.path == shown for d in report.errors):
        report.error(shown, 1, "registry-empty", "the registry lists no agency",
                     "add the agencies the plans name (see CONTENT_FORMAT.md)")
    return registry


def load_plan_file(path: Path, shown: str, registry: Registry, report: Report) -> tuple[Plan | None, bool]:
    """(plan, publishable) for one plan file; every problem of the file goes to `report`."""
    text = read_text(path, shown, report)
    if text is None:
        return None, False
    check_lines(text.split("\n"), shown, report)
    plan, meta_ok = read_plan(text, shown, registry, report)
    return plan, bool(plan and meta_ok)


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
