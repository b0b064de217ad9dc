"""Issue 13, provenance: official URL fields, raw copies published and linked, the honest note,
licence (file, footer, data), the task page's origin card and the "cite this" block."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools.project import Project
from build_tools.read.site import load_site
from build_tools.diagnostics import Report

from conftest import ROOT

VARIANTS = ("zh-Hans", "zh-Hant")
P19 = "plans/2019-deepening-standardization-reform-tasks/"
P19_FILE = "content/plans/2019-deepening-standardization-reform-tasks.md"


def front(path: Path) -> str:
    return path.read_text("utf-8").split("---")[1]


def test_raw_copies_are_published_byte_for_byte_and_linked_from_each_card(built_site):
    for plan in json.loads((built_site / "data/reference.json").read_text("utf-8"))["plans"]:
        published = built_site / "sources" / plan["source"]
        assert published.read_bytes() == (ROOT / "content/sources" / plan["source"]).read_bytes()
        for v in VARIANTS:
            html = (built_site / v / f"plans/{plan['id']}/index.html").read_text("utf-8")
            assert f'href="../../../sources/{plan["source"]}"' in html  # resolves: verify checks every link


@pytest.mark.parametrize("variant, note", [("zh-Hans", "非官方整理本"), ("zh-Hant", "非官方整理本")])
def test_every_plan_page_says_it_is_unofficial(built_site, variant, note):
    for page in (built_site / variant / "plans").glob("*/index.html"):
        html = page.read_text("utf-8")
        assert 'class="provenance-note"' in html and note in html, page


def test_official_url_is_shown_on_card_and_note(project_copy, tmp_path):
    """A plan with official_url/retrieved shows both (rendered from a copy of the project)."""
    from build_tools.render.pages import render_site
    from build_tools.script.convert import converter_for

    path = project_copy / P19_FILE
    text = path.read_text("utf-8").replace("cleaning:", "official_url: https://example.gov.cn/doc.html\n"
                                           "retrieved: 2026-01-02\ncleaning:", 1)
    path.write_text(text, "utf-8")
    report = Report()
    site = load_site(Project(project_copy), report)
    assert not report.errors
    pages = {p.url: p for p in render_site(site, "zh-Hant", converter_for(Project(project_copy).phrases_file))}
    md = pages[P19].markdown
    assert md.count('href="https://example.gov.cn/doc.html"') == 2 and "2026-01-02" in md
    assert "尚未找到官方發布地址" not in md
    data = json.loads(__import__("build_tools.extras.open_data", fromlist=["x"]).reference_json(site))
    plan = next(p for p in data["plans"] if p["id"] in P19)
    assert plan["official_url"] == "https://example.gov.cn/doc.html" and plan["retrieved"] == "2026-01-02"


@pytest.mark.parametrize("line, problem", [
    ("official_url: ftp://example.org/x", "not an http(s)"),
    ("official_url: example.gov.cn", "not an http(s)"),
    ('retrieved: "2026"', "not YYYY-MM-DD"),
    ("retrieved: 2999-01-01", "future"),
])
def test_bad_provenance_fields_are_located_errors(project_copy, line, problem):
    path = project_copy / P19_FILE
    path.write_text(path.read_text("utf-8").replace("cleaning:", line + "\ncleaning:", 1), "utf-8")
    report = Report()
    load_site(Project(project_copy), report)
    hits = [d for d in report.errors if d.rule == "front-matter-value"]
    assert hits and problem in hits[0].message and hits[0].path == P19_FILE
    assert hits[0].line == front(path).split("\n").index(line) + 1


def test_licence_file_footer_and_data(built_site):
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert "MIT License" in licence and "CC BY 4.0" in licence and "第五条" in licence
    about = json.loads((built_site / "data/reference.json").read_text("utf-8"))["about"]
    assert about["licence"]["data"] == "CC-BY-4.0" and about["licence"]["code"] == "MIT"
    for v, word in (("zh-Hans", "许可"), ("zh-Hant", "許可")):
        html = (built_site / v / "index.html").read_text("utf-8")
        footer = html[html.index('class="md-copyright"'):]
        assert "CC BY 4.0" in footer and "MIT" in footer and ("著作权法" if v == "zh-Hans" else "著作權法") in footer


@pytest.mark.parametrize("variant", VARIANTS)
def test_task_page_shows_the_plans_date_number_and_issuer(built_site, variant):
    html = (built_site / variant / P19 / "t03/index.html").read_text("utf-8")
    card = html[html.index('class="task-origin'):]
    card = card[:card.index("</dl>")]
    plan = json.loads((built_site / "data/reference.json").read_text("utf-8"))["plans"]
    plan = next(p for p in plan if p["id"] in P19)
    assert plan["date"] in card
    number = plan["doc_number"] if variant == "zh-Hans" else "國市監標技〔2019〕88號"
    assert number in card
    assert 'href="../../../agencies/samr/"' in card


@pytest.mark.parametrize("variant", VARIANTS)
def test_cite_block_names_document_and_stable_address(built_site, variant):
    html = (built_site / variant / P19 / "t03/index.html").read_text("utf-8")
    block = html[html.index('class="cite"'):]
    block = block[:block.index("</section>")]
    assert f">{variant}/{P19}t03/</span>" in block  # the page's own path (absolute with --site-url)
    assert "〔2019〕88" in block and "三、" in block
    wrong = "简" if variant == "zh-Hant" else "簡"
    text = re.sub(r"<[^>]+>", "", block)
    assert wrong not in text


def test_cite_address_is_absolute_with_a_site_url():
    from build_tools.render.provenance import page_address

    assert page_address("https://example.org/p/", "zh-Hant", "plans/x/") == ("https://example.org/p/zh-Hant/plans/x/", True)
    assert page_address(None, "zh-Hans", "plans/x/") == ("zh-Hans/plans/x/", False)
