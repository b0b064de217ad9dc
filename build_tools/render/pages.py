"""Render the model into Markdown+HTML pages for one script variant (Jinja2, no MkDocs).

Pages are rendered once in canonical Simplified and then converted as a whole, so every
string a reader sees — text, titles, UI labels, agency names — goes through one converter.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..cache import folder as cache_folder, key_of
from ..model import ROLES, Agency, Plan, Segment, Site
from ..script.convert import Converter
from . import urls
from .cache import PageCache, digest
from .labels import (AGENCIES, CITATIONS, FEED_AGENCY, FEED_ALL, FENCE_LABELS, KIND_LABELS, NOTE_OFFICIAL_UNKNOWN,
                     NOTE_UNOFFICIAL, OPEN_DATA, PLANS, PLANS_OF_YEAR, ROLE_LABELS, SITE_TITLE)
from ..link.lineage import MIN_SCORE
from . import pictures
from .citing import CitationIndex
from .filters import agency_facets, plan_facets
from .provenance import page_address, plan_citation, task_citation
from .escape import html_text, html_title, link_names, md_heading_text, names_pattern, split_attributions

# The cited-documents page stays under 200 KB at any size (make bench): the most cited first,
# each with its first citing plans; every citation is in data/citations.csv.
CITED_ROWS_SHOWN = 300
CITING_PLANS_SHOWN = 10
# …and so do the plans index and the home page: each lists a year's or a facet's latest plans, and
# links the year's own page (years/<year>/), which has them all
PLANS_SHOWN = 10
PLANS_SHOWN_PER_YEAR = 5


@dataclass(frozen=True)
class Page:
    url: str  # site URL within a variant, e.g. 'plans/x/t01/'
    title: str  # converted
    markdown: str  # converted
    source: str  # the content file a page comes from (for editors)
    source_line: int
    in_nav: bool = False
    year: str = ""  # a plan page's year: its section in the nav
    searched: bool = True  # False: a list of links to other pages (agency years), left out of search


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One for both variants; compiled templates are kept in the cache folder between builds
    (Jinja checks each against its source)."""
    env = Environment(loader=PackageLoader("build_tools.render", "templates"), autoescape=True,
                      bytecode_cache=FileSystemBytecodeCache(str(cache_folder("jinja"))),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True,
                      comment_start_string="{##", comment_end_string="##}")  # {#id} is Markdown
    env.filters["t"] = html_text
    env.filters["h"] = md_heading_text
    env.globals.update(ROLE_LABELS=ROLE_LABELS, KIND_LABELS=KIND_LABELS, FENCE_LABELS=FENCE_LABELS)
    return env


