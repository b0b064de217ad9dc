"""Whole-site checks that need more than one file: ids, numbering, references, dates, usage."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..diagnostics import Report
from ..model import Plan, Site
from ..project import Project
from .numerals import cn_digits_to_int, cn_to_int, int_to_cn
from .registry import Registry

DOC_NUMBER_YEAR = re.compile(r"[\[〔（(【](\d{4})[\]〕）)】]")
CN_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
ARABIC_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
SOURCE_LINES = re.compile(r"第([0-9０-９][0-9０-９–—\-~～、，,和及至\s]*)行")


def check_site(site: Site, project: Project, registry: Registry, report: Report,
               unpublishable: list[Plan | None] = ()) -> None:
    """`unpublishable`: plans whose body was read but whose file or front matter is broken
    (None: not even the body); their structure is still checked, usage counts are not."""
    for plan in unpublishable:
        if plan is not None:
            _check_numbering(plan, report)
            _check_anchor_order(plan, report)
    _check_plan_ids(site, report)
    sources: dict[str, str] = {}
    for plan in site.plans:
        _check_source(plan, project, report)
        if plan.source in sources:
            report.add(plan.path, _line(plan, "source"), "duplicate-source",
                       f"source '{plan.source}' is also the source of {sources[plan.source]}",
                       "each plan comes from its own raw file: check 'source'")
        sources.setdefault(plan.source, plan.path)
        _check_numbering(plan, report)
        _check_anchor_order(plan, report)
        _check_dates(plan, report)
    _check_parents(registry, report)
    if not unpublishable:  # with a plan missing, "named by no plan" would be a false alarm
        _check_unused_agencies(site, registry, project, report)


def _line(plan: Plan, key: str) -> int:
    return plan.key_lines.get(key, 2)


def _check_plan_ids(site: Site, report: Report) -> None:
    files: dict[str, list[str]] = {}
    for plan in site.plans:
        expected = Path(plan.path).stem
        if plan.id != expected:
            report.add(plan.path, _line(plan, "id"), "plan-id-filename",
                       f"id '{plan.id}' differs from the file name '{expected}'",
                       f"rename the file to {plan.id}.md or set id: {expected}")
        files.setdefault(plan.id, []).append(plan.path)
    for plan in site.plans:
        others = [f for f in files[plan.id] if f != plan.path]
        if others:
            report.add(plan.path, _line(plan, "id"), "duplicate-plan-id",
                       f"plan id '{plan.id}' is also used by {', '.join(others)}", "give each plan its own id")


def _check_source(plan: Plan, project: Project, report: Report) -> None:
    path = project.sources_dir / plan.source
    if not path.is_file():
        report.add(plan.path, _line(plan, "source"), "unknown-source",
                   f"source file '{plan.source}' is not in content/sources/",
                   "copy the raw web text there unchanged, and name it in 'source'")
        return
    try:
        count = path.read_bytes().count(b"\n") + 1
    except OSError as exc:
        report.add(project.shown(path), 1, "file-unreadable", f"cannot read the raw source ({exc.strerror or exc})",
                   "make it a readable regular file")
        return
    for entry in plan.cleaning:
        for match in SOURCE_LINES.finditer(entry.what):
            numbers = [int(n) for n in re.findall(r"\d+", match[1].translate(FULLWIDTH_DIGITS))]
            beyond = [n for n in numbers if n > count or n == 0]
            if beyond:
                report.add(plan.path, entry.line or _line(plan, "cleaning"), "cleaning-line",
                           f"cleaning names line {beyond[0]} of {plan.source}, which has {count} lines",
                           "give the line numbers of the raw file in content/sources/")


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _number_of(label: str) -> int | None:
    core = label.strip("（）()、.．")
    return int(core) if core.isdigit() else cn_to_int(core)


def sequence_problems(numbers: list[int | None], from_first: bool = False) -> list[tuple[int, str]]:
    """(index, problem) for each number that breaks the count 1, 2, 3 …: gaps, repeats, disorder.
    `from_first`: the count starts at the first number (a partial copy that starts in the middle)."""
    out: list[tuple[int, str]] = []
    first = next((n for n in numbers if n is not None), 1)
    expected, seen = (first if from_first else 1), set()
    for index, number in enumerate(numbers):
        if number is None:  # unnumbered (reported as task-label): assume it holds its place
            expected += 1
            continue
        if number == expected:
            seen.add(number)
            expected = number + 1
            continue
        following = next((n for n in numbers[index + 1:] if n is not None), None)
        if following == expected + 1:  # one wrong label between two right ones
            out.append((index, f"is numbered {int_to_cn(number)} where {int_to_cn(expected)} is expected"))
            seen.add(expected)
            expected += 1
        elif number > expected:
            missing = int_to_cn(expected)
            if number > expected + 1:
                missing += f"–{int_to_cn(number - 1)}"
            out.append((index, f"is {int_to_cn(number)} but {missing} is missing before it (or out of order)"))
            seen.add(number)
            expected = number + 1
        elif number in seen:
            out.append((index, f"repeats number {int_to_cn(number)}"))
        else:
            out.append((index, f"is {int_to_cn(number)} but comes after {int_to_cn(expected - 1)} (out of order)"))
    return out


def _check_numbering(plan: Plan, report: Report) -> None:
    """Chapters count 一、二、…; tasks count on across chapters, or restart in each chapter."""
    numbers = [_number_of(c.title.split("、", 1)[0] + "、") if "、" in c.title else None for c in plan.chapters]
    partial = plan.completeness == "partial"
    for index, problem in sequence_problems(numbers, partial):
        chapter = plan.chapters[index]
        report.add(plan.path, chapter.line, "chapter-numbering", f"chapter '{chapter.title[:12]}…' {problem}",
                   "fix the number as printed, or the order of the chapters")
    numbers = [_number_of(t.label) if t.label else None for t in plan.tasks]
    running = sequence_problems(numbers, partial)
    restart: list[tuple[int, str]] = []
    start = 0
    for end in range(1, len(plan.tasks) + 1):
        if end == len(plan.tasks) or plan.tasks[end].chapter is not plan.tasks[start].chapter:
            restart += [(start + i, p) for i, p in sequence_problems(numbers[start:end], partial and start == 0)]
            start = end
    for index, problem in (running if len(running) <= len(restart) else restart):
        task = plan.tasks[index]
        report.add(plan.path, task.line, "task-numbering", f"task {task.label} {problem}",
                   "a task is missing, repeated or out of order: fix the number as printed or the order "
                   "(numbers run through the plan, or restart in each chapter)")


def _check_anchor_order(plan: Plan, report: Report) -> None:
    for items, letter in ((plan.chapters, "c"), (plan.tasks, "t")):
        previous = 0
        for item in items:
            match = re.fullmatch(letter + r"(\d+)", item.id or "")
            if not match:
                continue  # bad-anchor / missing-anchor already said so
            if int(match[1]) <= previous:
                report.add(plan.path, item.line, "anchor-order",
                           f"id '{item.id}' comes after {letter}{previous:0{len(match[1])}d}",
                           f"ids count up in document order ({letter}1, {letter}2 … / t01, t02 …)")
            previous = max(previous, int(match[1]))


def _check_dates(plan: Plan, report: Report) -> None:
    year = plan.date[:4]
    id_year = re.match(r"(\d{4})-", plan.id)
    if id_year and id_year[1] != year:
        report.add(plan.path, _line(plan, "id"), "plan-id-year",
                   f"id starts with {id_year[1]} but the date is {plan.date}",
                   "correct the date, or the id (and the file name)")
    number_year = DOC_NUMBER_YEAR.search(plan.doc_number)
    if number_year and number_year[1] != year:
        report.add(plan.path, _line(plan, "doc_number"), "date-mismatch",
                   f"doc_number {plan.doc_number} is of {number_year[1]} but the date is {plan.date}",
                   "check the date against the document")
    if plan.written and len(plan.date) == 10 and plan.written > plan.date:
        report.add(plan.path, _line(plan, "written"), "date-mismatch",
                   f"written (成文日期) {plan.written} is after the publication date {plan.date}",
                   "check both dates against the document: a text is signed before it is published")
    signed = plan.written or plan.date  # the signature carries the 成文日期
    key = "written" if plan.written else "date"
    for block in plan.blocks:
        if block.fence not in ("signature", "closing") or block.kind != "paragraph":
            continue
        found = _signature_date(block.text)
        if found is None:
            continue
        shown, day = found
        if day is None:
            report.add(plan.path, block.line, "date-mismatch", f"the signature date {shown} is not a real date",
                       "check the raw text")
        elif len(signed) == 10 and day.isoformat() != signed:
            report.add(plan.path, block.line, "date-mismatch",
                       f"the signature says {shown} ({day.isoformat()}) but {key} is {signed}",
                       f"set {key}: {day.isoformat()} if the signature is right"
                       + ("" if plan.written else "; or, when the document prints a later publication "
                            f"date, keep date and add written: {day.isoformat()}"))
        elif len(plan.date) == 4 and not plan.written and str(day.year) == plan.date:
            report.add(plan.path, block.line, "date-mismatch",
                       f"the signature gives the full date {shown} but date is only {plan.date}",
                       f"set date: {day.isoformat()}")


def _signature_date(text: str) -> tuple[str, dt.date | None] | None:
    match = CN_DATE.search(text)
    if match:
        parts = (cn_digits_to_int(match[1]), cn_to_int(match[2]), cn_to_int(match[3]))
    else:
        match = ARABIC_DATE.search(text)
        if not match:
            return None
        parts = (int(match[1]), int(match[2]), int(match[3]))
    try:
        return match[0], dt.date(*parts)
    except (TypeError, ValueError):
        return match[0], None


def _check_parents(registry: Registry, report: Report) -> None:
    agencies = registry.agencies
    for agency in agencies.values():
        seen, current = {agency.id}, agency.parent
        while current in agencies:
            if current in seen:
                report.add("content/agencies.yml", agency.line, "parent-cycle",
                           f"agency '{agency.id}' is its own ancestor (via '{current}')",
                           "a parent chain must end at an agency with parent: null")
                break
            seen.add(current)
            current = agencies[current].parent


def _check_unused_agencies(site: Site, registry: Registry, project: Project, report: Report) -> None:
    used = {a.agency_id for a in site.assignments} | {i for p in site.plans for i in p.issuers + p.addressees}
    frontier = set(used)
    while frontier:  # parents of used agencies are used (shown on their pages), up the chain
        frontier = {registry.agencies[i].parent for i in frontier
                    if i in registry.agencies and registry.agencies[i].parent} - used
        used |= frontier
    for agency in registry.agencies.values():
        if agency.id not in used:
            report.add(project.shown(project.registry_file), agency.line, "unused-agency",
                       f"agency '{agency.id}' ({agency.name}) is named by no plan",
                       "remove the entry, or keep it deliberately and ignore this warning")
