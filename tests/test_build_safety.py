"""`policyref build` is safe: a failed build leaves the previous site/ byte-identical, two
builds at once do not mix (the second refuses), two builds of the same content are
byte-identical, and the post-build checks (links, text accounting, script) catch what
they promise to catch."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools import build
from build_tools.project import Project
from build_tools.diagnostics import Report
from build_tools.publish import FALLBACK_EPOCH, build_lock, source_date_epoch
from build_tools.verify.checks import Built, VerifyError, check_links, check_script, check_text, verify_site

from conftest import CONVERTER, PROJECT, ROOT, run_cli

P12 = "content/plans/2012-miit-standardization-key-work.md"
PLAN = "plans/2012-miit-standardization-key-work/index.html"


def tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith((".site-build-", f".{site.name}-old-")))


# ---- atomic builds ------------------------------------------------------------------------
def test_failed_builds_leave_the_previous_site_byte_identical(project_copy):
    site = project_copy / "site"
    first = run_cli("build", "--site-dir", str(site), root=project_copy)
    assert first.returncode == 0, first.stderr[-3000:]
    before = tree_hash(site)
    assert len(before) > 300
    plan = project_copy / P12
    good = plan.read_text(encoding="utf-8")

    # 1. a content error: stopped by the check, before MkDocs
    plan.write_text(good.replace("date: 2012-03-16", "date: 2012-02-30"), encoding="utf-8")
    failed = run_cli("build", "--site-dir", str(site), root=project_copy)
    assert failed.returncode == 1 and "[front-matter-value]" in failed.stderr and "left as it was" in failed.stderr
    assert tree_hash(site) == before and not leftovers(site)
    plan.write_text(good, encoding="utf-8")

    # 2. a strict-mode MkDocs warning (a broken Markdown link in a static page)
    static = project_copy / "content" / "static" / "broken.md"
    static.write_text("# x\n\n[nowhere](nowhere.md)\n", encoding="utf-8")
    failed = run_cli("build", "--site-dir", str(site), root=project_copy)
    assert failed.returncode == 1 and "MkDocs" in failed.stderr and "left as it was" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert tree_hash(site) == before and not leftovers(site)
    static.unlink()

    # 3. a post-build check: MkDocs copies static HTML as is, with a dead link in it
    static = project_copy / "content" / "static" / "extra.html"
    static.write_text('<!doctype html><html lang="zh"><body><a href="gone/">x</a></body></html>', encoding="utf-8")
    failed = run_cli("build", "--site-dir", str(site), root=project_copy)
    assert failed.returncode == 1 and "[broken-link]" in failed.stderr and "extra.html" in failed.stderr
    assert "post-build checks" in failed.stderr
    assert tree_hash(site) == before and not leftovers(site)
    static.unlink()

    # and a good build replaces the site (the swap does happen)
    plan.write_text(good.replace("（联系电话：010-68205230）", "（联系电话：010-68205231）"), encoding="utf-8")
    rebuilt = run_cli("build", "--site-dir", str(site), root=project_copy)
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    after = tree_hash(site)
    assert after != before and after[f"zh-Hans/{PLAN}"] != before[f"zh-Hans/{PLAN}"]
    assert not leftovers(site)
    assert (site.stat().st_mode & 0o777) == 0o755  # published world-readable, not mkdtemp's 0700


def test_second_concurrent_build_refuses(project_copy):
    site = project_copy / "site"
    first = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "--root", str(project_copy), "build",
                              "--site-dir", str(site)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".site-build-") for p in project_copy.iterdir()):  # the lock is held
            assert first.poll() is None, first.communicate()[1][-3000:]
            assert time.monotonic() < deadline
            time.sleep(0.05)
        second = run_cli("build", "--site-dir", str(project_copy / "other-site"), root=project_copy)
        assert second.returncode == 2
        assert "another build" in second.stderr and f"process {first.pid}" in second.stderr
        assert "Traceback" not in second.stderr
        assert not (project_copy / "other-site").exists()
    finally:
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-3000:]
    assert (site / "zh-Hant" / PLAN).is_file()
    with build_lock(Project(project_copy)):  # released: a third build may start
        assert (project_copy / ".build-lock").read_text().strip() == str(os.getpid())


# ---- deterministic output ---------------------------------------------------------------
# The second build runs on another "day" (MkDocs' clock patched to 2001-01-01): only the
# SOURCE_DATE_EPOCH that publish.py sets keeps dates (sitemap, its gzip header) the same.
OTHER_DAY = """
import datetime, sys
import mkdocs.utils

