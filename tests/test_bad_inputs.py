"""The bad-input suite (tests/data/bad_inputs.yml): each case mutates a copy of the project;
`check` names the rule at the file and line with the case's exit code, no traceback; for
every case that stops the build, `build` stops too with the same code and site/ untouched."""
from __future__ import annotations

import glob
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.rules import RULES

from conftest import ROOT, plan_front

CASES = yaml.safe_load((ROOT / "tests/data/bad_inputs.yml").read_text(encoding="utf-8"))
FRONT = plan_front()
LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):\d+: (?P<severity>error|warning) \[(?P<rule>[a-z0-9-]+)\] ",
                     re.M)
POST_BUILD = {"broken-link", "broken-anchor", "unsafe-url", "bad-alternate", "text-lost", "wrong-script"}


def _data(op: dict) -> bytes:
    if "hex" in op:
        data = bytes.fromhex(op["hex"])
    else:
        data = (op.get("text", "") + op.get("repeat", "") * op.get("times", 0) + op.get("then", "")).encode()
    return (FRONT.encode() if op.get("front") else b"") + data


def apply(root: Path, op: dict) -> None:
    kind = next(iter(op))
    path = root / op[kind]
    if kind == "write":
        path.write_bytes(_data(op))
    elif kind == "append":
        path.write_bytes(path.read_bytes() + _data(op))
    elif kind == "prepend":
        path.write_bytes(_data(op) + path.read_bytes())
    elif kind == "replace":
        text = path.read_text(encoding="utf-8")
        assert op["old"] in text, f"{op['old']!r} not in {op[kind]}"
        new = op["new"] + op.get("repeat", "") * op.get("times", 0) + op.get("then", "")
        path.write_text(text.replace(op["old"], new, 1), encoding="utf-8")
    elif kind == "delete":
        for found in glob.glob(str(path)):
            (shutil.rmtree if os.path.isdir(found) else os.unlink)(found)
    elif kind == "mkdir":
        path.mkdir()
    elif kind == "copy":
        shutil.copy(path, root / op["to"])
    elif kind == "crlf":
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    else:
        raise ValueError(f"unknown operation {kind}")


def expected_line(root: Path, case: dict) -> int | None:
    lines = (root / case["file"]).read_bytes().decode("utf-8", "replace").split("\n") \
        if (root / case["file"]).is_file() else []
    if "line_of" in case:
        found = [i for i, line in enumerate(lines, 1) if case["line_of"] in line]
        assert len(found) == 1, f"{case['line_of']!r} is on lines {found}"
        return found[0] + case.get("offset", 0)
    if case["line"] == "last":
        return max(i for i, line in enumerate(lines, 1) if line.strip())
    return case["line"]


def run(capfd, *argv) -> tuple[int, str]:
    code = cli.main(list(argv))
    return code, capfd.readouterr().err


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}-{c['rule']}" for i, c in enumerate(CASES)])
def test_bad_input(case, project_copy, capfd):
    for op in case["do"]:
        apply(project_copy, op)
    code, err = run(capfd, "--root", str(project_copy), "check")
    assert "Traceback" not in err, err[-3000:]
    line = expected_line(project_copy, case)
    hits = [(m["path"], int(m["line"])) for m in LOCATED.finditer(err) if m["rule"] == case["rule"]]
    assert any(path == case["file"] and (line is None or at == line) for path, at in hits), \
        f"want [{case['rule']}] at {case['file']}:{line}, got {hits}:\n{err[-3000:]}"
    assert code == case["exit"], err[-3000:]
    if case["exit"]:
        site = project_copy / "site"
        (site / "zh-Hans").mkdir(parents=True)
        (site / "zh-Hans" / "index.html").write_text("previous site\n")
        code, err = run(capfd, "--root", str(project_copy), "build", "--site-dir", str(site))
        assert code == case["exit"] and "Traceback" not in err, err[-3000:]
        assert [str(p.relative_to(site)) for p in site.rglob("*")] == ["zh-Hans", "zh-Hans/index.html"]
        assert (site / "zh-Hans" / "index.html").read_text() == "previous site\n"


def test_the_suite_covers_every_content_rule():
    assert set(RULES) - POST_BUILD - {c["rule"] for c in CASES} == set()
