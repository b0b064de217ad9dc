"""The attribution grammar on data-driven cases: tests/cases/attribution/*.yaml, one shape each.

A case: `registry` (printed name → id, optional), `paragraphs` read in order with the convention
carried from one to the next, each with the attributions `expect`ed (lead / responsible / standing
names as printed; optionally the group `text`, `placed`, `leftover`), and `after`: the convention
at the end. Every actor's id must be the case registry's id for its name (None when absent).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.read.attribution import Convention, find_attributions

CASES = sorted((Path(__file__).parent / "cases" / "attribution").glob("*.yaml"))


def test_there_are_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    registry = case.get("registry") or {}
    convention = Convention()
    for para in case["paragraphs"]:
        readings, convention = find_attributions(para["text"], convention, registry.get)
        got = [{"lead": [a.name for a in r.lead], "responsible": [a.name for a in r.responsible],
                "standing": [a.name for a in r.standing], "text": r.text, "placed": r.placed,
                "leftover": r.leftover} for r in readings]
        want = [{"lead": [], "responsible": [], "standing": [], "placed": True, "leftover": "", **e}
                for e in para["expect"]]
        for g, w in zip(got, want):
            w.setdefault("text", g["text"])  # the group's text is checked only where the case gives it
        assert got == want, para["text"]
        for r in readings:
            assert r.text == para["text"][r.start:r.end]
            for actor in r.lead + r.responsible + r.standing:
                assert actor.id == registry.get(actor.name), actor
    after = case.get("after") or {}
    if "first_is_lead" in after:
        assert convention.first_is_lead is after["first_is_lead"]
    if "standing" in after:
        assert [a.name for a in convention.standing] == after["standing"]
