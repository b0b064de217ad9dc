"""Gather all content of a project: read files safely, parse them, cross-link. No rendering here."""
from __future__ import annotations

from ..diagnostics import Report
from ..model import Assignment, Plan, Site
from ..project import Project
from ..script.check import dictionary_output
from ..script.dictionary import read_phrases
from .citations import check_citations, cited_titles, read_known_external
from .crosscheck import check_site
from .files import MAX_PARAGRAPHS_PER_PLAN, MAX_TASKS_PER_PLAN, read_text
from .lint import check_lines
from .plan import read_plan
from .registry import Registry, load_registry
from .terms import check_term_lists


def load_site(project: Project, report: Report, registry: Registry | None = None) -> Site:
    """Read content/ of `project` into a linked, checked Site. Problems go to `report`.
    `registry`: an already loaded registry (tests); by default content/agencies.yml is read."""
    if registry is None:
        registry = load_registry_file(project, report)
    plans: list[Plan] = []
    unpublishable: list[Plan | None] = []  # read, but front matter or file is broken
    plan_files = sorted(project.plans_dir.iterdir()) if project.plans_dir.is_dir() else []
    for path in plan_files:
        shown = project.shown(path)
        if path.suffix != ".md" or path.name.startswith("."):
            if not path.name.startswith("."):
                report.add(shown, 1, "stray-file", "not a plan source (only *.md files here are read)",
                           "move it elsewhere (raw texts belong in content/sources/) or rename it to .md")
            continue
        plan, ok = load_plan_file(path, shown, registry, report)
        (plans if ok else unpublishable).append(plan)
    if not plans and not report.errors:
        report.add(project.shown(project.plans_dir), 1, "no-plans", "no plan sources found",
                   "add content/plans/<plan-id>.md (see CONTENT_FORMAT.md)")
    check_dictionary(project, report)
    search_terms = check_term_lists(project, report)
    plans.sort(key=lambda p: (p.date, p.id))
    site = Site(plans=plans, agencies=registry.agencies, assignments=link_assignments(plans),
                search_terms=search_terms)
    check_site(site, project, registry, report, unpublishable)
    site.citations = cited_titles(plans)
    known = project.external_titles_file
    text = read_text(known, project.shown(known), report) if known.exists() else None
    check_citations(site.citations, plans, read_known_external(text), report)
    return site


def check_dictionary(project: Project, report: Report) -> None:
    """The conversion dictionary, read as the converter reads it: a bad line there would stop the
    build, so report it here, located (see CONVERSION.md)."""
    path, shown = project.phrases_file, project.shown(project.phrases_file)
    if not path.exists():
        report.add(shown, 1, "file-missing", "the conversion dictionary is missing (zh-Hant is made with it)",
                   "restore it from git, or create it with a '#' comment line (see CONVERSION.md)")
        return
    text = read_text(path, shown, report, allow_empty=True)
    if text is None:
        return
    entries, problems = read_phrases(text)
    for problem in problems:
        report.add(shown, problem.line, "dictionary-entry", problem.message,
                   "fix the line: simplified<TAB>traditional<TAB>kind: reason (see CONVERSION.md)")
    for entry, char, reason in dictionary_output(entries)[1]:
        report.add(shown, entry.line, "dictionary-script",
                   f"{entry.simplified}→{entry.traditional} writes {char} into zh-Hant pages ({reason})",
                   "write the Taiwan Traditional form; to show Simplified text on purpose, use a -{…}- "
                   "marker in the plan, not the dictionary")


def load_registry_file(project: Project, report: Report) -> Registry:
    path, shown = project.registry_file, project.shown(project.registry_file)
    if path.exists():
        text = read_text(path, shown, report)
        if text is not None:
            check_lines(text.split("\n"), shown, report, skip_comments=True)
        registry = load_registry(path, report, shown, text=text or "[]")
    else:
        registry = load_registry(path, report, shown)
    if not registry.agencies and not any(d.path == shown for d in report.errors):
        report.add(shown, 1, "registry-empty", "the registry lists no agency",
                   "add the agencies the plans name (see CONTENT_FORMAT.md)")
    return registry


def load_plan_file(path, shown: str, registry: Registry, report: Report) -> tuple[Plan | None, bool]:
    """(plan, publishable) for one plan file; every problem of the file goes to `report`."""
    text = read_text(path, shown, report)
    if text is None:
        return None, False
    check_lines(text.split("\n"), shown, report)
    plan, meta_ok = read_plan(text, shown, registry, report)
    if plan and (len(plan.blocks) > MAX_PARAGRAPHS_PER_PLAN or len(plan.tasks) > MAX_TASKS_PER_PLAN):
        report.add(shown, 1, "plan-too-large", f"{len(plan.blocks):,} paragraphs and {len(plan.tasks):,} tasks "
                   f"(limits {MAX_PARAGRAPHS_PER_PLAN:,} and {MAX_TASKS_PER_PLAN:,} per plan)",
                   "check that the file is one plan and not a pasted dump; split a real document in two")
        return plan, False
    return plan, bool(plan and meta_ok)


def link_assignments(plans: list[Plan]) -> list[Assignment]:
    return [Assignment(plan, task, index, agency_id, role)
            for plan in plans for task in plan.tasks
            for index, segment in enumerate(task.segments)
            for agency_id, role in segment.roles()]
