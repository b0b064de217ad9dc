"""Citations on pages: 《…》 linked to the plan they name, and each plan's cites / cited-by lists."""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..model import Plan, Site
from ..read.citations import TITLE, unresolved
from .escape import MARKER, html_text


class CitationIndex:
    """Every cited title of the site, looked up by plan."""

    def __init__(self, site: Site):
        self.site = site
        self.plans = {p.id: p for p in site.plans}
        self.targets: dict[str, dict[str, str]] = defaultdict(dict)  # plan → printed title → other plan
        self.cites: dict[str, list[str]] = defaultdict(list)
        self.cited_by: dict[str, list[str]] = defaultdict(list)
        self.outside: dict[str, list] = defaultdict(list)  # plan → its unresolved citations
        for c in site.citations:
            if c.target and c.target != c.plan_id:
                self.targets[c.plan_id].setdefault(c.printed, c.target)
                if c.target not in self.cites[c.plan_id]:
                    self.cites[c.plan_id].append(c.target)
                if c.plan_id not in self.cited_by[c.target]:
                    self.cited_by[c.target].append(c.plan_id)
            elif not c.target:
                self.outside[c.plan_id].append(c)
        self.unresolved = unresolved(site.citations)

    def link(self, plan: Plan | None, text: str, href_of) -> Markup:
        """Escape `text`, linking each 《…》 that names another plan (never inside a -{…}- marker)."""
        targets = self.targets.get(plan.id, {}) if plan else {}
        if not targets:
            return html_text(text)
        markers = [m.span() for m in MARKER.finditer(text)]
        out, pos = [], 0
        for match in TITLE.finditer(text):
            target = targets.get(match[1])
            if not target or any(a < match.end() and match.start() < b for a, b in markers):
                continue
            out.append(html_text(text[pos:match.start()]))
            out.append(Markup('<a class="cite-link" href="{}" title="{}">{}</a>').format(
                href_of(target), self.plans[target].title, html_text(match[0])))
            pos = match.end()
        out.append(html_text(text[pos:]))
        return Markup("").join(out)

    def unresolved_rows(self) -> list[dict]:
        """Per unresolved title: its total, and where, grouped by plan then by task (None: outside tasks)."""
        rows = []
        for title, found in self.unresolved:
            where: dict[str, dict] = {}
            for c in found:
                place = where.setdefault(c.plan_id, {}).setdefault(c.task_id, {"n": 0, "as": set()})
                place["n"] += 1
                if c.via_alias:
                    place["as"].add(c.printed)
            rows.append({"title": title, "n": len(found),
                         "plans": [(pid, [(tid, v["n"], sorted(v["as"])) for tid, v in tasks.items()])
                                   for pid, tasks in where.items()]})
        return rows

    def outside_counts(self, plan_id: str) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for c in self.outside.get(plan_id, []):
            counts[c.title] = counts.get(c.title, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
