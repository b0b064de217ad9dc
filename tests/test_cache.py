"""The cache folder does not only grow: long-unused OpenCC builds are removed, recent ones kept."""
from __future__ import annotations

import os
import time

from build_tools import cache
from build_tools.project import Project
from build_tools.script import opencc_cache

from conftest import ROOT


def test_prune_removes_only_old_entries_beyond_the_most_recent(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYREF_CACHE_DIR", str(tmp_path))
    old = time.time() - 10 * 86400
    names = [f"opencc-{i:04x}" for i in range(cache.KEEP_RECENT + 5)]
    for i, name in enumerate(names):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (old + i, old + i))  # names[-1] the most recent
    (tmp_path / "opencc-fresh").mkdir()  # used now: kept whatever its rank
    (tmp_path / "jieba.cache").write_text("x")
    os.utime(tmp_path / "jieba.cache", (old, old))
    removed = cache.prune("opencc-")
    assert sorted(removed) == sorted(names[:6])
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {*names[6:], "opencc-fresh", "jieba.cache"}


def test_a_reused_build_is_marked_as_used(tmp_path, monkeypatch):
    """Building the same dictionary again touches its entry, so a dictionary in daily use is
    never the one pruned."""
    monkeypatch.setenv("POLICYREF_CACHE_DIR", str(tmp_path))
    phrases = str(Project(ROOT).phrases_file)
    final = opencc_cache.build(phrases)["dir"]
    long_ago = time.time() - 30 * 86400
    os.utime(final, (long_ago, long_ago))
    opencc_cache.build(phrases)
    assert final.stat().st_mtime > time.time() - 60


def test_prune_keeps_everything_used_within_a_day(tmp_path, monkeypatch):
    """Another build may be about to open any entry used today, however many there are."""
    monkeypatch.setenv("POLICYREF_CACHE_DIR", str(tmp_path))
    hour_ago = time.time() - 3600
    for i in range(cache.KEEP_RECENT * 2):
        (tmp_path / f"opencc-{i:04x}").mkdir()
        os.utime(tmp_path / f"opencc-{i:04x}", (hour_ago + i, hour_ago + i))
    assert cache.prune("opencc-") == []
