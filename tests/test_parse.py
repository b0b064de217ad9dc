"""Parser, attribution grammar and schema on small fixtures of our own."""
from __future__ import annotations

import textwrap

import pytest

from build_tools.read.attribution import find_attribution
from build_tools.diagnostics import Report
from build_tools.model import Agency
from build_tools.read.plan import parse_plan
from build_tools.read.registry import Registry


def agency(id, name, *names, kind="ministry"):
    return Agency(id=id, name=name, full_name=name, names=list(names), name_en=id, kind=kind, parent=None)


REGISTRY = Registry({a.id: a for a in [
    agency("samr", "市场监管总局", "国家市场监督管理总局"),
    agency("sac", "国家标准委"),
    agency("miit", "工业和信息化部"),
    agency("most", "科技部"),
    agency("cdpf", "中国残联"),
    agency("rd", "各有关部门", kind="collective"),
    agency("rdu", "各有关部门和单位", kind="collective"),
    agency("lga", "地方人民政府有关主管部门", kind="collective"),
]})

FRONT = """---
id: demo
title: 示例
issuers: [samr]
doc_number: ""
date: 2024-03-01
source: raw.txt
source_script: zh-Hans
cleaning: []
---
"""


def parse(body: str, front: str = FRONT):
    report = Report()
    plan = parse_plan(front + textwrap.dedent(body), "plans/demo.md", REGISTRY, report)
    return plan, report


@pytest.mark.parametrize("paragraph, lead, responsible, standing", [
    ("正文。〔市场监管总局（国家标准委）牵头，各有关部门和单位按职责分工负责〕",
     ["市场监管总局", "国家标准委"], ["各有关部门和单位"], []),
    ("正文。（工业和信息化部、科技部牵头）", ["工业和信息化部", "科技部"], [], []),
    ("正文。(市场监管总局、各有关部门按职责分工负责)", [], ["市场监管总局", "各有关部门"], []),
    ("正文。〔科技部牵头，中国残联等部门按职责分工负责〕", ["科技部"], ["中国残联"], []),
    ("正文。〔科技部牵头，各有关部门按职责分工负责。以下均需地方人民政府有关主管部门负责，不再列出〕",
     ["科技部"], ["各有关部门"], ["地方人民政府有关主管部门"]),
    ("正文。〔科技部牵头，各有关部门按职责分工负责。以下均需地方人民政府有关主管部门负责,不再列出〕",
     ["科技部"], ["各有关部门"], ["地方人民政府有关主管部门"]),
])
def test_attribution_grammar(paragraph, lead, responsible, standing):
    found = find_attribution(paragraph)
    assert found is not None
    assert [a.name for a in found.lead] == lead
    assert [a.name for a in found.responsible] == responsible
    assert [a.name for a in found.standing] == standing
    assert paragraph[found.start:].startswith(found.text)


@pytest.mark.parametrize("paragraph", [
    "加强国际标准化组织（ISO）工作。",
    "正文（各行业标准制定重要领域见附件）",
    "牵头单位要加强协调。",
    "正文〔未闭合",
])
def test_not_an_attribution(paragraph):
    assert find_attribution(paragraph) is None


def test_segments_cover_only_their_own_text_and_standing_note_applies_later():
    plan, report = parse("""
        ## 一、第一章 {#c1}
        ### （一）任务一 {#t01}
        甲。〔科技部牵头，各有关部门和地方人民政府有关主管部门按职责分工负责。以下均需地方人民政府有关主管部门负责，不再列出〕
        ### （二）任务二 {#t02}
        乙。〔工业和信息化部牵头，各有关部门和单位按职责分工负责〕
        丙一。
        丙二。（市场监管总局（国家标准委）牵头）
    """)
    assert not report.errors, [d.format() for d in report.items]
    t1, t2 = plan.tasks
    assert [s.text for s in t1.segments] == ["甲。"]
    assert t1.segments[0].lead == ["most"] and t1.segments[0].responsible == ["rd", "lga"]
    assert [s.text for s in t2.segments] == ["乙。", "丙一。\n丙二。"]
    assert t2.segments[0].responsible == ["rdu", "lga"]  # standing note added
    assert t2.segments[1].lead == ["samr", "sac"]  # A（B） names both
    assert t2.segments[1].responsible == ["lga"]
    assert t2.chapter.id == "c1" and t2.number == 2 and t2.label == "（二）" and t2.title == "任务二"


def test_plan_without_attributions_credits_issuer():
    plan, report = parse("""
        ### 一、抓好落实 {#t01}
        各地要认真落实。
    """)
    assert not report.errors
    (segment,) = plan.tasks[0].segments
    assert segment.issuer == ["samr"] and not segment.lead and not segment.responsible


def test_unknown_agency_names_file_line_and_closest_names():
    plan, report = parse("""
        ### （一）任务 {#t01}
        正文。〔市场监督总局牵头，各有关部门按职责分工负责〕
    """)
    (error,) = report.errors
    assert error.rule == "unknown-agency" and error.path == "plans/demo.md"
    assert error.line == 13  # 10 front-matter lines, a blank line, the heading, this paragraph
    assert "市场监管总局" in error.fix


def test_front_matter_errors_name_key_and_line():
    front = FRONT.replace("date: 2024-03-01", "date: 2024-02-30").replace("cleaning: []", "cleaning: []\ncolour: red")
    plan, report = parse("### （一）任务 {#t01}\n正文。\n", front)
    rules = {(d.rule, d.line) for d in report.errors}
    assert ("front-matter-value", 6) in rules  # impossible date, on its own line
    assert ("front-matter-unknown-key", 10) in rules
    assert plan is None


def test_missing_and_mistyped_keys():
    front = FRONT.replace('doc_number: ""\n', "").replace("issuers: [samr]", "issuers: samr")
    _, report = parse("正文。\n", front)
    messages = " ".join(d.message for d in report.errors)
    assert "missing key 'doc_number'" in messages and "'issuers' must be list" in messages


def test_structure_errors_are_all_reported():
    _, report = parse("""
        ### （一）任务 {#t01}
        ### （二）任务 {#t01}
        ### 任务无编号 {#t03}
        ::: signature
        甲
    """)
    rules = sorted(d.rule for d in report.errors)
    assert rules == ["duplicate-id", "fence-unclosed", "task-label"]
