"""`policyref import` as an editor meets it: files written atomically, nothing overwritten
without --force, refusals with a clear message and a non-zero exit, never a traceback."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools import importer
from build_tools.diagnostics import Report
from build_tools.read.plan import parse_plan
from build_tools.read.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "importer"
from conftest import PROJECT  # noqa: E402


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "plans").mkdir(parents=True)
    (tmp_path / "content" / "sources").mkdir()
    shutil.copy(FIXTURES / "agencies.yml", tmp_path / "content" / "agencies.yml")
    (tmp_path / "content" / "script").mkdir()
    shutil.copy(PROJECT.phrases_file, tmp_path / "content" / "script" / "phrases.tsv")
    shutil.copy(PROJECT.config_file, tmp_path / "mkdocs.yml")
    return tmp_path


def cli(project, *args, stdin: bytes | None = None, capsys=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = importer.main(["--root", str(project), *map(str, args)])
    out = capsys.readouterr() if capsys else None
    return code, out


DEMO_BUREAU = ("\n- id: demo-city-amr\n  name: 示范市市场监督管理局\n  full_name: 示范市市场监督管理局\n"
               "  names: [示范市市场监督管理局]\n  name_en: Demo City Market Regulation Bureau\n"
               "  kind: bureau\n  parent: null\n")


def test_unregistered_signer_is_flagged_not_guessed_from_the_leads(project, capsys):
    code, out = cli(project, FIXTURES / "plain_lines.txt", "--id", "2023-demo-metrology", capsys=capsys)
    assert code == 0, out.err
    draft = (project / "content" / "plans" / "2023-demo-metrology.md").read_text(encoding="utf-8")
    assert "\nissuers: []\n" in draft  # the leads (市场监管总局 …) are not the issuer
    assert "[unknown-issuer]" in out.out and "示范市市场监督管理局" in out.out


def test_import_writes_draft_report_and_source_copy(project, capsys):
    with open(project / "content" / "agencies.yml", "a", encoding="utf-8") as f:
        f.write(DEMO_BUREAU)  # the signer, registered: the draft passes the parser
    code, out = cli(project, FIXTURES / "plain_lines.txt", "--id", "2023-demo-metrology", capsys=capsys)
    assert code == 0, out.err
    draft = project / "content" / "plans" / "2023-demo-metrology.md"
    assert draft.is_file()
    assert (project / "content" / "sources" / "plain_lines.txt").read_bytes() == \
        (FIXTURES / "plain_lines.txt").read_bytes()
    report_md = project / "build" / "import" / "2023-demo-metrology.report.md"
    data = json.loads(report_md.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["structure"]["tasks"] == 4 and data["draft"] == "content/plans/2023-demo-metrology.md"
    assert "## Needs your decision" in report_md.read_text(encoding="utf-8")
    assert "wrote content/plans/2023-demo-metrology.md" in out.out and "next:" in out.out
    registry = load_registry(project / "content" / "agencies.yml", Report())
    report = Report()
    assert parse_plan(draft.read_text(encoding="utf-8"), "draft", registry, report) is not None, report.items
    assert not list(project.rglob("*.tmp"))  # atomic writes leave no temporary file


def test_existing_draft_is_never_overwritten_without_force(project, capsys):
    target = project / "content" / "plans" / "demo.md"
    target.write_text("hand-edited", encoding="utf-8")
    code, out = cli(project, FIXTURES / "no_chapters.txt", "--id", "demo", capsys=capsys)
    assert code == 1
    assert "already exists" in out.err and "--force" in out.err and "Traceback" not in out.err
    assert target.read_text(encoding="utf-8") == "hand-edited"
    assert not (project / "content" / "sources" / "no_chapters.txt").exists()  # nothing written at all
    code, _ = cli(project, FIXTURES / "no_chapters.txt", "--id", "demo", "--force", capsys=capsys)
    assert code == 0 and target.read_text(encoding="utf-8").startswith("---\nid: demo\n")


def test_a_different_raw_file_of_the_same_name_is_refused(project, capsys):
    (project / "content" / "sources" / "items.txt").write_text("another text", encoding="utf-8")
    code, out = cli(project, FIXTURES / "items.txt", "--id", "x1", capsys=capsys)
    assert code == 1 and "never overwritten" in out.err and "--source-name" in out.err
    code, out = cli(project, FIXTURES / "items.txt", "--id", "x1", "--source-name", "items-2.txt", capsys=capsys)
    assert code == 0, out.err
    assert "source: \"items-2.txt\"" in (project / "content" / "plans" / "x1.md").read_text(encoding="utf-8")


def test_stdin_input(project, capsys, monkeypatch):
    data = (FIXTURES / "items.txt").read_bytes()
    code, out = cli(project, "-", "--id", "from-stdin", stdin=data, capsys=capsys, monkeypatch=monkeypatch)
    assert code == 0, out.err
    stored = list((project / "content" / "sources").glob("stdin-*.txt"))
    assert len(stored) == 1 and stored[0].read_bytes() == data


@pytest.mark.parametrize("make_input,message", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: p, "is a folder"),
    (lambda p: _write(p / "empty.txt", b""), "empty"),
    (lambda p: _write(p / "image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "binary"),
    (lambda p: _write(p / "odd.txt", b"ab\xff\xff\xfa" * 10), "encoding"),
])
def test_refusals_exit_1_with_a_message(project, capsys, make_input, message):
    code, out = cli(project, make_input(project), "--id", "refused", capsys=capsys)
    assert code == 1
    assert message in out.err and "Traceback" not in out.err
    assert not (project / "content" / "plans" / "refused.md").exists()


def test_bad_id_and_usage_errors(project, capsys):
    code, out = cli(project, FIXTURES / "items.txt", "--id", "Not An Id", capsys=capsys)
    assert code == 1 and "--id" in out.err
    assert importer.main(["--no-such-option"]) == 2
    assert importer.main(["--help"]) == 0


def test_no_project_is_a_refusal(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert importer.main([str(FIXTURES / "items.txt")]) == 1
    assert "no project here" in capsys.readouterr().err


def test_dry_run_writes_nothing(project, capsys):
    code, out = cli(project, FIXTURES / "items.txt", "--id", "dry", "--dry-run", capsys=capsys)
    assert code == 0 and out.out.startswith("---\nid: dry\n")
    assert not list((project / "content" / "plans").iterdir())
    assert not list((project / "content" / "sources").iterdir())


def test_runs_as_a_module_without_traceback(project):
    proc = subprocess.run([sys.executable, "-m", "build_tools.importer", "--root", str(project),
                           str(project / "nothing.txt")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "refused" in proc.stderr and "Traceback" not in proc.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def registry_keys_of_the_format() -> set[str]:
    """The keys of an agency entry as CONTENT_FORMAT.md documents them (its registry example)."""
    text = (ROOT / "CONTENT_FORMAT.md").read_text(encoding="utf-8")
    section = text[text.index("## Agency registry"):]
    block = section[section.index("```yaml") + 7:section.index("```", section.index("```yaml") + 7)]
    return set(yaml.safe_load(block)[0])


def test_the_suggested_registry_entry_loads_once_its_todos_are_filled(project, capsys):
    """What the editor reads and pastes: the YAML block under 'Registry entries to add' in the Markdown
    report, with CONTENT_FORMAT.md's keys, loads into the registry once the TODOs are filled."""
    code, _ = cli(project, FIXTURES / "no_chapters.txt", "--id", "entry", capsys=capsys)
    assert code == 0
    report_md = (project / "build" / "import" / "entry.report.md").read_text(encoding="utf-8")
    section = report_md[report_md.index("## Registry entries to add"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"^```yaml\n(.*?)^```$", section, re.S | re.M)
    assert len(blocks) == 1, section
    (entry,) = yaml.safe_load(blocks[0])
    assert set(entry) == registry_keys_of_the_format()
    assert entry["name"] == "国家数据局" and "国家数据局" in entry["names"] and "TODO" in entry["id"]
    registry_file = project / "content" / "agencies.yml"
    filled = blocks[0].replace("TODO-ascii-id", "nda").replace("TODO English name", "National Data Administration")
    assert "TODO" not in re.sub(r"#.*", "", filled), filled  # every TODO outside comments is one we filled
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + "\n" + filled, encoding="utf-8")
    report = Report()
    registry = load_registry(registry_file, report)
    assert not report.errors, [d.format() for d in report.errors]
    assert registry.resolve("国家数据局") == "nda"
