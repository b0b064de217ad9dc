"""Every curated plan checked against its raw web copy by independent means.

The oracle here is deliberately NOT the project's parser: tasks and attributions are
counted with plain regular expressions over the raw text, agencies are found by scanning
the raw attribution for registry names, and text is compared as character streams.
"""
from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
import yaml

from build_tools.read.site import load_site
from conftest import PROJECT
from build_tools.diagnostics import Report

ROOT = Path(__file__).resolve().parents[1]
SPAM = "千亿app:"
CN = "一二三四五六七八九十"
RAW_TASK_PAREN = re.compile(rf"^\s*[（(][{CN}]+[）)]")
RAW_TASK_DUN = re.compile(rf"^\s*[{CN}]+、")
RAW_ATTRIBUTION = re.compile(r"[〔（(](?:[^〔〕（）()]|[（(][^（）()]*[）)])*?(?:牵头|负责)(?:[^〔〕（）()]|[（(][^（）()]*[）)])*?(?:列出)?[〕）)]")
KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")

_tw2s = opencc.OpenCC("tw2s")
CURATED = ("2011-miit-standardization-key-work", "2012-miit-standardization-key-work",
           "2012-sac-local-standardization-notice", "2019-deepening-standardization-reform-tasks",
           "2024-standardization-outline-action-plan")


@pytest.fixture(scope="module")
def site():
    report = Report()
    site = load_site(PROJECT, report)
    assert not report.errors, [d.format() for d in report.errors]
    site.plans = [p for p in site.plans if p.id in CURATED]  # imported plans: test_content_faithful_imported.py
    return site


@pytest.fixture(scope="module")
def registry_names():
    entries = yaml.safe_load((ROOT / "content/agencies.yml").read_text(encoding="utf-8"))
    return {n: e["id"] for e in entries for n in {e["name"], e["full_name"], *e["names"]}}


def raw_text(plan) -> str:
    text = (ROOT / "content/sources" / plan.source).read_text(encoding="utf-8")
    return _tw2s.convert(text.replace(SPAM, ""))


def plans(site):
    return {p.id: p for p in site.plans}


def test_all_five_plans_present(site):
    assert len(site.plans) == 5
    assert len({p.source for p in site.plans}) == 5


def test_task_count_matches_raw_numbering(site):
    for plan in site.plans:
        lines = raw_text(plan).splitlines()
        paren = [l for l in lines if RAW_TASK_PAREN.match(l)]
        dun = [l for l in lines if RAW_TASK_DUN.match(l)]
        # Documents with chapters number tasks （一）; documents without use 一、
        expected = len(paren) if plan.chapters else len(dun)
        assert len(plan.tasks) == expected, plan.id
        if plan.chapters:
            assert len(plan.chapters) == len(dun), plan.id


def test_attribution_count_matches_raw(site):
    for plan in site.plans:
        raw_groups = RAW_ATTRIBUTION.findall(raw_text(plan))
        model = [s for t in plan.tasks for s in t.segments if s.attribution]
        assert len(model) == len(raw_groups), plan.id


def _scan_names(text: str, names: dict[str, str]) -> set[str]:
    """Agency ids named in `text`, by longest-first substring scanning (not the parser's grammar)."""
    found, taken = set(), [False] * len(text)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(taken[m.start():m.end()]):
                found.add(names[name])
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return found


def test_agencies_of_each_attribution_match_raw(site, registry_names):
    for plan in site.plans:
        raw_groups = RAW_ATTRIBUTION.findall(raw_text(plan).replace(",", "，").replace("(", "（").replace(")", "）"))
        model = [s.attribution for t in plan.tasks for s in t.segments if s.attribution]
        for group, attribution in zip(raw_groups, model):
            expected = _scan_names(group, registry_names)
            got = set(attribution.lead) | set(attribution.responsible) | set(attribution.standing)
            assert got == expected, (plan.id, group)


def test_every_plan_with_attributions_credits_lead_or_responsible(site):
    for plan in site.plans:
        for task in plan.tasks:
            for segment in task.segments:
                assert segment.lead or segment.responsible or segment.issuer, (plan.id, task.id)


def _stream(text: str) -> str:
    return "".join(KEEP.findall(text))


def test_body_text_is_the_raw_text(site):
    """No invented text: each paragraph of the body is in the raw copy, unless a recorded correction explains it."""
    for plan in site.plans:
        raw = _stream(raw_text(plan))
        quoted = [q for c in plan.cleaning if c.kind in ("typo", "script")
                  for q in re.findall(r"[「“]([^」”]+)[」”]", c.what)]
        for block in plan.blocks:
            if block.kind in ("paragraph", "task", "chapter", "heading") and _stream(block.text) not in raw:
                assert any(_stream(q) and _stream(q) in _stream(block.text) and _stream(q) not in raw for q in quoted), \
                    (plan.id, block.line, block.text[:30])


def _mentioned_lines(plan) -> set[int]:
    """Raw line numbers named in the plan's cleaning record (第3行, 第1–7行, 第5、7、8行 …)."""
    lines: set[int] = set()
    for c in plan.cleaning:
        for group in re.findall(r"第([0-9、–\-,，……]+)行", c.what):
            for a, b in re.findall(r"(\d+)(?:[–-](\d+))?", group):
                lines.update(range(int(a), int(b or a) + 1))
    return lines


def test_no_raw_document_text_is_lost(site):
    """Every stretch of raw text missing from the body lies on a raw line that `cleaning` names."""
    import difflib

    for plan in site.plans:
        raw_lines = raw_text(plan).split("\n")
        raw_chars, raw_line_of = [], []
        for number, line in enumerate(raw_lines, 1):
            for ch in _stream(line):
                raw_chars.append(ch)
                raw_line_of.append(number)
        body = _stream("".join(b.text for b in plan.blocks))
        matcher = difflib.SequenceMatcher(None, "".join(raw_chars), body, autojunk=False)
        mentioned = _mentioned_lines(plan)
        for op, i1, i2, _, _ in matcher.get_opcodes():
            if op in ("delete", "replace"):
                lines = set(raw_line_of[i1:i2])
                assert lines <= mentioned, (plan.id, sorted(lines - mentioned), "".join(raw_chars[i1:i2])[:40])


def test_canonical_text_is_simplified(site):
    for plan in site.plans:
        for block in plan.blocks:
            assert _tw2s.convert(block.text) == block.text, (plan.id, block.line, block.text[:30])
