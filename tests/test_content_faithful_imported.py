"""Each plan imported after the five curated ones, checked against its raw copy by independent means
(issue 9): tasks and attributions are counted with this file's own regular expressions over the raw
text (not the importer's or the parser's code), lead and responsible agencies are found by scanning
each raw attribution for registry names, and every body paragraph must occur in the raw text."""
from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
import yaml

from build_tools.diagnostics import Report
from build_tools.read.site import load_site
from conftest import PROJECT

ROOT = Path(__file__).resolve().parents[1]
CN = "一二三四五六七八九十"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\([a-z{TONED}ü]*[{TONED}][a-z{TONED}ü]*\)")
TASK_PAREN = re.compile(rf"^\s*[（(][{CN}]+[）)]")
TASK_DUN = re.compile(rf"^\s*[{CN}]+、")
ATTRIBUTION = re.compile(r"[〔（(](?:[^〔〕（）()]|[（(][^（）()]*[）)])*?(?:牵头|负责)(?:[^〔〕（）()]|[（(][^（）()]*[）)])*?[〕）)]")
KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_tw2s = opencc.OpenCC("tw2s")

# plan id → (raw file, text that starts the part of the page that is not the document, or None)
IMPORTED = {
    "2015-reform-action-plan-2015-2016": ("010_68cdecdc0a4a5f32.txt", None),
    "2016-mandatory-standards-consolidation": ("011_b803df0ba61179aa.txt", None),
    "2021-national-standardization-outline": ("012_006ebef2465654a6.txt", None),
    "2022-standardization-outline-action-plan": ("013_acc4ba6d5065b2fc.txt", None),
    "2019-national-standardization-work-points": ("014_a1ab8046b730aafe.txt", None),
    "2020-industry-telecom-standardization-work-points": ("015_36957a84a9cc74b9.txt", None),
    "2018-comprehensive-reform-pilots-reply": ("016_b78fa149e4b5b3e2.txt", None),
    "2021-14th-fyp-national-standard-system-plan": ("017_a35d0e43b41f11b1.txt", None),
    "2019-consumer-goods-standards-special-plan": ("018_9227adf639aa510e.txt", None),
    "2023-new-industry-standardization-pilot-notice": ("019_387304683f2e7d60.txt", "》解读"),  # the page's 解读
}


@pytest.fixture(scope="module")
def site():
    report = Report()
    loaded = load_site(PROJECT, report)
    assert not report.errors, [d.format() for d in report.errors]
    return {p.id: p for p in loaded.plans}


@pytest.fixture(scope="module")
def names():
    entries = yaml.safe_load((ROOT / "content/agencies.yml").read_text(encoding="utf-8"))
    return {n: e["id"] for e in entries for n in {e["name"], e["full_name"], *e["names"]}}


def raw(plan_id: str) -> str:
    source, end = IMPORTED[plan_id]
    text = (ROOT / "content/sources" / source).read_text(encoding="utf-8")
    if end:
        text = text[: text.rfind("\n", 0, text.index(end))]
    return _tw2s.convert(PINYIN.sub("", text))


def test_the_reference_has_at_least_fifteen_plans(site):
    assert len(site) >= 15 and set(IMPORTED) <= set(site)


@pytest.mark.parametrize("plan_id", IMPORTED)
def test_source_and_partial_flag(site, plan_id):
    plan = site[plan_id]
    assert plan.source == IMPORTED[plan_id][0]
    assert plan.completeness == "partial" and plan.missing and plan.found_at.startswith("http")


@pytest.mark.parametrize("plan_id", IMPORTED)
def test_tasks_match_the_raw_numbering(site, plan_id):
    plan, lines = site[plan_id], raw(plan_id).splitlines()
    paren = [l for l in lines if TASK_PAREN.match(l)]
    dun = [l for l in lines if TASK_DUN.match(l)]
    if plan.chapters:
        assert (len(plan.chapters), len(plan.tasks)) == (len(dun), len(paren))
    else:
        assert len(plan.tasks) == len(dun)


def _scan(text: str, names: dict[str, str]) -> set[str]:
    found, taken = set(), [False] * len(text)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(taken[m.start():m.end()]):
                found.add(names[name])
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return found


@pytest.mark.parametrize("plan_id", IMPORTED)
def test_attributions_lead_and_responsible_match_the_raw(site, names, plan_id):
    plan = site[plan_id]
    groups = ATTRIBUTION.findall(raw(plan_id))
    model = [s.attribution for t in plan.tasks for s in t.segments if s.attribution]
    assert len(model) == len(groups)
    for group, attribution in zip(groups, model):
        lead_text, _, rest = group[1:-1].rpartition("牵头") if "牵头" in group else ("", "", group[1:-1])
        assert (set(attribution.lead), set(attribution.responsible)) == (_scan(lead_text, names), _scan(rest, names)), group


@pytest.mark.parametrize("plan_id", IMPORTED)
def test_every_body_paragraph_is_raw_text(site, plan_id):
    stream = "".join(KEEP.findall(raw(plan_id)))
    for block in site[plan_id].blocks:
        if block.kind in ("paragraph", "task", "chapter", "heading"):
            # both sides folded by tw2s: it turns 显著 into 显着, in the raw copy and in the plan alike
            assert "".join(KEEP.findall(_tw2s.convert(block.text))) in stream, (block.line, block.text[:30])
