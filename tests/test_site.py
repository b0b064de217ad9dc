"""The whole real site, built once by the real CLI: pages, cross-links, variants, open data."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("zh-Hans", "zh-Hant")


def plan_sources():
    out = {}
    for path in sorted((ROOT / "content/plans").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        out[meta["id"]] = re.findall(r"^### .*\{#(t\d+)\}\s*$", body, re.M)
    return out


def agency_ids():
    return [a["id"] for a in yaml.safe_load((ROOT / "content/agencies.yml").read_text(encoding="utf-8"))]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.alternates, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates.append((a["hreflang"], a["href"]))


def parse_html(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_plan_task_and_agency_has_a_page_in_both_variants(built_site):
    for variant in VARIANTS:
        base = built_site / variant
        for plan_id, tasks in plan_sources().items():
            assert (base / "plans" / plan_id / "index.html").is_file()
            for task_id in tasks:
                assert (base / "plans" / plan_id / task_id / "index.html").is_file(), (variant, plan_id, task_id)
        for agency_id in agency_ids():
            assert (base / "agencies" / agency_id / "index.html").is_file(), (variant, agency_id)


def test_pages_declare_language_and_link_to_themselves_in_the_other_script(built_site):
    page = "plans/2024-standardization-outline-action-plan/t03/index.html"
    for variant, other in (("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")):
        html = parse_html(built_site / variant / page)
        assert html.lang == ("zh" if variant == "zh-Hans" else "zh-Hant")
        alternates = dict(html.alternates)
        assert set(alternates) == {variant, other, "x-default"}
        target = (built_site / variant / Path(page).parent / alternates[other]).resolve() / "index.html"
        assert target == (built_site / other / page).resolve()
        chooser = (built_site / variant / Path(page).parent / alternates["x-default"]).resolve() / "index.html"
        assert chooser == (built_site / "index.html").resolve()
        assert alternates[other] in html.links  # the visible switcher goes to the same page


def test_zh_hant_is_converted_with_taiwan_glyphs(built_site):
    hant = (built_site / "zh-Hant/plans/2024-standardization-outline-action-plan/t01/index.html").read_text("utf-8")
    hans = (built_site / "zh-Hans/plans/2024-standardization-outline-action-plan/t01/index.html").read_text("utf-8")
    assert "标准" in hans and "标准" not in hant
    assert "標準" in hant and "市場監管總局" in hant
    assert "爲" not in hant and "羣" not in hant  # OpenCC-standard forms used by no region
    assert "信息" in hant  # mainland vocabulary kept (not 資訊)


def test_task_page_links_agencies_and_neighbours(built_site):
    path = built_site / "zh-Hans/plans/2024-standardization-outline-action-plan/t02/index.html"
    links = parse_html(path).links
    assert "../../../agencies/most/" in links and "../../../agencies/samr/" in links
    assert "../t01/" in links and "../t03/" in links
    assert any(l.startswith("../#t02") or l == "../#t02" for l in links)


def test_agency_page_summarises_plans_in_date_order_and_pages_its_tasks_by_year(built_site):
    html = (built_site / "zh-Hans/agencies/samr/index.html").read_text("utf-8")
    plan_2019 = html.index('href="../../plans/2019-deepening-standardization-reform-tasks/"')
    plan_2024 = html.index('href="../../plans/2024-standardization-outline-action-plan/"')
    assert plan_2019 < plan_2024
    assert "/t01/" not in html  # the tasks themselves are on the year pages, not here
    assert 'href="2019/#2019-deepening-standardization-reform-tasks"' in html
    year = (built_site / "zh-Hans/agencies/samr/2019/index.html").read_text("utf-8")
    assert "../../../plans/2019-deepening-standardization-reform-tasks/t01/" in year
    assert "2024-standardization-outline-action-plan" not in year


# ---- an oracle of our own: who owes what, read from content/ with plain regexes (not the project's parser)
ATTRIBUTION_AT_END = re.compile(  # a bracket group with 牵头/负责 ending the paragraph; one level of inner （）
    r"[〔（(](?:[^〔〕（）()]|[（(][^（）()]*[）)])*?(?:牵头|负责)(?:[^〔〕（）()]|[（(][^（）()]*[）)])*?[〕）)]$")


def registry_names() -> dict[str, str]:
    entries = yaml.safe_load((ROOT / "content/agencies.yml").read_text(encoding="utf-8"))
    return {n: e["id"] for e in entries for n in {e["name"], e["full_name"], *e["names"]}}


def names_in(text: str, names: dict[str, str]) -> list[str]:
    """Agency ids named in `text`, in printed order: registry names matched longest first."""
    found, taken = [], [False] * len(text)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(taken[m.start():m.end()]):
                found.append((m.start(), names[name]))
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return list(dict.fromkeys(i for _, i in sorted(found)))


def owed(group: str, names: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """(lead, responsible, standing) of one printed group 〔A、B牵头，C等按职责分工负责。以下均需D负责，不再列出〕."""
    inner, standing = group[1:-1], ""
    if "以下均需" in inner:
        inner, standing = inner.split("以下均需", 1)
    lead, rest = inner.split("牵头", 1) if "牵头" in inner else ("", inner)
    return names_in(lead, names), names_in(rest, names), names_in(standing, names)


def expected_rows() -> Counter:
    """(plan, task, segment 1…, agency, role) of every assignment, as CONTENT_FORMAT.md defines them."""
    names, rows = registry_names(), Counter()
    for path in sorted((ROOT / "content/plans").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        tasks, task, in_fence = [], None, False
        for line in body.split("\n"):
            if line.startswith(":::"):
                in_fence, task = line.strip() != ":::", None
            elif m := re.match(r"^### .*\{#(t\d+)\}\s*$", line):
                task = (m.group(1), [])
                tasks.append(task)
            elif line.startswith("#"):
                task = None if line.startswith("## ") else task
            elif line.strip() and task and not in_fence:
                task[1].append(line.strip())
        standing: list[str] = []
        attributed = any(ATTRIBUTION_AT_END.search(p) for _, ps in tasks for p in ps)
        for number_of_task, (task_id, paragraphs) in enumerate(tasks, 1):
            groups = [m.group(0) for p in paragraphs if (m := ATTRIBUTION_AT_END.search(p))]
            cut = meta.get("completeness") == "partial" and attributed and number_of_task == len(tasks)
            if not groups and cut:
                continue  # CONTENT_FORMAT.md: the copy ends before this task's attribution; nobody is credited
            if not groups:
                rows.update((meta["id"], task_id, 1, i, "issuer") for i in meta["issuers"])
            for number, group in enumerate(groups, 1):
                lead, responsible, note = owed(group, names)
                rows.update((meta["id"], task_id, number, i, "lead") for i in lead)
                rows.update((meta["id"], task_id, number, i, "responsible")
                            for i in dict.fromkeys(responsible + standing))
                standing = list(dict.fromkeys(standing + note))  # applies to the later segments only
    return rows


def difference(want: Counter, got: Counter) -> tuple:
    return "missing", sorted((want - got).elements())[:10], "extra", sorted((got - want).elements())[:10]


def test_open_data_json_matches_sources(built_site):
    data = json.loads((built_site / "data/reference.json").read_text("utf-8"))
    sources = plan_sources()
    assert {p["id"] for p in data["plans"]} == set(sources)
    got = Counter()
    for plan in data["plans"]:
        assert [t["id"] for t in plan["tasks"]] == sources[plan["id"]]
        assert [t["number"] for t in plan["tasks"]] == list(range(1, len(plan["tasks"]) + 1))
        for key in ("title", "doc_number", "date", "issuers", "source"):
            assert key in plan
        for task in plan["tasks"]:
            assert {"id", "number", "label", "title", "chapter", "text", "segments"} <= set(task)
            for number, seg in enumerate(task["segments"], 1):
                for role in ("issuer", "lead", "responsible"):
                    got.update((plan["id"], task["id"], number, i, role) for i in seg.get(role, []))
    want = expected_rows()
    assert got == want, difference(want, got)
    assert {a["id"] for a in data["agencies"]} == set(agency_ids())
    s2t = opencc.OpenCC("s2t")
    for plan in data["plans"]:  # canonical Simplified
        assert s2t.convert(plan["title"]) != plan["title"] or not re.search(r"[\u4e00-\u9fff]", plan["title"])


def test_csv_rows_are_who_owes_what_in_the_sources(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data/assignments.csv").read_text("utf-8-sig"))))
    got = Counter((r["plan_id"], r["task_id"], int(r["segment"]), r["agency_id"], r["role"]) for r in rows)
    want = expected_rows()
    assert got == want, difference(want, got)
    names = {a["id"]: a["name"] for a in yaml.safe_load((ROOT / "content/agencies.yml").read_text(encoding="utf-8"))}
    fronts = {m["id"]: m for m in (yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])
                                   for p in (ROOT / "content/plans").glob("*.md"))}
    for r in rows:
        assert r["agency_name"] == names[r["agency_id"]], r
        assert r["plan_title"] == fronts[r["plan_id"]]["title"], r
        assert r["plan_date"] == str(fronts[r["plan_id"]]["date"]), r


def _sidebar(path) -> str:
    html = path.read_text("utf-8")
    return html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]


def test_no_task_pages_in_the_sidebar(built_site):
    nav = _sidebar(built_site / "zh-Hans/index.html")
    assert "/t01/" not in nav and "plans/" in nav


def test_sidebar_lists_the_plans_of_its_own_year_only(built_site):
    """The nav groups plans by year and is pruned: a page's size does not grow with the corpus."""
    plans = sorted(p.name for p in (built_site / "zh-Hans/plans").iterdir() if p.is_dir())
    by_year = {}
    for plan in plans:
        by_year.setdefault(plan[:4], []).append(plan)
    year, same = next((y, ps) for y, ps in by_year.items() if len(ps) > 1)
    nav = _sidebar(built_site / f"zh-Hans/plans/{same[0]}/index.html")
    assert all(f"{p}/" in nav for p in same[1:])  # (the page itself is linked as ./)
    # another year is one collapsed section: it links one of its plans (its first), never more
    linked = {y: [p for p in ps if f"{p}/" in nav] for y, ps in by_year.items() if y != year}
    assert linked and all(len(ps) == 1 for ps in linked.values()), linked
    assert any(len(by_year[y]) > 1 for y in linked)  # (so that the pruning is seen)


EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
                      r"""|@import\s+["']?(?:https?:)?//|fonts\.(?:googleapis|gstatic)""", re.I)


def test_no_google_fonts_or_external_assets(built_site):
    """No page, stylesheet or script of either variant loads anything from another host (Google is
    blocked in mainland China): every file is read, not just the first."""
    files = [p for v in VARIANTS for p in (built_site / v).rglob("*") if p.suffix in (".html", ".css", ".js")]
    assert len(files) > 300
    offenders = []
    for path in files:
        # a hyperlink to another host (an official text, where a copy was found) loads nothing
        text = re.sub(r"<a\s[^>]*>", "<a>", path.read_text("utf-8", errors="replace"))
        for m in EXTERNAL.finditer(text):
            offenders.append(f"{path.relative_to(built_site)}: {text[max(0, m.start() - 40):m.end() + 60]!r}")
    assert not offenders, "\n".join(offenders[:20])


def test_plan_page_marks_attributions_with_live_agency_links(built_site):
    html = (built_site / "zh-Hans/plans/2024-standardization-outline-action-plan/index.html").read_text("utf-8")
    assert "&lt;span" not in html and "&lt;a " not in html  # markup is never double-escaped
    assert html.count('<span class="attribution">') == 43  # one per printed attribution
    assert '<a class="agency-link" href="../../agencies/samr/">市场监管总局</a>' in html


def test_site_url_gives_absolute_alternates_sitemap_and_a_working_404(tmp_path):
    from conftest import run_cli

    out = tmp_path / "site"
    result = run_cli("build", "--site-dir", str(out), "--site-url", "https://example.org/policy/")
    assert result.returncode == 0, result.stderr[-3000:]
    page = "plans/2019-deepening-standardization-reform-tasks/t02/"
    alternates = dict(parse_html(out / "zh-Hans" / page / "index.html").alternates)
    assert alternates == {"zh-Hans": f"https://example.org/policy/zh-Hans/{page}",
                          "zh-Hant": f"https://example.org/policy/zh-Hant/{page}",
                          "x-default": "https://example.org/policy/"}
    sitemap = (out / "zh-Hant/sitemap.xml").read_text("utf-8")
    assert f"<loc>https://example.org/policy/zh-Hant/{page}</loc>" in sitemap
    not_found = (out / "zh-Hans/404.html").read_text("utf-8")
    assert not re.findall(r'(?:href|src)="[^"]+\.(?:css|js)"', not_found)  # self-contained at any depth
    assert 'href="https://example.org/policy/zh-Hans/plans/"' in not_found  # links without JavaScript