class Renderer:
    """All pages of one variant. Methods grouped by verb: _context_* build data, _render_* write."""

    def __init__(self, site: Site, variant: str, converter: Converter, site_url: str | None = None,
                 cache: PageCache | None = None):
        self.site = site
        self.site_url = site_url
        self.cache = cache
        self.variant = variant
        self.converter = converter
        self.env = environment()
        self.by_agency: dict[str, list] = defaultdict(list)  # agency id → its assignments, in site order
        for a in site.assignments:
            self.by_agency[a.agency_id].append(a)
        self.agency_of_name = {n: a.id for a in site.agencies.values() for n in {a.name, a.full_name, *a.names}}
        self.names = names_pattern(self.agency_of_name)
        self.counts = self._context_counts()
        self.citations = CitationIndex(site)
        self.shared = pictures.shared_tasks(site)  # agency pairs → tasks in common (co-assignment)
        self.remember_conversions = True  # a build's store keeps each page's conversion (_converted)

    # ---- public -------------------------------------------------------------
    def pages(self) -> list[Page]:
        out = [self._render_home(), self._render_plans_index(), *self._render_plans_years(),
               self._render_agencies_index()]
        common = (self.variant, self.site_url, digest(self.site.agencies), self.converter.digest)  # all pages use
        for plan in self.site.plans:
            make = lambda plan=plan: self._render_plan_pages(plan)  # noqa: E731
            key = (*common, digest(plan), self._across(plan)) if self.cache else None
            out.extend(self.cache.pages(key, make) if self.cache else make())
        for agency in self._agencies_sorted():
            out.extend(self._render_agency(agency))
        out.append(self._render_citations())
        out.append(self._render_data())
        return out

    def _render_plan_pages(self, plan: Plan) -> list[Page]:
        self.remember_conversions = False  # the cache keeps these pages whole
        try:
            return [self._render_plan(plan)] + [self._render_task(plan, i) for i in range(len(plan.tasks))]
        finally:
            self.remember_conversions = True

    # ---- context ------------------------------------------------------------
    def _context_counts(self) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for agency_id, rows in self.by_agency.items():
            # a task counts once per role, and once in the total, even with several segments
            for _, role in {(id(a.task), a.role) for a in rows}:
                counts[agency_id][role] += 1
            counts[agency_id]["total"] = len({id(a.task) for a in rows})
        return counts

    def _agencies_sorted(self) -> list[Agency]:
        return sorted(self.site.agencies.values(), key=lambda a: (-self.counts[a.id]["total"], a.id))

    def _related(self, here: str, plan: Plan, task) -> list[dict]:
        out = []
        for r in self.site.related.get((plan.id, task.id), []):
            other = self.citations.plans[r.plan_id]
            t = next(x for x in other.tasks if x.id == r.task_id)
            out.append({"href": self._link(here, urls.task(r.plan_id, r.task_id)), "year": other.year,
                        "plan_title": other.title, "label": t.label, "title": t.title, "terms": r.terms,
                        "score": r.score})
        return out

    def _across(self, plan: Plan) -> str:
        """What a plan's pages show of OTHER plans (titles it cites and that cite it, related tasks):
        part of its cache key, so editing only those plans still renders it afresh."""
        plans = self.citations.plans
        titles = [(i, plans[i].title) for i in self.citations.cites[plan.id] + self.citations.cited_by[plan.id]]
        related = [(r, plans[r.plan_id].year, plans[r.plan_id].title,
                    next(((t.label, t.title) for t in plans[r.plan_id].tasks if t.id == r.task_id), None))
                   for t in plan.tasks for r in self.site.related.get((plan.id, t.id), [])]
        return digest((titles, self.citations.outside_counts(plan.id), related))

    def _address(self, url: str) -> tuple[str, bool]:
        return page_address(self.site_url, self.variant, url)

    def _link(self, here: str, there: str) -> str:
        return urls.relative(here, there)

    def _agency_links(self, here: str, ids: list[str]) -> list[dict]:
        return [{"name": self.site.agencies[i].name, "href": self._link(here, urls.agency(i)), "id": i,
                 "collective": self.site.agencies[i].is_collective} for i in ids if i in self.site.agencies]

    def _paragraph(self, here: str, text: str, plan: Plan | None = None) -> Markup:
        def cited(part: str) -> Markup:  # 《…》 naming another plan of the corpus is linked
            return self.citations.link(plan, part, lambda plan_id: self._link(here, urls.plan(plan_id)))

        href = lambda name: self._link(here, urls.agency(self.agency_of_name[name]))  # noqa: E731
        return Markup("").join(Markup('<span class="attribution">{}</span>').format(link_names(piece, self.names, href))
                               if is_attribution else cited(piece)
                               for piece, is_attribution in split_attributions(text))

    def _segment_context(self, here: str, segment: Segment, plan: Plan | None = None) -> dict:
        printed = set(segment.attribution.responsible) if segment.attribution else set()
        return {
            "paragraphs": [self._paragraph(here, p, plan) for p in segment.text.split("\n") if p],
            "attribution": segment.attribution.text if segment.attribution else "",
            "lead": self._agency_links(here, segment.lead),
            "responsible": self._agency_links(here, segment.responsible),
            "issuer": self._agency_links(here, segment.issuer),
            "standing": self._agency_links(here, [r for r in segment.responsible if r not in printed]),
        }

    # ---- render -------------------------------------------------------------
    def _page(self, url: str, title: str, template: str, source: str, line: int, in_nav=False, nav_year="",
              searched=True, **ctx) -> Page:
        other, other_href = urls.other_variant(url, self.variant)
        body = self.env.get_template(template).render(
            here=url, link=lambda to: self._link(url, to), root=lambda to: urls.from_site_root(url, to),
            urls=urls, site=self.site, title=title, plans=self.citations.plans,
            counts=self.counts, agencies=self.site.agencies, variant=self.variant, **ctx)
        # MkDocs and Material print page titles (nav, header, <title>) as HTML: escape them here
        safe_title = html_title(title)
        meta = f"---\ntitle: {_yaml_str(safe_title)}\nalternate_variant: {other}\nalternate_href: {other_href}\n" \
               f"site_root_href: {urls.from_site_root(url, '')}\nsource_file: {source}\nsource_line: {line}\n" \
               + (f"feed: {ctx['feed']}\n" if ctx.get("feed") else "") + "---\n\n"
        return Page(url, *self._converted(safe_title, meta + body), source, line, in_nav, nav_year, searched)

    def _converted(self, title: str, markdown: str) -> tuple[str, str]:
        """A page's title and Markdown in this variant (text only: markup is never converted); from a
        build's store when the last build converted the same."""
        convert = self.converter.convert_html
        make = lambda: (convert(title, self.variant), convert(markdown, self.variant))  # noqa: E731
        store = self.cache.store if self.cache is not None and self.remember_conversions else None
        if store is None:
            return make()
        return store.memo(key_of("converted page", self.variant, self.converter.digest, title, markdown), make)

    def _render_home(self) -> Page:
        stats = {"plans": len(self.site.plans), "tasks": sum(len(p.tasks) for p in self.site.plans),
                 "segments": sum(len(t.segments) for p in self.site.plans for t in p.tasks),
                 "agencies": sum(1 for a in self.site.agencies.values() if not a.is_collective),
                 "collectives": sum(1 for a in self.site.agencies.values() if a.is_collective)}
        top = [a for a in self._agencies_sorted() if not a.is_collective][:8]
        return self._page(urls.home(), SITE_TITLE, "home.md.j2", "content/", 1, True,
                          by_year=self._by_year(), shown=PLANS_SHOWN_PER_YEAR, stats=stats, top=top,
                          timeline_chart=pictures.plans_timeline(self.site), feed="feed.xml", feed_label=FEED_ALL)

    def _render_plans_index(self) -> Page:
        facets = plan_facets(self.site.plans, lambda i: self.site.agencies[i].name if i in self.site.agencies else i)
        years = [(year, plans, sum(len(p.tasks) for p in plans)) for year, plans in self._by_year()]
        return self._page(urls.plans_index(), PLANS, "plans.md.j2", "content/plans/", 1, True, facets=facets,
                          years=years, shown=PLANS_SHOWN)

    def _render_plans_years(self) -> list[Page]:
        return [self._page(urls.plans_year(year), PLANS_OF_YEAR.format(year=year), "plans_year.md.j2",
                           "content/plans/", 1, searched=False, year=year, year_plans=plans)
                for year, plans in self._by_year()]

    def _by_year(self) -> list[tuple[str, list[Plan]]]:
        by_year: dict[str, list[Plan]] = defaultdict(list)
        for plan in self.site.plans:
            by_year[plan.year].append(plan)
        return sorted(by_year.items())

    def _render_agencies_index(self) -> Page:
        return self._page(urls.agencies_index(), AGENCIES, "agencies.md.j2", "content/agencies.yml", 1, True,
                          ordered=self._agencies_sorted(),
                          workload_chart=pictures.workload(self.site, self.by_agency, self._agencies_sorted()),
                          matrix_chart=pictures.co_matrix(self.site, self.shared, self._agencies_sorted()),
                          facets=agency_facets(self._agencies_sorted(), self.counts, KIND_LABELS, ROLE_LABELS))

    def _render_plan(self, plan: Plan) -> Page:
        url = urls.plan(plan.id)
        per_agency: dict[str, Counter] = defaultdict(Counter)  # agency → tasks per role in this plan
        for task in plan.tasks:
            for role in ROLES:
                for agency_id in {i for s in task.segments for i in getattr(s, role)}:
                    per_agency[agency_id][role] += 1
        rows = sorted(per_agency.items(), key=lambda kv: (-kv[1]["lead"], -sum(kv[1].values()), kv[0]))
        task_of_block = {t.line: t for t in plan.tasks}
        return self._page(url, plan.title, "plan.md.j2", plan.path, 1, True, plan.year, plan=plan, rows=rows,
                          task_of_block=task_of_block, para=lambda text: self._paragraph(url, text, plan),
                          cites=self.citations.cites[plan.id], cited_by=self.citations.cited_by[plan.id],
                          outside=self.citations.outside_counts(plan.id),
                          agencies_chart=pictures.plan_agencies(self.site, plan, rows),
                          issuers=self._agency_links(url, plan.issuers),
                          addressees=self._agency_links(url, plan.addressees),
                          source_href=urls.from_site_root(url, urls.raw_source(plan.source)),
                          notes={"unofficial": NOTE_UNOFFICIAL, "official_unknown": NOTE_OFFICIAL_UNKNOWN},
                          citation=plan_citation(plan, self.site.agencies, self._address(url)))

    def _render_task(self, plan: Plan, index: int) -> Page:
        task = plan.tasks[index]
        url = urls.task(plan.id, task.id)
        segments = [self._segment_context(url, s, plan) for s in task.segments]
        return self._page(url, f"{task.label}{task.title}", "task.md.j2", plan.path, task.line, plan=plan,
                          task=task, segments=segments, issuers=self._agency_links(url, plan.issuers),
                          citation=task_citation(plan, task, self.site.agencies, self._address(url)),
                          related=self._related(url, plan, task),
                          prev=plan.tasks[index - 1] if index > 0 else None,
                          next=plan.tasks[index + 1] if index + 1 < len(plan.tasks) else None)

    def _render_agency(self, agency: Agency) -> list[Page]:
        """The agency's page (a summary: one row per plan) and one page per year listing its tasks,
        so that no page grows with the corpus; every row is also in the open data."""
        url = urls.agency(agency.id)
        by_plan: dict[str, list] = defaultdict(list)
        for a in self.by_agency[agency.id]:
            by_plan[a.plan.id].append(a)
        years: dict[str, list[dict]] = {}
        for plan in self.site.plans:
            rows = by_plan[plan.id]
            if rows or agency.id in plan.issuers or agency.id in plan.addressees:
                tasks: dict[str, dict] = {}  # task id → the task and its roles here, in order
                for r in rows:
                    tasks.setdefault(r.task.id, {"task": r.task, "roles": []})["roles"].append(r.role)
                years.setdefault(plan.year, []).append({"plan": plan, "tasks": list(tasks.values()),
                                                        "roles": Counter(r.role for r in rows)})
        pages = [self._page(url, agency.name, "agency.md.j2", "content/agencies.yml", agency.line, agency=agency,
                            years_chart=pictures.agency_years(self.site, self.by_agency[agency.id]),
                            partners_chart=pictures.partners(self.site, self.shared, agency.id),
                            feed="feed.xml", feed_label=FEED_AGENCY, years=years,
                            parent=self._agency_links(url, [agency.parent] if agency.parent else []),
                            children=self._agency_links(url, agency.children))]
        for year, groups in years.items():
            pages.append(self._page(urls.agency_year(agency.id, year), f"{agency.name} · {year}", "agency_year.md.j2",
                                    "content/agencies.yml", agency.line, searched=False, agency=agency, year=year,
                                    groups=groups))
        return pages

    def _render_data(self) -> Page:
        return self._page(urls.open_data(), OPEN_DATA, "data.md.j2", "build_tools/extras/", 1,
                          min_score=MIN_SCORE)

    def _render_citations(self) -> Page:
        labels = {(p.id, t.id): t.label for p in self.site.plans for t in p.tasks}
        rows = self.citations.unresolved_rows()
        truncated = len(rows) > CITED_ROWS_SHOWN or any(len(r["plans"]) > CITING_PLANS_SHOWN for r in rows)
        return self._page(urls.citations(), CITATIONS, "citations.md.j2", "content/plans/", 1, rows=rows,
                          task_labels=labels, shown_rows=CITED_ROWS_SHOWN, shown_plans=CITING_PLANS_SHOWN,
                          truncated=truncated)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_site(site: Site, variant: str, converter: Converter, site_url: str | None = None,
                cache: PageCache | None = None) -> list[Page]:
    """`cache`: a live preview's pages of the previous build (plan and task pages only, which depend on
    nothing but their plan, its citations both ways, its related tasks, the registry, the dictionary and
    the site URL); other pages are always made."""
    return Renderer(site, variant, converter, site_url, cache).pages()
