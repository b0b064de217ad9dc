"""Whole-site checks that need more than one file: ids, numbering, references, usage."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Report
from .model import Plan, Site
from .numerals import cn_to_int, int_to_cn
from .registry import Registry


def validate_site(site: Site, root: Path, registry: Registry, report: Report) -> None:
    _check_plan_ids(site, root, report)
    for plan in site.plans:
        _check_source(plan, root, report)
        _check_numbering(plan, report)
    _check_unused_agencies(site, registry, root, report)


def _check_plan_ids(site: Site, root: Path, report: Report) -> None:
    seen: dict[str, str] = {}
    for plan in site.plans:
        expected = Path(plan.path).stem
        if plan.id != expected:
            report.error(plan.path, 2, "plan-id-filename", f"id '{plan.id}' differs from the file name '{expected}'",
                         f"rename the file to {plan.id}.md or set id: {expected}")
        if plan.id in seen:
            report.error(plan.path, 2, "duplicate-plan-id", f"plan id '{plan.id}' is also used by {seen[plan.id]}",
                         "give each plan its own id")
        seen.setdefault(plan.id, plan.path)


def _check_source(plan: Plan, root: Path, report: Report) -> None:
    if not (root / "content" / "sources" / plan.source).is_file():
        report.error(plan.path, 2, "unknown-source", f"source file '{plan.source}' is not in content/sources/",
                     "copy the raw web text there unchanged, and name it in 'source'")


def _number_of(label: str) -> int | None:
    core = label.strip("（）()、.．")
    return int(core) if core.isdigit() else cn_to_int(core)


def _check_numbering(plan: Plan, report: Report) -> None:
    """Chapters count 一、二、…; tasks count on across chapters, or restart in each chapter."""
    for expected, chapter in enumerate(plan.chapters, 1):
        label = chapter.title.split("、", 1)[0] + "、" if "、" in chapter.title else ""
        if _number_of(label) not in (expected, None):
            report.error(plan.path, chapter.line, "chapter-numbering",
                         f"chapter '{chapter.title[:12]}…' is numbered {label} but is chapter {expected}",
                         f"expected {int_to_cn(expected)}、 — fix the number or the order")
    numbers = [_number_of(t.label) for t in plan.tasks]
    running = all(n == i for i, n in enumerate(numbers, 1))
    if running:
        return
    restart_ok = True
    previous_chapter, count = object(), 0
    for task, number in zip(plan.tasks, numbers):
        count = count + 1 if task.chapter is previous_chapter else 1
        previous_chapter = task.chapter
        restart_ok &= number == count
    if restart_ok:
        return
    previous_chapter, count = object(), 0
    for index, (task, number) in enumerate(zip(plan.tasks, numbers), 1):
        if number != index:
            report.error(plan.path, task.line, "task-numbering",
                         f"task {task.label} is number {number} but is task {index} of the plan",
                         f"expected {int_to_cn(index)} — a task is missing, repeated or out of order")
            break


def _check_unused_agencies(site: Site, registry: Registry, root: Path, report: Report) -> None:
    used = {a.agency_id for a in site.assignments} | {i for p in site.plans for i in p.issuers + p.addressees}
    used |= {registry.agencies[i].parent for i in used if i in registry.agencies and registry.agencies[i].parent}
    for agency in registry.agencies.values():
        if agency.id not in used:
            report.warning("content/agencies.yml", agency.line, "unused-agency",
                           f"agency '{agency.id}' ({agency.name}) is named by no plan",
                           "remove the entry, or keep it deliberately and ignore this warning")
