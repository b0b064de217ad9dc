"""`policyref check`: every rule of build_tools/rules.py fires on the mistake it documents,
at the right file and line, with its documented severity and a fix; the real content is
clean; exit codes 0/1/2; --strict; no traceback for content problems."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.project import Project
from build_tools.read.files import MAX_FILE_BYTES, MAX_LINE_CHARS
from build_tools.read.site import load_site
from build_tools.diagnostics import Report
from build_tools.rules import RULES

from conftest import ROOT, plan_front, run_cli

P11 = "content/plans/2011-miit-standardization-key-work.md"
P12 = "content/plans/2012-miit-standardization-key-work.md"
P24 = "content/plans/2024-standardization-outline-action-plan.md"
REG = "content/agencies.yml"
DICT = "content/script/phrases.tsv"
TERMS = "content/search/terms.txt"
KNOWN = "content/known-terms.txt"
NEW = "content/plans/2020-new-plan.md"
FORMAT = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning) \[[a-z0-9-]+\] \S.* — \S.*$")
FRONT = plan_front()


def check(root: Path) -> Report:
    report = Report()
    load_site(Project(root), report)
    return report


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(root: Path, rel: str, data: str | bytes) -> None:
    path = root / rel
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_bytes().decode("utf-8", "replace").split("\n")
    found = [i for i, line in enumerate(lines, 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {rel}"
    return found[0]


def agency(id_: str, name: str, parent: str = "null") -> str:
    return (f"\n- id: {id_}\n  name: {name}\n  full_name: {name}\n  names: [{name}]\n"
            f"  name_en: Test\n  kind: bureau\n  parent: {parent}\n")


# (rule, mutation, file the diagnostic names, the line (int), or a needle on that line, or None).
# Mutations of the real content; most single-rule cases live in tests/cases/check/*.yaml (test_cases.py).
CASES = [
    # files
    ("file-empty", lambda r: write(r, NEW, b"  \n"), NEW, 1),
    ("file-too-large", lambda r: write(r, NEW, FRONT + "正" * (MAX_FILE_BYTES // 3 + 1)), NEW, 1),
    ("file-binary", lambda r: write(r, NEW, FRONT.encode() + b"\x00\x01"), NEW, 11),
    ("file-bom", lambda r: write(r, P12, b"\xef\xbb\xbf" + (r / P12).read_bytes()), P12, 1),
    ("file-unreadable", lambda r: (r / NEW).mkdir(), NEW, 1),
    ("line-endings", lambda r: write(r, P12, (r / P12).read_bytes().replace(b"\n", b"\r\n")), P12, 1),
    ("line-too-long", lambda r: edit(r, P12, "支撑工业通信业平稳较快发展。\n\n## 一",
                                     "支撑工业通信业平稳较快发展。" + "长" * MAX_LINE_CHARS + "\n\n## 一"), P12, 45),
    ("stray-file", lambda r: write(r, "content/plans/notes.txt", "x"), "content/plans/notes.txt", 1),
    ("no-plans", lambda r: [p.unlink() for p in (r / "content/plans").glob("*.md")], "content/plans", 1),
    # YAML
    ("front-matter-missing", lambda r: write(r, NEW, "id: x\n正文\n"), NEW, 1),
    ("front-matter-unclosed", lambda r: write(r, NEW, FRONT.rstrip("-\n") + "\n正文\n"), NEW, 1),
    ("yaml-syntax", lambda r: edit(r, P12, "period: \"\"", "period: [unclosed"), P12, "source: 000_"),
    ("yaml-nesting", lambda r: edit(r, P12, "period: \"\"", "period: [[[[[[[1]]]]]]]"), P12, "period"),
    ("front-matter-value", lambda r: edit(r, P12, "date: 2012-03-16", "date: 2999-03-16"), P12, "date:"),
    ("front-matter-value", lambda r: edit(r, P12, "date: 2012-03-16", "date: 1900-03-16"), P12, "date:"),
    ("front-matter-value", lambda r: edit(r, P12, "date: 2012-03-16", "date: 2012/03/16"), P12, "date:"),
    ("front-matter-value", lambda r: edit(r, P12, "period: \"\"", "period: 2015—2011年"), P12, "period:"),
    ("front-matter-value", lambda r: edit(r, P12, "source: 000_", "source: ../000_"), P12, "source:"),
    ("front-matter-value", lambda r: edit(r, P12, "issuers: [miit-general-office]", "issuers: []"), P12, "issuers:"),
    ("cleaning-missing-key", lambda r: edit(r, P12, "    why: \"网页标题，", "    because: \"网页标题，"), P12,
     ("删除第1行网页标题", -1)),
    ("cleaning-unknown-key", lambda r: edit(r, P12, "    why: \"网页标题，", "    note: x\n    why: \"网页标题，"),
     P12, "note: x"),
    ("cleaning-type", lambda r: edit(r, P12, "    why: \"网页标题，", "    why: [1]\n    x_why: \"网页标题，"), P12,
     "why: [1]"),
    # registry
    ("registry-empty", lambda r: write(r, REG, "[]\n"), REG, 1),
    ("registry-type", lambda r: write(r, REG, "samr: 市场监管总局\n"), REG, 1),
    ("registry-missing-key", lambda r: edit(r, REG, "  name_en: All-China Federation of Industry and Commerce\n", ""),
     REG, "id: acfic"),
    ("registry-unknown-key", lambda r: edit(r, REG, "  name_en: All-China Federation of Industry and Commerce\n",
                                            "  name_en: All-China Federation of Industry and Commerce\n  url: x\n"),
     REG, "url: x"),
    ("registry-type", lambda r: edit(r, REG, "names: [全国工商联, 中华全国工商业联合会]", "names: 全国工商联"),
     REG, "names: 全国工商联"),
    ("registry-value", lambda r: edit(r, REG, "  kind: \"people's-organisation\"\n  parent: null\n\n- id: ",
                                      "  kind: spaceship\n  parent: null\n\n- id: "), REG, "spaceship"),
    ("duplicate-agency-id", lambda r: write(r, REG, (r / REG).read_text() + agency("samr", "测试甲")), REG,
     ("  name: 测试甲", -1)),
    ("unknown-parent", lambda r: write(r, REG, (r / REG).read_text() + agency("test-c", "测试丙", "nope")), REG,
     "test-c"),
    # structure
    ("empty-body", lambda r: write(r, NEW, FRONT + "\n\n"), NEW, 11),
    ("fence-nested", lambda r: edit(r, P12, "（联系电话：010-68205230）", "::: annex"), P12, "::: annex"),
    ("heading-level", lambda r: edit(r, P12, "#### 工业和信息化部2012", "# 工业和信息化部2012"), P12, "# 工业和信息化部2012"),
    ("bad-anchor", lambda r: edit(r, P12, "研究。 {#t01}", "研究。 {#task-1}"), P12, "{#task-1}"),
    ("anchor-order", lambda r: edit(r, P12, "建设。 {#t02}", "建设。 {#t00}"), P12, "{#t00}"),
    ("task-numbering", lambda r: edit(r, P12, "### （二）加强技术", "### （一）加强技术"), P12, "### （一）加强技术"),
    ("task-numbering", lambda r: edit(r, P12, "### （三）强化传统", "### （九）强化传统"), P12, "### （九）强化传统"),
    # attributions
    ("attribution-unbalanced", lambda r: edit(r, P24, "按职责分工负责。以下均需地方人民政府有关主管部门负责，不再列出〕",
                                              "按职责分工负责。以下均需地方人民政府有关主管部门负责，不再列出"), P24,
     "以下均需地方人民政府有关主管部门负责，不再列出"),
    ("attribution-unbalanced", lambda r: edit(r, P24, "不再列出〕", "不再列出）"), P24, "不再列出）"),
    ("attribution-misplaced", lambda r: edit(r, P24, "### （二）完善科技成果标准转化机制 {#t02}",
                                             "### （二）完善科技成果标准转化机制〔科技部牵头〕 {#t02}"), P24, "{#t02}"),
    ("uncovered-text", lambda r: edit(r, P24, "\n\n### （二）完善科技成果标准转化机制",
                                      "\n\n\n后来的一段。\n\n### （二）完善科技成果标准转化机制"), P24, "后来的一段"),
    ("task-without-attribution", lambda r: edit(r, P24, "〔科技部、市场监管总局（国家标准委）牵头，中央网信办、国家知识产权局、中国科学院、中国工程院等按职责分工负责〕",
                                                ""), P24, "### （二）完善科技成果标准转化机制"),
    ("attribution-outside-task", lambda r: edit(r, P24, "## 一、加强标准化与科技创新互动 {#c1}\n",
                                                "## 一、加强标准化与科技创新互动 {#c1}\n章引言。〔科技部牵头〕\n"), P24, "章引言"),
    ("unbalanced-brackets", lambda r: edit(r, P12, "（联系电话：010-68205230）", "（联系电话：010-68205230"), P12,
     "（联系电话：010-68205230"),
    # references and dates
    ("duplicate-plan-id", lambda r: shutil.copy(r / P12, r / "content/plans/2012-miit-copy.md"),
     "content/plans/2012-miit-copy.md", "id:"),
    ("plan-id-year", lambda r: (edit(r, P12, "date: 2012-03-16", "date: 2013-03-16")), P12, "id:"),
    ("date-mismatch", lambda r: edit(r, P12, "::: signature\n二〇一二年三月十六日", "::: signature\n二〇一二年二月三十日"),
     P12, "二〇一二年二月三十日"),
    ("date-mismatch", lambda r: edit(r, P12, "doc_number: \"工信厅科[2012]51号\"", "doc_number: \"工信厅科[2011]51号\""),
     P12, "doc_number"),
    # text
    ("raw-html", lambda r: edit(r, P12, "（联系电话：", "&nbsp;（联系电话："), P12, "&nbsp;"),
    ("raw-html", lambda r: edit(r, P12, "（联系电话：", "javascript:alert(1)（联系电话："), P12, "javascript:"),
    ("raw-html", lambda r: edit(r, REG, "name_en: All-China Federation", "name_en: <b>All-China</b> Federation"),
     REG, "<b>All-China"),
    ("template-syntax", lambda r: edit(r, P12, "（联系电话：", "{% raw %}（联系电话："), P12, "{% raw %}"),
    ("invisible-char", lambda r: edit(r, P12, "（联系电话：", "\u200b（联系\u202e电话："), P12, "联系\u202e电话"),
    ("invisible-char", lambda r: edit(r, P12, "title: 工业", "title: 工\u2066业"), P12, "title:"),
    ("markdown-link", lambda r: edit(r, P12, "（联系电话：", "[点此](https://example.org)（联系电话："), P12, "[点此]"),
    ("marker-syntax", lambda r: edit(r, P12, "（联系电话：", "-{未闭合（联系电话："), P12, "-{未闭合"),
    ("dictionary-entry", lambda r: write(r, DICT, (r / DICT).read_text() + "错误\t錯\tstyle: 长度不同\n"), DICT,
     "错误\t錯"),
    ("marker-syntax", lambda r: edit(r, P12, "（联系电话：", "-{zh-Hans:甲}-（联系电话："), P12, "-{zh-Hans:甲}-"),
    # every content file the build reads (issue 11)
    ("file-missing", lambda r: (r / DICT).unlink(), DICT, 1),
    ("dictionary-entry", lambda r: write(r, DICT, (r / DICT).read_text() + "标准\t<b>\tword: 标记\n"), DICT,
     "标准\t<b>"),
    ("dictionary-script", lambda r: write(r, DICT, (r / DICT).read_text() + "标准\t标准\tword: 白名单\n"), DICT,
     "标准\t标准"),
    ("term-line", lambda r: write(r, TERMS, (r / TERMS).read_text() + "两个 词\n"), TERMS, "两个 词"),
    ("file-encoding", lambda r: write(r, TERMS, (r / TERMS).read_bytes() + "标准".encode("gb18030")), TERMS, None),
    ("file-binary", lambda r: write(r, TERMS, (r / TERMS).read_bytes() + b"\x00"), TERMS, None),
    ("file-unreadable", lambda r: ((r / TERMS).unlink(), (r / TERMS).mkdir()), TERMS, 1),
    ("file-unreadable", lambda r: ((r / DICT).unlink(), (r / DICT).mkdir()), DICT, 1),
    ("term-line", lambda r: write(r, KNOWN, "GB/T\n<b>\n"), KNOWN, 2),
    ("plan-too-large", lambda r: write(r, NEW, FRONT + "\n" + "一\n" * 100_000), NEW, 1),
    # citations (issue 13): a cited title neither in the corpus nor listed as outside it
    ("unresolved-citation", lambda r: edit(r, P12, "（联系电话：", "《某某测试办法》（联系电话："), P12, "《某某测试办法》"),
]


def test_real_content_is_clean():
    report = check(ROOT)
    assert not report.items, "\n".join(d.format() for d in report.sorted())


@pytest.mark.parametrize("rule, mutate, path, line", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_where_the_mistake_is(project_copy, rule, mutate, path, line):
    assert not [d for d in check(project_copy).items if d.rule == rule]  # not there before …
    mutate(project_copy)
    report = check(project_copy)  # … and no exception, whatever the mistake
    hits = [d for d in report.items if d.rule == rule]
    assert hits, f"{rule} not reported; got:\n" + "\n".join(d.format() for d in report.sorted())
    if isinstance(line, tuple):
        expected = line_of(project_copy, path, line[0]) + line[1]
    else:
        expected = line if isinstance(line, int) or line is None else line_of(project_copy, path, line)
    assert any(d.path == path and (expected is None or d.line == expected) for d in hits), \
        f"want {path}:{expected}, got " + ", ".join(f"{d.path}:{d.line}" for d in hits)
    for d in hits:
        assert d.severity == RULES[rule].severity
    for d in report.items:
        assert d.rule in RULES, f"undocumented rule {d.rule}"
        assert FORMAT.match(d.format()), d.format()  # located, with a fix


def yaml_case_rules() -> set[str]:
    return {e["rule"] for path in (ROOT / "tests" / "cases" / "check").glob("*.yaml")
            for e in yaml.safe_load(path.read_text(encoding="utf-8"))["expect"]}


def test_every_documented_content_rule_has_a_case():
    post_build = {"broken-link", "broken-anchor", "unsafe-url", "bad-alternate", "text-lost", "wrong-script"}
    covered = {c[0] for c in CASES} | yaml_case_rules()
    assert set(RULES) - post_build - covered == set()


def rules_in_code() -> set[str]:
    """Rule ids the code passes to Report.add (read with ast, not run)."""
    found = set()
    for path in (ROOT / "build_tools").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add" and len(node.args) >= 3):
                rule = node.args[2]
                if isinstance(rule, ast.Constant):
                    found.add(rule.value)
                elif isinstance(rule, ast.JoinedStr):  # f"{rule_prefix}-type": every prefix
                    suffix = "".join(v.value for v in rule.values if isinstance(v, ast.Constant))
                    found |= {p + suffix for p in ("front-matter", "cleaning", "registry")}
                elif isinstance(rule, ast.Name):  # rule = "a" if … else "b"
                    found |= {branch.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                              and isinstance(n.value, ast.IfExp)
                              and any(isinstance(t, ast.Name) and t.id == rule.id for t in n.targets)
                              for branch in (n.value.body, n.value.orelse) if isinstance(branch, ast.Constant)}
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_Refused"
                    and isinstance(node.args[0], ast.Constant)):  # schema.py: refused YAML, reported by load_yaml
                found.add(node.args[0].value)
            if isinstance(node, ast.FunctionDef) and node.name == "load_yaml":
                found |= {d.value for d in node.args.defaults if isinstance(d, ast.Constant)}
    return found


def test_every_rule_the_code_can_report_is_documented():
    used = rules_in_code()
    assert used - set(RULES) == set()
    assert set(RULES) - used == set()  # and nothing documented is dead


def readme_rule_rows() -> dict[str, list[str]]:
    """README.md's rule table as README has it (not as the code would print it): rule → its cells."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Checks"):]
    section = section[:section.index("\n## ", 1)]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        match = re.match(r"^\| `([a-z0-9-]+)` \|(.*)\|$", line)
        if match:
            assert match.group(1) not in rows, f"README lists {match.group(1)} twice"
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_readme_table_is_the_rule_table():
    """Same rules, severities, triggers and fixes as rules.py; regenerate with `python -m build_tools.rules`."""
    rows = readme_rule_rows()
    assert set(rows) == set(RULES), ("README misses", set(RULES) - set(rows), "README has extra", set(rows) - set(RULES))
    for rule, r in RULES.items():
        assert rows[rule] == [r.severity, r.trigger, r.fix], (rule, rows[rule])


