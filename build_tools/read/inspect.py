"""`policyref inspect PLAN.md`: how the build reads one plan, even while check fails.

`inspect_plan` returns plain data (the JSON of `--json`, documented in README): front matter,
chapters, tasks, every segment with its printed attribution and its actors as
{"name": as printed, "id": registry id or null}, and the diagnostics of that file. `as_text`
prints the same for editors.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..model import Plan, Site
from ..project import Project
from .crosscheck import check_site
from .files import read_text
from .lint import check_lines
from .plan import read_plan, split_front_matter
from .registry import Registry
from .schema import load_yaml
from .site import load_registry_file

FORMAT = 1  # bump when the JSON changes incompatibly


def inspect_plan(path: Path, project: Project | None) -> dict:
    """Everything the build reads from one plan file; the registry is the project's when it has one."""
    report = Report()
    registry = load_registry_file(project, Report()) if project else Registry({})
    shown = project.shown(path.resolve()) if project else str(path)
    text = read_text(path, shown, report)
    plan, meta_ok = (None, False)
    front: dict = {}
    if text is not None:
        check_lines(text.split("\n"), shown, report)
        plan, meta_ok = read_plan(text, shown, registry, report)
        front = _front_matter(text, shown)
        if plan is not None:
            site = Site(plans=[plan] if meta_ok else [], agencies=registry.agencies, assignments=[])
            site_report = Report()
            check_site(site, project or Project(path.parent), registry, site_report,
                       [] if meta_ok else [plan])
            report.items += [d for d in site_report.items if d.path == shown]
    return {
        "format": FORMAT,
        "file": shown,
        "publishable": bool(plan and meta_ok and not report.errors),
        "front_matter": front,
        "chapters": [{"id": c.id, "title": c.title, "line": c.line,
                      "tasks": [t.id for t in plan.tasks if t.chapter is c]} for c in (plan.chapters if plan else [])],
        "tasks": [_task(t, registry, plan) for t in (plan.tasks if plan else [])],
        "closing": [b.text for b in (plan.blocks if plan else [])
                    if b.fence == "closing" and b.kind == "paragraph"],
        "diagnostics": [{"severity": d.severity, "rule": d.rule, "file": d.path, "line": d.line, "col": d.col,
                         "message": d.message, "fix": d.fix} for d in report.sorted()],
        "summary": {"chapters": len(plan.chapters) if plan else 0, "tasks": len(plan.tasks) if plan else 0,
                    "segments": sum(len(t.segments) for t in plan.tasks) if plan else 0,
                    "attributions": sum(1 for t in plan.tasks for s in t.segments if s.attribution) if plan else 0,
                    "errors": len(report.errors), "warnings": len(report.warnings)},
    }


def _front_matter(text: str, shown: str) -> dict:
    parts = split_front_matter(text, shown, Report())
    meta = load_yaml(parts[0], shown, 2, Report())[0] if parts else None
    return {str(k): _plain(v) for k, v in meta.items()} if isinstance(meta, dict) else {}


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _actors(actors) -> list[dict]:
    return [{"name": a.name, "id": a.id} for a in actors]


def _task(task, registry: Registry, plan: Plan) -> dict:
    segments = []
    for s in task.segments:
        reading = s.attribution.reading if s.attribution else None
        segments.append({
            "line": s.line, "text": s.text,
            "attribution": s.attribution.text if s.attribution else None,
            "lead": _actors(reading.lead) if reading else [],
            "responsible": _actors(reading.responsible) if reading else [],
            "standing": _actors(s.inherited),
            "declares_standing": _actors(reading.standing) if reading else [],
            "issuer": [{"name": registry.agencies[i].name if i in registry else i, "id": i} for i in s.issuer],
            "ids": {"lead": s.lead, "responsible": s.responsible, "issuer": s.issuer},
        })
    return {"id": task.id, "label": task.label, "title": task.title, "line": task.line,
            "chapter": task.chapter.id if task.chapter else None, "segments": segments}


def as_text(data: dict) -> str:
    """The inspection for a terminal: one line per fact, actors as name=id (name=? when unregistered)."""
    out = [f"{data['file']}  ({'publishable' if data['publishable'] else 'NOT publishable'})"]
    out += [f"  {k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in data["front_matter"].items() if k != "cleaning"]
    chapter_of = {c["id"]: c for c in data["chapters"]}
    shown_chapter = None
    for task in data["tasks"]:
        if task["chapter"] != shown_chapter and task["chapter"] in chapter_of:
            shown_chapter = task["chapter"]
            out.append(f"\n{shown_chapter} {chapter_of[shown_chapter]['title']}  (line {chapter_of[shown_chapter]['line']})")
        out.append(f"  {task['id']} {task['label']}{task['title']}  (line {task['line']})")
        for n, seg in enumerate(task["segments"], 1):
            out.append(f"    segment {n} (line {seg['line']}): {seg['attribution'] or 'no attribution'}")
            for role in ("lead", "responsible", "standing", "declares_standing", "issuer"):
                if seg[role]:
                    names = "、".join(f"{a['name']}={a['id'] or '?'}" for a in seg[role])
                    out.append(f"      {role.replace('_', ' ')}: {names}")
    if data["closing"]:
        out.append(f"\nclosing: {len(data['closing'])} paragraph(s)")
    s = data["summary"]
    out.append(f"\n{s['chapters']} chapter(s), {s['tasks']} task(s), {s['segments']} segment(s), "
               f"{s['attributions']} attribution(s)")
    out += [f"{d['file']}:{d['line']}:{d['col']}: {d['severity']} [{d['rule']}] {d['message']}"
            + (f" — {d['fix']}" if d["fix"] else "") for d in data["diagnostics"]]
    out.append(f"{s['errors']} error(s), {s['warnings']} warning(s)")
    return "\n".join(out)
