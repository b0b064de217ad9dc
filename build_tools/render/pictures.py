"""Which pictures each page shows, computed from the model (the drawing is in charts.py)."""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from markupsafe import Markup

from ..fields import PERIOD_YEARS
from ..model import Plan, Site
from .charts import Series, matrix, stacked_bars, timeline
from .labels import ROLE_LABELS

ROLES_SHOWN = [Series(r, ROLE_LABELS[r]) for r in ("lead", "responsible", "issuer")]
TOP_AGENCIES = 15
MATRIX_SIZE = 12


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plans_timeline(site: Site) -> Markup:
    items = []
    for plan in site.plans:
        years = [int(y) for y in PERIOD_YEARS.findall(plan.period)] or [int(plan.year)]
        note = f"{plan.date}" + (f"，实施期 {plan.period}" if plan.period else "") + f"，{len(plan.tasks)} 项任务"
        items.append((f"{plan.year} {_short(plan.title)}", min(years), max(years), note))
    return timeline("政策文件时间线", f"{len(site.plans)} 份文件按发布年份与实施期排列；条形为实施期，短条为只有发布年份的文件。",
                    items, "日期与实施期", "文件")


def task_roles(assignments) -> dict[str, int]:
    """Tasks per role (a task counts once per role however many segments name the agency)."""
    return dict(Counter(role for _, role in {(id(a.task), a.role) for a in assignments}))


def workload(site: Site, by_agency: dict[str, list], ordered) -> Markup:
    rows = [(a.name, task_roles(by_agency[a.id])) for a in ordered if not a.is_collective][:TOP_AGENCIES]
    return stacked_bars("workload", f"承担任务最多的 {len(rows)} 个部门",
                        "每个部门在全部文件中牵头、负责与发布的任务数（集合主体如“各有关部门”不计）。", rows,
                        ROLES_SHOWN, "项任务", "部门")


def agency_years(site: Site, assignments) -> Markup:
    by_year: dict[str, list] = defaultdict(list)
    for a in assignments:
        by_year[a.plan.year].append(a)
    rows = [(year, task_roles(by_year[year])) for year in sorted(by_year)]
    return stacked_bars("years", "各年份的任务与角色", "按文件发布年份统计本部门牵头、负责与发布的任务数。", rows,
                        ROLES_SHOWN, "项任务", "年份", label_width=80)


def shared_tasks(site: Site) -> dict[tuple[str, str], int]:
    """(agency, agency) → tasks both are named in (lead or responsible), collectives left out."""
    owners: dict[int, set[str]] = defaultdict(set)
    for a in site.assignments:
        if a.role != "issuer" and not site.agencies[a.agency_id].is_collective:
            owners[id(a.task)].add(a.agency_id)
    shared: Counter = Counter()
    for ids in owners.values():
        for x, y in combinations(sorted(ids), 2):
            shared[x, y] += 1
            shared[y, x] += 1
    return shared


def co_matrix(site: Site, shared: dict, ordered) -> Markup:
    top = [a for a in ordered if not a.is_collective][:MATRIX_SIZE]
    counts = [[shared.get((a.id, b.id), 0) for b in top] for a in top]
    return matrix("部门之间的共同任务", f"任务最多的 {len(top)} 个部门两两之间共同牵头或负责的任务数，颜色越深越多。",
                  [a.name for a in top], counts, "部门")


def partners(site: Site, shared: dict, agency_id: str) -> Markup | None:
    found = sorted(((n, b) for (a, b), n in shared.items() if a == agency_id), key=lambda x: (-x[0], x[1]))[:10]
    if not found:
        return None
    rows = [(site.agencies[b].name, {"lead": n}) for n, b in found]
    return stacked_bars("partners", "与本部门共同承担任务最多的部门",
                        "与本部门在同一任务中牵头或负责的部门，按共同任务数排列。", rows,
                        [Series("lead", "共同任务")], "项任务", "部门")


def plan_agencies(site: Site, plan: Plan, rows) -> Markup:
    shown = [(site.agencies[i].name, dict(c)) for i, c in rows if i in site.agencies][:TOP_AGENCIES]
    return stacked_bars("plan", "本文件中任务最多的部门", f"本文件 {len(plan.tasks)} 项任务中各部门牵头、负责与发布的任务数。",
                        shown, ROLES_SHOWN, "项任务", "部门")