def test_messages_name_the_closest_agency(project_copy):
    edit(project_copy, P24, "〔科技部、市场监管总局（国家标准委）牵头", "〔科技部门、市场监管总局（国家标准委）牵头")
    hit = next(d for d in check(project_copy).errors if d.rule == "unknown-agency")
    assert "科技部" in hit.fix and "did you mean" in hit.fix
    edit(project_copy, P12, "issuers: [miit-general-office]", "issuers: [miit-general-ofice]")
    hit = next(d for d in check(project_copy).errors if d.rule == "unknown-agency" and d.path == P12)
    assert "miit-general-office" in hit.fix


def test_one_run_reports_every_problem(project_copy):
    """Front matter, body and registry mistakes in several files, all in one report."""
    edit(project_copy, P12, "date: 2012-03-16", "date: 2012-02-30")
    edit(project_copy, P12, "### （二）加强技术", "### （四）加强技术")  # reported although the front matter is bad
    edit(project_copy, P24, "### （二）完善科技成果标准转化机制 {#t02}\n",
         "### （二）完善科技成果标准转化机制〔科技部牵头〕 {#t02}\n")
    edit(project_copy, P11, "title:", "titel:")
    write(project_copy, REG, (project_copy / REG).read_text() + agency("samr", "测试甲"))
    rules = {(d.path, d.rule) for d in check(project_copy).errors}
    assert {(P12, "front-matter-value"), (P12, "task-numbering"), (P24, "attribution-misplaced"),
            (P11, "front-matter-unknown-key"), (P11, "front-matter-missing-key"),
            (REG, "duplicate-agency-id")} <= rules