class OtherDay(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2001, 1, 1, 12, 0, tzinfo=tz)

mkdocs.utils.datetime = OtherDay
from build_tools.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """Another process, day, hash seed, time zone and locale: the same bytes, every file."""
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8"}
    env.pop("SOURCE_DATE_EPOCH", None)
    second = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", OTHER_DAY, "--root", str(ROOT), "build", "--site-dir",
                             str(second)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    a, b = tree_hash(built_site), tree_hash(second)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, differ[:20]


def test_build_sets_source_date_epoch_for_mkdocs(monkeypatch, tmp_path):
    def fake_mkdocs(project, variant_input, site_dir, site_url=None):
        # runs in the variant's own process: what it saw comes back as the exception
        raise RuntimeError(f"{variant_input.variant} {os.environ.get('SOURCE_DATE_EPOCH')}")

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(build, "build_variant", fake_mkdocs)
    with pytest.raises(RuntimeError) as stopped:
        build.build_site(PROJECT, tmp_path / "site")
    git = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", "--", "content"],
                         capture_output=True, text=True).stdout.strip()
    assert str(stopped.value) == f"zh-Hans {git}"  # the first variant's failure is the one raised
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored afterwards
    assert not (tmp_path / "site").exists() and not leftovers(tmp_path / "site")


def test_sitemap_gzip_carries_the_content_date_not_the_build_date(built_site):
    epoch = source_date_epoch(PROJECT)
    assert epoch != FALLBACK_EPOCH  # this is a git checkout
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
    midnight = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    for variant in ("zh-Hans", "zh-Hant"):
        data = (built_site / variant / "sitemap.xml.gz").read_bytes()
        assert int.from_bytes(data[4:8], "little") == midnight  # gzip header MTIME
        assert gzip.decompress(data) == (built_site / variant / "sitemap.xml").read_bytes()
        assert b".site-build-" not in data


