"""Issue 13, citations: every 《…》 resolved against the corpus (titles, short titles, a plan's own
以下简称 aliases), linked when resolved, listed per plan, unresolved ones on one page and warned about."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools.diagnostics import Report
from build_tools.project import Project
from build_tools.read.citations import aliases, normalise, short_title
from build_tools.read.site import load_site
from build_tools.render.pages import render_site
from build_tools.script.convert import converter_for

from conftest import ROOT

P19 = "content/plans/2019-deepening-standardization-reform-tasks.md"
# a fixture plan (own short text) whose title is a document the 2019 plan cites
FIXTURE = """---
id: 2015-reform-fixture
title: 深化标准化工作改革方案
issuers: [samr]
doc_number: ""
date: "2015"
source: 000_4db6e72938e5ec9f.txt
source_script: zh-Hans
cleaning: []
---

测试用的短段落，并引用《标准化法》。
"""


def test_normalise_and_short_titles():
    assert normalise("贯彻实施〈深化标准化工作改革方案〉重点任务分工（2019—2020年）") == \
        normalise("贯彻实施《深化标准化工作改革方案》重点任务分工(2019-2020年)")
    assert short_title("质量发展纲要（2011-2020年）") == "质量发展纲要"
    assert short_title("中华人民共和国标准化法") == "标准化法"


def test_a_plan_defines_its_own_aliases():
    found = aliases(["实施《甲规划纲要》、《乙纲要》（以下均简称《纲要》）和《丙规划》（以下简称《规划》）。",
                     "为推动《丁纲要》（以下简称丁）落实。"])
    assert found == {"纲要": ["甲规划纲要", "乙纲要"], "规划": ["丙规划"], "丁": ["丁纲要"]}


@pytest.fixture
def cited_corpus(project_copy):
    (project_copy / "content/plans/2015-reform-fixture.md").write_text(FIXTURE, "utf-8")
    report = Report()
    site = load_site(Project(project_copy), report)
    assert not report.errors, [d.format() for d in report.errors]
    return project_copy, site, report


def test_titles_resolve_to_plans_of_the_corpus(cited_corpus):
    _, site, report = cited_corpus
    to_fixture = [c for c in site.citations if c.target == "2015-reform-fixture"]
    citing = {p.stem for p in (ROOT / "content/plans").glob("*.md") if "《深化标准化工作改革方案》" in p.read_text("utf-8")}
    lines = [i for i, t in enumerate((ROOT / P19).read_text("utf-8").split("\n"), 1) if "《深化标准化工作改革方案》" in t
             and not t.startswith("short_title:")]  # the document cites in its title and body, not in an editor's field
    assert {c.plan_id for c in to_fixture} == citing and "2019-deepening-standardization-reform-tasks" in citing
    assert sorted(c.line for c in to_fixture if c.plan_id == "2019-deepening-standardization-reform-tasks") == lines  # 〈…〉 nested in the plan's own cited title is not one
    assert not [d for d in report.warnings if d.rule == "unresolved-citation"]


def test_resolved_citations_are_linked_and_listed_both_ways(cited_corpus):
    root, site, _ = cited_corpus
    for variant in ("zh-Hans", "zh-Hant"):
        pages = {p.url: p.markdown for p in render_site(site, variant, converter_for(Project(root).phrases_file))}
        plan = pages["plans/2019-deepening-standardization-reform-tasks/"]
        title = "深化标准化工作改革方案" if variant == "zh-Hans" else "深化標準化工作改革方案"
        assert re.search(rf'<a class="cite-link" href="\.\./2015-reform-fixture/" title="[^"]*">《{title}》</a>', plan)
        assert 'class="cites" href="../2015-reform-fixture/"' in plan
        fixture = pages["plans/2015-reform-fixture/"]
        assert 'class="cited-by" href="../2019-deepening-standardization-reform-tasks/"' in fixture
        # the fixture cites 《标准化法》, which the corpus does not hold: listed, not linked
        assert "cite-link" not in fixture and ("《标准化法》" in fixture or "《標準化法》" in fixture)


def test_unresolved_title_warns_at_its_place_never_errors(project_copy):
    from conftest import run_cli

    path = project_copy / P19
    path.write_text(path.read_text("utf-8").replace("发布实施《强制性国家标准管理办法》", "发布实施《某测试规定》", 1), "utf-8")
    result = run_cli("check", root=project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(i for i, t in enumerate(path.read_text("utf-8").split("\n"), 1) if "《某测试规定》" in t)
    assert re.search(rf"{P19}:{line}:\d+: warning \[unresolved-citation\] 《某测试规定》", result.stdout + result.stderr)
    assert run_cli("check", "--strict", root=project_copy).returncode == 1


def body_titles(path: Path) -> list[str]:
    body = path.read_text("utf-8").split("\n---\n", 1)[1]
    return re.findall(r"《([^《》\n]+)》", body)


@pytest.mark.parametrize("variant", ["zh-Hans", "zh-Hant"])
def test_unresolved_page_lists_every_cited_title_outside_the_corpus(built_site, variant):
    html = (built_site / variant / "citations/index.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    convert = converter_for(Project(ROOT).phrases_file).convert
    titles = {t for p in (ROOT / "content/plans").glob("*.md") for t in body_titles(p)}
    own = {re.sub(r"\s", "", yaml.safe_load(t)) for p in (ROOT / "content/plans").glob("*.md")
           for t in re.findall(r"^title: (.*)$", p.read_text("utf-8"), re.M)}  # YAML: a title may be quoted
    aliases_defined = {a for p in (ROOT / "content/plans").glob("*.md")
                       for a in re.findall(r"以下均?简称《([^》]+)》", p.read_text("utf-8"))}
    outside = {t for t in titles if t.replace("〈", "《").replace("〉", "》") not in own} - aliases_defined
    assert outside
    for title in outside:  # the full name, or the short form a longer listed name contains
        forms = {title, title.replace("〈", "《").replace("〉", "》")}  # a nested title may be shown in 《》
        assert any(convert(form, variant) in text for form in forms), title
    assert f'href="../plans/2019-deepening-standardization-reform-tasks/t02/"' in html
    # a plan page links the list
    plan = (built_site / variant / "plans/2012-sac-local-standardization-notice/index.html").read_text("utf-8")
    assert 'href="../../citations/"' in plan
