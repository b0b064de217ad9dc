"""Golden, data-driven cases (tests/cases/README.md): one YAML file per case, input → expected.

- tests/cases/check/*.yaml: files written over a small project (tests/cases/base/) → the
  diagnostics `policyref check` must report (rule, file, line), documented and located;
- tests/cases/parse/*.yaml: one plan source → the model (chapters, tasks, segments, who owes what).

Expectations are written by hand in the case files, never produced by the code under test.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.diagnostics import Report
from build_tools.project import Project
from build_tools.read.plan import parse_plan
from build_tools.read.registry import load_registry
from build_tools.read.site import load_site
from build_tools.rules import RULES

from conftest import ROOT

CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"
FORMAT = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning) \[[a-z0-9-]+\] \S.* — \S.*$", re.S)
CHECK_KEYS = {"about", "base", "edits", "files", "expect", "only"}
PARSE_KEYS = {"about", "plan", "registry", "expect"}


def load_cases(kind: str) -> list:
    """Every case of tests/cases/<kind>/ as a pytest param named after its file."""
    out = []
    for path in sorted((CASES / kind).glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(pytest.param(case, id=path.stem))
    return out


# ---- projects ------------------------------------------------------------------------------
def make_project(root: Path, base: str = "fixture") -> Path:
    """The case's starting project: the fixture (default) or a copy of the real content/."""
    if base == "fixture":
        shutil.copytree(BASE, root, dirs_exist_ok=True)
        (root / "content" / "script").mkdir(exist_ok=True)
        if not (root / "content" / "script" / "phrases.tsv").exists():  # the project's own dictionary
            shutil.copy(ROOT / "content" / "script" / "phrases.tsv", root / "content" / "script" / "phrases.tsv")
    elif base == "content":
        shutil.copytree(ROOT / "content", root / "content")
    else:
        raise ValueError(f"base must be 'fixture' or 'content', not {base!r}")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def apply(root: Path, case: dict) -> None:
    for edit in case.get("edits") or []:
        path = root / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"case edit: {edit['old']!r} is not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for rel, content in (case.get("files") or {}).items():
        path = root / rel
        if content is None:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):  # {text: …, encoding: gb18030}
            path.write_bytes(content["text"].encode(content.get("encoding", "utf-8")))
        else:
            path.write_bytes(content.encode("utf-8"))


def expected_line(root: Path, item: dict) -> int:
    if "line" in item:
        return item["line"]
    lines = (root / item["file"]).read_bytes().decode("utf-8", "replace").split("\n")
    found = [n for n, line in enumerate(lines, 1) if item["at"] in line]
    assert len(found) == 1, f"case: {item['on']!r} is on lines {found} of {item['file']}, want one"
    return found[0]


def check(root: Path) -> Report:
    report = Report()
    load_site(Project(root), report)
    return report


def assert_documented(report: Report) -> None:
    for d in report.items:
        assert d.rule in RULES, f"undocumented rule {d.format()}"
        assert d.severity == RULES[d.rule].severity, d.format()
        assert FORMAT.match(d.format()), f"not located or without a fix: {d.format()}"


# ---- check cases ---------------------------------------------------------------------------
def test_the_fixture_project_is_clean(tmp_path):
    report = check(make_project(tmp_path))
    assert not report.items, "\n".join(d.format() for d in report.sorted())


@pytest.mark.parametrize("case", load_cases("check"))
def test_check_case(tmp_path, case):
    assert set(case) <= CHECK_KEYS, f"unknown keys {set(case) - CHECK_KEYS} (see tests/cases/README.md)"
    root = make_project(tmp_path, case.get("base", "fixture"))
    apply(root, case)
    report = check(root)  # never an exception, whatever the input
    got = {(d.rule, d.path, d.line) for d in report.items}
    want = {(e["rule"], e["file"], expected_line(root, e)) for e in case["expect"]}
    shown = "\n".join(d.format() for d in report.sorted())
    assert want <= got, f"missing {sorted(want - got)}; the report:\n{shown}"
    if case.get("only"):
        assert got == want, f"unexpected {sorted(got - want)}; the report:\n{shown}"
    assert_documented(report)


# ---- parse cases ---------------------------------------------------------------------------
def summary(plan) -> dict:
    """The model in the shape the parse cases are written in."""
    return {
        "chapters": [{"id": c.id, "title": c.title} for c in plan.chapters],
        "tasks": [{
            "id": t.id, "number": t.number, "label": t.label, "title": t.title,
            "chapter": t.chapter.id if t.chapter else None,
            "segments": [{"text": s.text, "lead": s.lead, "responsible": s.responsible, "issuer": s.issuer,
                          "attribution": s.attribution.text if s.attribution else None} for s in t.segments],
        } for t in plan.tasks],
    }


def matches(want, got, where: str = "") -> list[str]:
    """Differences between the case's expectation and the summary; a mapping compares only the keys
    the case writes, a list compares every element (length included)."""
    if isinstance(want, dict) and isinstance(got, dict):
        return [p for k, v in want.items()
                for p in (matches(v, got[k], f"{where}.{k}") if k in got else [f"{where}.{k}: no such key"])]
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{where}: {len(want)} expected, {len(got)} found: {got}"]
        return [p for i, (w, g) in enumerate(zip(want, got)) for p in matches(w, g, f"{where}[{i}]")]
    return [] if want == got else [f"{where}: expected {want!r}, found {got!r}"]


@pytest.mark.parametrize("case", load_cases("parse"))
def test_parse_case(case):
    assert set(case) <= PARSE_KEYS, f"unknown keys {set(case) - PARSE_KEYS} (see tests/cases/README.md)"
    problems = Report()
    registry = load_registry(BASE / "content" / "agencies.yml", problems) if case.get("registry") in (None, "base") \
        else _registry_from_text(case["registry"], problems)
    assert not problems.items, [d.format() for d in problems.items]
    report = Report()
    plan = parse_plan(case["plan"], "content/plans/case.md", registry, report)
    expect = dict(case["expect"])
    want_diagnostics = expect.pop("diagnostics", [])
    got = [{"rule": d.rule, "line": d.line} for d in report.sorted()]
    assert matches(want_diagnostics, got) == [], got
    assert_documented(report)
    if expect:
        assert plan is not None, [d.format() for d in report.items]
        differences = matches(expect, summary(plan))
        assert not differences, "\n".join(differences)


def _registry_from_text(text: str, report: Report):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agencies.yml"
        path.write_text(text, encoding="utf-8")
        return load_registry(path, report)


def test_every_case_directory_has_cases():
    """A typo in a folder name must not silently run nothing."""
    assert load_cases("check") and load_cases("parse")