def test_source_date_epoch_outside_git(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch(Project(tmp_path)) == FALLBACK_EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert source_date_epoch(Project(tmp_path)) == 1234567890


# ---- the post-build checks catch what they promise ----------------------------------------
@pytest.fixture(scope="module")
def prepared():
    return build.gather(PROJECT).site


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    return out


def run(check, site_model, site: Path) -> Report:
    report = Report()
    check(site_model, CONVERTER, Built(site), report)
    return report


def rules(report: Report) -> set[str]:
    return {d.rule for d in report.items}


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_real_site_passes_every_check(prepared, built_site):
    report = verify_site(prepared, CONVERTER, built_site)  # raises VerifyError on any problem
    assert not report.errors
    assert len(list(built_site.rglob("*.html"))) > 300


def test_verify_site_raises_with_located_problems(prepared, site_copy):
    (site_copy / "zh-Hant" / "agencies" / "samr" / "index.html").unlink()
    with pytest.raises(VerifyError) as caught:
        verify_site(prepared, CONVERTER, site_copy)
    assert any("[broken-link]" in p and "agencies/samr" in p for p in caught.value.problems)


def test_links_missing_page_asset_anchor(prepared, site_copy):
    (site_copy / "zh-Hant" / "agencies" / "samr" / "index.html").unlink()
    (site_copy / "zh-Hans" / "assets" / "stylesheets" / "extra.css").unlink()
    replace(site_copy / "zh-Hans" / PLAN, 'id="t03"', 'id="x03"')
    report = run(check_links, prepared, site_copy)
    messages = [d.format() for d in report.errors]
    assert any(d.rule == "broken-link" and d.path.startswith("zh-Hant/") and "agencies/samr/" in d.message
               for d in report.errors), messages[:5]
    assert any(d.rule == "broken-link" and "extra.css" in d.message for d in report.errors)
    assert any(d.rule == "broken-anchor" and "t03" in d.message for d in report.errors)
    assert all(d.line >= 1 for d in report.errors)


def test_links_unsafe_absolute_and_outside(prepared, site_copy):
    page = site_copy / "zh-Hans" / PLAN
    replace(page, "</article>", '<a href="javascript:alert(1)">a</a><a href="/zh-Hans/">b</a>'
                                '<a href="../../../../../etc/passwd">c</a><img src="data:text/html,x"></article>')
    report = run(check_links, prepared, site_copy)
    assert [d.rule for d in report.errors if d.path == f"zh-Hans/{PLAN}"].count("unsafe-url") == 2
    assert any("root-absolute" in d.message for d in report.errors)
    assert any("outside the site" in d.message for d in report.errors)


def test_links_hreflang_alternates(prepared, site_copy):
    page = site_copy / "zh-Hans" / PLAN
    # the zh-Hant alternate pointing at a zh-Hans page, and the zh-Hant page no longer pointing back
    replace(page, 'hreflang="zh-Hant" href="../../../zh-Hant/plans/2012-miit-standardization-key-work/"',
            'hreflang="zh-Hant" href="../2011-miit-standardization-key-work/"')
    report = run(check_links, prepared, site_copy)
    bad = [d for d in report.errors if d.rule == "bad-alternate"]
    assert any(d.path == f"zh-Hans/{PLAN}" and "language is 'zh'" in d.message for d in bad), bad
    assert any(d.path == f"zh-Hant/{PLAN}" and "no hreflang alternate back" in d.message for d in bad), bad


def test_text_accounting_names_the_lost_passage(prepared, site_copy):
    page = site_copy / "zh-Hant" / PLAN
    replace(page, "夯實標準制定的基礎", "")  # a phrase dropped from a paragraph of the zh-Hant plan page
    report = run(check_text, prepared, site_copy)
    lost = [d for d in report.errors if d.rule == "text-lost"]
    assert len(lost) == 1, [d.format() for d in lost]
    d = lost[0]
    assert d.path == P12 and d.line == 51  # the source paragraph, not the HTML
    assert f"zh-Hant/{PLAN}" in d.message and "differs after" in d.message and "夯實標準" in d.message


def test_text_accounting_sees_order_and_both_variants(prepared, site_copy):
    hans, hant = site_copy / "zh-Hans" / PLAN, site_copy / "zh-Hant" / PLAN
    text = hans.read_text(encoding="utf-8")
    a, b = "（联系电话：010-68205230）", "二〇一二年三月十六日"
    assert a in text and b in text
    hans.write_text(text.replace(a, "@@").replace(b, a).replace("@@", b), encoding="utf-8")
    replace(hant, "現印發你們", "现印发你们")  # a zh-Hans form left in the zh-Hant page
    report = run(check_text, prepared, site_copy)
    messages = [d.message for d in report.errors]
    assert any("out of order" in m and f"zh-Hans/{PLAN}" in m for m in messages), messages
    assert any(f"zh-Hant/{PLAN}" in m for m in messages), messages


def test_text_accounting_covers_task_pages(prepared, site_copy):
    task = site_copy / "zh-Hans" / "plans" / "2024-standardization-outline-action-plan" / "t02" / "index.html"
    replace(task, "按职责分工负责", "负责")  # the printed attribution shortened on a task page
    report = run(check_text, prepared, site_copy)
    assert any("t02/index.html" in d.message for d in report.errors if d.rule == "text-lost")


def test_script_check(prepared, site_copy):
    hant = site_copy / "zh-Hant" / PLAN
    hans = site_copy / "zh-Hans" / PLAN
    replace(hant, "加強技術標準體系建設", "加强技术標準體系建設")  # Simplified-only 强 and 术 in zh-Hant
    replace(hant, "</article>", "<p>爲</p></article>")  # an OpenCC-standard form Taiwan does not use
    replace(hans, "加强技术标准体系建设", "加强技术標準体系建设")  # Traditional-only 標 and 準 in zh-Hans
    report = run(check_script, prepared, site_copy)
    by_page = {}
    for d in report.errors:
        by_page.setdefault(d.path, []).append(d.message)
    assert any("'强'" in m for m in by_page[f"zh-Hant/{PLAN}"]), by_page
    assert any("'爲'" in m for m in by_page[f"zh-Hant/{PLAN}"])
    assert any("'標'" in m for m in by_page[f"zh-Hans/{PLAN}"])
    assert set(by_page) == {f"zh-Hant/{PLAN}", f"zh-Hans/{PLAN}"}


def test_script_check_respects_lang_and_exempt_markup(prepared, site_copy):
    hant = site_copy / "zh-Hant" / PLAN
    replace(hant, "</article>", '<p lang="zh-Hans">简体</p><p data-script-exempt>简体</p></article>')
    assert not run(check_script, prepared, site_copy).errors
    replace(hant, "</article>", '<p title="简体">x</p></article>')  # a tooltip is visible text too
    assert run(check_script, prepared, site_copy).errors
