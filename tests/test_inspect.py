"""`policyref inspect`: how the build reads one plan, as data, even while check fails; and the
content-format pieces it shows (`::: closing`, `written`). Fixtures are short made-up drafts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.diagnostics import Report
from build_tools.read.inspect import inspect_plan
from build_tools.read.site import load_site
from build_tools.render.pages import environment

from conftest import PROJECT

HEAD = """---
id: 2030-test-draft
title: 测试草稿
issuers: [samr]
doc_number: ""
date: {date}
{extra}source: 000_4db6e72938e5ec9f.txt
source_script: zh-Hans
cleaning: []
---
"""
BODY = """### （一）第一项 {#t01}
推进规划工作。（自然资源部牵头，住房城乡建设部等国务院相关部门及各地区按职责分工负责）
### （二）第二项 {#t02}
具体措施：1．甲事（工业和信息化部、科技部等负责。列第一位者为牵头单位，下同）2．乙事（科技部、商务部负责）
"""
CLOSING = """::: closing
确保各项措施落地见效。
市场监管总局
2019年12月1日
（此件公开发布）
:::
"""


def draft(tmp_path: Path, body: str = BODY + CLOSING, date: str = "2020-01-01", extra: str = "") -> Path:
    path = tmp_path / "2030-test-draft.md"
    path.write_text(HEAD.format(date=date, extra=extra) + body, encoding="utf-8")
    return path


def actors(segment: dict, role: str) -> list[tuple[str, str | None]]:
    return [(a["name"], a["id"]) for a in segment[role]]


def test_inspect_reads_actors_as_printed_with_registry_ids(tmp_path):
    data = inspect_plan(draft(tmp_path), PROJECT)
    registry = {n: a.id for a in load_site(PROJECT, Report()).agencies.values() for n in [a.name, *a.names]}
    first, = data["tasks"][0]["segments"]
    assert first["attribution"] == "（自然资源部牵头，住房城乡建设部等国务院相关部门及各地区按职责分工负责）"
    assert actors(first, "lead") == [("自然资源部", registry.get("自然资源部"))]
    assert actors(first, "responsible") == [(n, registry.get(n)) for n in ["住房城乡建设部", "国务院相关部门", "各地区"]]
    # the convention (first is lead, 下同) and two attributions in one line: two segments
    one, two = data["tasks"][1]["segments"]
    assert [a["name"] for a in one["lead"]] == ["工业和信息化部"] and [a["name"] for a in two["lead"]] == ["科技部"]
    assert [a["name"] for a in two["responsible"]] == ["商务部"]
    assert one["text"] == "具体措施：1．甲事" and two["text"] == "2．乙事"
    assert data["closing"] == ["确保各项措施落地见效。", "市场监管总局", "2019年12月1日", "（此件公开发布）"]
    # unregistered names are shown (id null) and reported, and the plan still reads
    rules = [d["rule"] for d in data["diagnostics"]]
    assert rules.count("unknown-agency") == sum(1 for _, i in actors(first, "responsible") if i is None) > 0
    assert "uncovered-text" not in rules
    assert data["summary"]["tasks"] == 2 and data["summary"]["attributions"] == 3
    assert data["publishable"] is False


def test_inspect_cli_json_and_text(tmp_path, capsys):
    path = draft(tmp_path)
    assert cli.main(["--root", str(PROJECT.root), "inspect", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["front_matter"]["id"] == "2030-test-draft" and data["format"] == 1
    assert cli.main(["--root", str(PROJECT.root), "inspect", str(path)]) == 0
    text = capsys.readouterr().out
    assert "国务院相关部门=?" in text and "[unknown-agency]" in text
    assert cli.main(["--root", str(PROJECT.root), "inspect", str(tmp_path / "none.md")]) == 2


def test_inspect_shows_a_plan_whose_front_matter_is_broken(tmp_path):
    data = inspect_plan(draft(tmp_path, date="2012-02-30"), PROJECT)
    assert data["summary"]["tasks"] == 2 and not data["publishable"]
    assert "front-matter-value" in [d["rule"] for d in data["diagnostics"]]


@pytest.mark.parametrize("plan", sorted(PROJECT.plans_dir.glob("*.md")), ids=lambda p: p.stem)
def test_inspect_agrees_with_the_build(plan):
    """What inspect shows is what the site publishes: the same roles per segment."""
    site = load_site(PROJECT, Report())
    built = next(p for p in site.plans if p.path.endswith(plan.name))
    data = inspect_plan(plan, PROJECT)
    assert data["publishable"] and not data["diagnostics"]
    shown = [(t["id"], s["ids"]["lead"], s["ids"]["responsible"], s["ids"]["issuer"])
             for t in data["tasks"] for s in t["segments"]]
    assert shown == [(t.id, s.lead, s.responsible, s.issuer) for t in built.tasks for s in t.segments]
    for task in data["tasks"]:
        for s in task["segments"]:  # printed actors: registered, and all of them in the published ids
            printed = [a["id"] for role in ("lead", "responsible", "standing") for a in s[role]]
            assert None not in printed
            assert set(printed) == set(s["ids"]["lead"]) | set(s["ids"]["responsible"])


def test_closing_before_a_task_is_misplaced(tmp_path):
    data = inspect_plan(draft(tmp_path, body=CLOSING + BODY), PROJECT)
    assert "closing-misplaced" in [d["rule"] for d in data["diagnostics"]]


def test_closing_text_outside_the_fence_is_uncovered(tmp_path):
    body = BODY + "确保各项措施落地见效。\n"
    data = inspect_plan(draft(tmp_path, body=body), PROJECT)
    assert "uncovered-text" in [d["rule"] for d in data["diagnostics"]]


def test_written_date_checked_against_signature_and_publication(tmp_path):
    rules = lambda path: [d["rule"] for d in inspect_plan(path, PROJECT)["diagnostics"]]  # noqa: E731
    # signature 2019-12-01 = written; published later: no date warning
    assert "date-mismatch" not in rules(draft(tmp_path, extra="written: 2019-12-01\n"))
    # no written: the signature is compared with date
    assert "date-mismatch" in rules(draft(tmp_path))
    # written after the publication date
    assert "date-mismatch" in rules(draft(tmp_path, date="2019-11-01", extra="written: 2019-12-01\n"))
    assert "front-matter-value" in rules(draft(tmp_path, extra="written: 2019\n"))  # a full date only


def test_written_is_shown_on_the_plan_card():
    macro = environment().get_template("_macros.j2").module.plan_meta

    class Plan:  # the card reads attributes only
        doc_number, date, period, tasks, official_url, retrieved = "", "2020-01-01", "", [], "", ""
        source, source_script, cleaning = "x.txt", "zh-Hans", []
        found_at, completeness, missing = "", "complete", ""
        written = "2019-12-01"
    assert "<dt>成文日期</dt><dd>2019-12-01</dd>" in str(macro(Plan, [], [], "x"))
    Plan.written = ""
    assert "成文日期" not in str(macro(Plan, [], [], "x"))
