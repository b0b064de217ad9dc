"""Issue 10: a build reuses what the project's last build made for the same inputs (cache.Store,
adapter/kept.py), and a stale store can never publish an old page: a warm build after an edit
writes byte for byte what a cold build of the edited content writes; a wrong page kept under a
current key is caught by verify; a store that is no database is begun again."""
from __future__ import annotations

import os
import pickle
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import cache
from build_tools.adapter.kept import KeptPage

from conftest import run_cli
from test_publish_safety import tiny_project, tree

REUSED = re.compile(r"\((\d+) of (\d+) pages as the last build made them\)")
EPOCH = {"SOURCE_DATE_EPOCH": "1600000000"}  # the copies are no git checkouts: one date for all builds


def build(root, env, done=None):
    done = done or run_cli("build", root=root, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    found = REUSED.search(done.stderr)
    return (int(found[1]), int(found[2])) if found else (0, None)


def start_build(root, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "build_tools.cli", "--root", str(root), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finished(proc: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def stores(root):
    folder = cache.project_store(root, "probe").path.parent
    return {p.stem: p for p in folder.glob("*.sqlite") if p.stem != "probe"}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A tiny project built, then a sentence of its plan edited and built again (the store warm);
    beside it, at the same time, a copy of the edited project built with an empty store."""
    env = {**os.environ, **EPOCH}
    root = tiny_project(tmp_path_factory.mktemp("warm"))
    first = build(root, env)
    plan = next((root / "content/plans").glob("*.md"))
    text = plan.read_text(encoding="utf-8")
    old = next(line for line in text.split("\n---\n", 1)[1].splitlines() if len(line) > 30 and line[0] not in "#:-`<")
    edited = old.replace(old[:6], "重建检验", 1)
    plan.write_text(text.replace(old, edited, 1), encoding="utf-8")
    cold = tmp_path_factory.mktemp("cold")
    for name in ("mkdocs.yml", "content", "overrides"):
        (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, cold / name)
    oracle = start_build(cold, env)  # another project: its own, empty store
    second = build(root, env)
    return root, env, first, second, (cold, build(cold, env, finished(oracle)))


def test_a_warm_build_after_an_edit_writes_what_a_cold_build_writes(warm):
    root, env, first, (kept, pages), (cold, oracle) = warm
    assert first[0] == 0 and oracle[0] == 0  # the first build and the copy's had nothing to reuse
    assert 0 < kept < pages  # the second reused most pages, not the edited plan's
    assert tree(root / "site") == tree(cold / "site")
    assert any("重建检验" in p.read_text(encoding="utf-8") for p in (root / "site/zh-Hans").rglob("*.html"))


def test_a_wrong_page_kept_under_a_current_key_fails_verify(warm):
    """The keys are the guard; verify is the net: a task page's kept HTML swapped with another's
    (as if a key had missed an input) is found by the text accounting, and site/ is left as it was."""
    root, env, *_ = warm
    before = tree(root / "site")
    db = sqlite3.connect(stores(root)["zh-Hans"])
    rows = [(k, pickle.loads(v)) for k, v in db.execute("SELECT key, value FROM entries")]
    tasks = [(k, v) for k, v in rows if isinstance(v, KeptPage) and v.docs
             and re.fullmatch(r"plans/[^/]+/[^/]+/", v.docs[0].location)]
    assert len(tasks) >= 2, "the tiny project has task pages in the store"
    (a, page_a), (b, page_b) = tasks[:2]
    with db:
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (pickle.dumps(page_b), a))
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (pickle.dumps(page_a), b))
    db.close()
    done = run_cli("build", root=root, env=env)
    assert done.returncode != 0 and "text-lost" in done.stdout + done.stderr, done.stderr[-2000:]
    assert tree(root / "site") == before


def test_store_keeps_one_build_and_keys_change_with_the_code(tmp_path, monkeypatch):
    store = cache.Store(tmp_path / "s.sqlite")
    store.put("a", 1)
    store.put("b", 2)
    store.keep()
    store = cache.Store(tmp_path / "s.sqlite")
    assert store.get("a") == 1 and store.memo("c", lambda: 3) == 3
    store.keep()  # b was not used: gone
    store = cache.Store(tmp_path / "s.sqlite")
    assert (store.get("a"), store.get("b"), store.get("c")) == (1, None, 3)
    key = cache.key_of("page", "x")
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    cache._makers.cache_clear()
    try:
        assert cache.key_of("page", "x") != key
    finally:
        monkeypatch.undo()
        cache._makers.cache_clear()
    assert cache.key_of("page", "x") == key


def test_a_store_that_is_no_database_is_begun_again(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"not a database" * 100)
    store = cache.Store(path)
    assert store.get("a") is None  # read as empty
    store.put("a", 1)
    store.keep()
    assert cache.Store(path).get("a") == 1


def test_what_a_build_made_is_kept_only_when_it_ends_well(tmp_path):
    """Entries spilled to disk while a build runs are in a transaction that only `keep` commits."""
    path = tmp_path / "s.sqlite"
    store = cache.Store(path, spill=1)  # every entry written as soon as it is made
    store.put("a", "x" * 100)
    store.put("b", "y" * 100)
    assert store.get("a") == "x" * 100  # readable in the build that made it
    store.close()  # the build failed
    assert cache.Store(path).get("a") is None
    store = cache.Store(path, spill=1)
    store.put("a", 1)
    store.put("b", 2)
    store.keep()
    assert (cache.Store(path).get("a"), cache.Store(path).get("b")) == (1, 2)


def test_front_matter_shown_in_every_nav_is_refused():
    """A kept page's key covers its own Markdown, not what other pages show of it: Material prints a
    nav item's icon, subtitle and status on every page, so a generated page may not carry them."""
    from types import SimpleNamespace

    from build_tools.adapter.plugin import PolicyrefPlugin
    from mkdocs.exceptions import PluginError

    plugin = PolicyrefPlugin()
    plugin.input = SimpleNamespace(store=SimpleNamespace(keys={"plans/x/": "k"}))
    page = SimpleNamespace(url="plans/x/", meta={"title": "x"}, file=SimpleNamespace(src_uri="plans/x/index.md"))
    assert plugin.on_page_markdown("text", page, None, None) == "text"
    page.meta["icon"] = "material/star"
    with pytest.raises(PluginError, match="icon"):
        plugin.on_page_markdown("text", page, None, None)


def test_no_template_prints_the_build_date():
    """The build's date (SOURCE_DATE_EPOCH: the last commit of content/) is not in a kept page's key,
    so that a commit does not rebuild every page: no template a page is written with may print it."""
    import material

    from build_tools.project import Project
    from conftest import ROOT

    roots = [Path(material.__file__).parent / "templates", Project(ROOT).overrides, ROOT / "build_tools" / "render"]
    printing = [str(p) for root in roots for p in root.rglob("*")
                if p.suffix in {".html", ".j2", ".xml"} and p.is_file() and p.name != "sitemap.xml"
                and re.search(r"build_date_utc|update_date", p.read_text(encoding="utf-8", errors="replace"))]
    assert not printing, printing


def test_a_store_that_cannot_be_opened_is_tried_once(tmp_path, monkeypatch):
    """A locked or unreadable store costs the build its reuse, not a wait at every lookup."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(sqlite3, "connect", refuse)
    store = cache.Store(tmp_path / "s.sqlite")
    assert [store.get(k) for k in "abc"] == [None, None, None]
    store.put("a", 1)
    store.keep()  # nothing kept, nothing raised
    assert len(calls) == 1