def test_task_numbering_names_the_kind_of_mistake(project_copy):
    edit(project_copy, P12, "### （三）强化传统", "### （四）强化传统")
    edit(project_copy, P12, "### （四）强化战略性", "### （三）强化战略性")
    messages = [d.message for d in check(project_copy).errors if d.rule == "task-numbering"]
    assert any("out of order" in m for m in messages), messages


# ---- the command line -----------------------------------------------------------------
def test_exit_codes_and_strict(project_copy):
    ok = run_cli("check", root=project_copy)
    assert ok.returncode == 0 and "content OK" in ok.stderr
    edit(project_copy, P12, "（联系电话：", "\u200b（联系电话：")  # a warning only
    warned = run_cli("check", root=project_copy)
    assert warned.returncode == 0 and "warning [invisible-char]" in warned.stderr
    strict = run_cli("check", "--strict", root=project_copy)
    assert strict.returncode == 1 and "1 warning(s)" in strict.stderr
    edit(project_copy, P12, "date: 2012-03-16", "date: 2012-02-30")
    failed = run_cli("check", root=project_copy)
    assert failed.returncode == 1
    assert f"{P12}:7:1: error [front-matter-value]" in failed.stderr


def test_usage_errors_exit_2(tmp_path):
    no_project = run_cli("check", root=tmp_path)
    assert no_project.returncode == 2 and "not a project folder" in no_project.stderr
    bad_option = subprocess.run([sys.executable, "-m", "build_tools.cli", "check", "--nope"],
                                capture_output=True, text=True, cwd=ROOT)
    assert bad_option.returncode == 2


