"""Issue 11: the conversion dictionary cannot write markup or Simplified forms, conversion
never touches markup, the CSV carries no live formula."""
from __future__ import annotations

import csv
import io
import json

import markdown
import pytest

from build_tools.diagnostics import Report
from build_tools.extras.open_data import assignments_csv, csv_cell, reference
from build_tools.project import Project
from build_tools.read.site import load_site
from build_tools.render.pages import render_site
from build_tools.script import dictionary as dictionary_module
from build_tools.script.check import dictionary_output
from build_tools.script.convert import Converter
from build_tools.script.dictionary import Entry, read_phrases

from conftest import CONVERTER, ROOT

HOSTILE_ENTRIES = [  # Traditional sides that would be live markup, YAML or Markdown on a page
    "<svg/onload=window.__pwned=1>", "&lt;", '"', "'", "\\", "{:onclick=x}", "[a](javascript:x)",
    "标\u200b", "标\u202e", "标\x07", "标\ue000",
]


@pytest.mark.parametrize("traditional", HOSTILE_ENTRIES)
def test_dictionary_refuses_markup_quotes_and_invisible_characters(traditional):
    simplified = "标" * len(traditional)
    entries, problems = read_phrases(f"# comment\n{simplified}\t{traditional}\tword: test\n")
    assert [p.line for p in problems] == [2], problems
    assert "not allowed" in problems[0].message


def test_dictionary_control_characters_do_not_split_lines():
    problems = read_phrases("标准\t标\x0b准\tword: x\n信息\t信息\tword: y\n")[1]
    assert [p.line for p in problems] == [1]


def test_dictionary_may_not_output_simplified_only_forms():
    allowed, wrong = dictionary_output([Entry("标准", "标准", "word", "x", 7)])
    assert not allowed and [(e.line, c) for e, c, _ in wrong] == [(7, "标")]
    # the house style's own choice is allowed: 祕 is OpenCC's Traditional form of 秘
    allowed, wrong = dictionary_output([Entry("秘", "祕", "style", "x", 1)])
    assert allowed == {"祕"} and not wrong


def test_a_dictionary_line_cannot_whitelist_simplified_forms(project_copy):
    tsv = project_copy / "content/script/phrases.tsv"
    lines = tsv.read_text(encoding="utf-8").rstrip("\n").split("\n")
    tsv.write_text("\n".join(lines + ["标准\t标准\tword: 试"]) + "\n", encoding="utf-8")
    report = Report()
    load_site(Project(project_copy), report)
    hits = [d for d in report.errors if d.rule == "dictionary-script"]
    assert [(d.path, d.line) for d in hits] == [("content/script/phrases.tsv", len(lines) + 1)]
    # and the script check of the pages still forbids 标 (it is not taken off the forbidden set)
    converter = Converter(tsv)
    assert "标" in converter.forbidden("zh-Hant")


def test_convert_html_converts_text_never_markup(tmp_path):
    """A dictionary that maps ASCII words would rewrite tag and attribute names if pages were
    converted whole; convert_html leaves every tag, comment and reference alone."""
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("class\tonkey\tword: test\namp\tqmp\tword: test\n软件\t軟體\tword: test\n", encoding="utf-8")
    converter = Converter(tsv)
    page = ('<span class="a" title="软件&amp;class">软件 class</span><!-- class 软件 -->&amp;'
            '<meta name="description" content="软件"><i content="软件"><b data-done="软件" href="软件">')
    out = converter.convert_html(page, "zh-Hant")
    assert out == ('<span class="a" title="軟體&amp;onkey">軟體 onkey</span><!-- class 软件 -->&amp;'
                   '<meta name="description" content="軟體"><i content="软件"><b data-done="軟體" href="软件">')
    assert "onkey=" in converter.convert(page, "zh-Hant")  # what converting the whole page does


def test_convert_html_disarms_markup_a_dictionary_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary_module, "unsafe_char", lambda phrase: None)  # as if the check were bypassed
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("标" * 7 + "\t<img/x>\tword: test\n", encoding="utf-8")
    converter = Converter(tsv)
    assert converter.convert_html("<p>" + "标" * 7 + "</p>", "zh-Hant") == "<p>&lt;img/x></p>"


@pytest.mark.browser
def test_hostile_dictionary_runs_nothing_in_chromium(tmp_path, monkeypatch, page):
    """Defence in depth: even with the dictionary check bypassed, a dictionary whose Traditional
    side is live markup renders as text on a real zh-Hant page (Python-Markdown with the site's
    extensions, then Chromium). Converting the whole page instead makes the payload run."""
    monkeypatch.setattr(dictionary_module, "unsafe_char", lambda phrase: None)
    payload = "<svg/onload=window.__pwned=1>"
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text(CONVERTER.phrases.read_text(encoding="utf-8")
                   + "标" * len(payload) + "\t" + payload + "\tword: hostile\n", encoding="utf-8")
    hostile = Converter(tsv)
    report = Report()
    site = load_site(Project(ROOT), report)
    site.plans[0].tasks[0].segments[0].text += "标" * len(payload)  # the trigger, in a task's text
    task_page = next(p for p in render_site(site, "zh-Hant", hostile) if p.url.count("/") == 3)
    body = task_page.markdown.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])
    assert payload not in html and "&lt;svg/onload" in html
    page.set_content(html)
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned === undefined")
    # the detector sees the payload when it is not disarmed
    page.set_content(html.replace("&lt;svg/onload", "<svg/onload"))
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") == 1


# ---- open data --------------------------------------------------------------------------
def test_csv_cells_never_start_a_formula():
    report = Report()
    site = load_site(Project(ROOT), report)
    titles = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "\tx", "普通"]  # (no CR: read as LF)
    tasks = [t for p in site.plans for t in p.tasks][: len(titles)]
    for task, title in zip(tasks, titles):
        task.title = title
    rows = list(csv.reader(io.StringIO(assignments_csv(site).lstrip("\ufeff"), newline="")))
    header = rows[0]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    shown = {r[header.index("task_title")] for r in rows[1:]}
    assert {"'=HYPERLINK(\"http://x\",\"y\")", "'+1+1", "'-2", "'@SUM(A1)", "'\tx", "普通"} <= shown
    assert csv_cell("\rx") == "'\rx" and csv_cell("x=1") == "x=1"
    exact = json.dumps(reference(site), ensure_ascii=False)
    assert json.dumps(titles[0], ensure_ascii=False) in exact  # reference.json keeps the exact text


def test_root_other_converts_with_other_projects_dictionary(project_copy):
    """`policyref --root OTHER build` converts with OTHER's dictionary, not this checkout's."""
    from build_tools.build import gather

    tsv = project_copy / "content/script/phrases.tsv"
    tsv.write_text(tsv.read_text(encoding="utf-8") + "软件\t軟體\tword: 另一个项目的用词\n", encoding="utf-8")
    content = gather(Project(project_copy))
    assert content.converter.phrases == tsv.resolve()
    assert content.converter.to_hant("软件") == "軟體" != CONVERTER.to_hant("软件")