def test_no_traceback_for_any_content_problem(project_copy):
    for _, mutate, _, _ in CASES:
        try:
            mutate(project_copy)
        except (AssertionError, FileNotFoundError, FileExistsError):
            pass  # an earlier mutation changed the text this one looks for
    result = run_cli("check", root=project_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error [" in line or ": warning [" in line]
    assert lines and all(FORMAT.match(line) for line in lines)
    build = run_cli("build", "--site-dir", str(project_copy / "site"), root=project_copy)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert not (project_copy / "site").exists()


def test_internal_error_says_so(monkeypatch, capsys):
    def boom(root, report):
        raise RuntimeError("a bug")

    monkeypatch.setattr("build_tools.read.site.load_site", boom)
    assert cli.main(["--root", str(ROOT), "check"]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "not a content problem" in err and "report" in err


def test_the_rules_table_decides_each_severity(monkeypatch):
    """Callers name only the rule: flipping a rule's severity in RULES flips what is reported."""
    from build_tools.diagnostics import Report
    from build_tools.rules import RULES

    for rule in ("unknown-agency", "attribution-in-sentence"):
        report = Report()
        report.add("content/plans/x.md", 3, rule, "message", "fix")
        assert report.items[-1].severity == RULES[rule].severity
        flipped = "warning" if RULES[rule].severity == "error" else "error"
        monkeypatch.setitem(RULES, rule, RULES[rule]._replace(severity=flipped))
        report.add("content/plans/x.md", 3, rule, "message", "fix")
        assert report.items[-1].severity == flipped


def test_an_undocumented_rule_is_refused():
    from build_tools.diagnostics import Report

    with pytest.raises(KeyError, match="rules.py"):
        Report().add("content/plans/x.md", 1, "no-such-rule", "message")
