"""The caches that make rebuilds cheap can never serve an old page (issue 10)."""
from __future__ import annotations

import copy
import os
from pathlib import Path
from types import SimpleNamespace

from build_tools.adapter.preview import Preview
from build_tools.diagnostics import Report
from build_tools.parallel import run_all
from build_tools.read.site import load_site
from build_tools.render.cache import PageCache
from build_tools.render.pages import Page, render_site
from conftest import CONVERTER, PROJECT, ROOT


def _site():
    return load_site(PROJECT, Report())


def test_page_cache_reuses_unchanged_plans_and_renders_edited_ones_afresh():
    site, cache = _site(), PageCache()
    first = render_site(site, "zh-Hant", CONVERTER, cache=cache)
    assert cache.hits == 0
    again = render_site(site, "zh-Hant", CONVERTER, cache=cache)
    assert again == first and cache.hits == len(site.plans)
    edited = copy.deepcopy(site)
    plan = edited.plans[0]
    task = plan.tasks[0]
    task.segments[0].text = "缓存测试：这句是新加的。" + task.segments[0].text
    cache.hits = 0
    pages = {p.url: p for p in render_site(edited, "zh-Hant", CONVERTER, cache=cache)}
    assert cache.hits == len(site.plans) - 1  # only the edited plan was rendered again
    assert "緩存測試：這句是新加的。" in pages[f"plans/{plan.id}/{task.id}/"].markdown


def test_page_cache_misses_when_the_registry_or_the_variant_changes():
    site, cache = _site(), PageCache()
    render_site(site, "zh-Hans", CONVERTER, cache=cache)
    render_site(site, "zh-Hant", CONVERTER, cache=cache)  # other variant: its own entries
    assert cache.hits == 0
    renamed = copy.deepcopy(site)
    agency = renamed.agencies["samr"]
    agency.name = "缓存测试总局"
    pages = render_site(renamed, "zh-Hans", CONVERTER, cache=cache)
    assert cache.hits == 0  # every plan page shows agency names: none may come from the cache
    assert any("缓存测试总局" in p.markdown for p in pages if p.url.startswith("plans/") and p.url.count("/") == 3)


def test_page_cache_misses_when_a_plan_it_cites_changes():
    """A plan page lists the plans it cites by title (and task pages their related tasks): an edit
    of the cited plan alone must not leave the citing plan's cached page showing the old title."""
    site, cache = _site(), PageCache()
    render_site(site, "zh-Hans", CONVERTER, cache=cache)
    edited = copy.deepcopy(site)
    next(p for p in edited.plans if p.id == "2021-national-standardization-outline").title = "缓存测试纲要"
    pages = {p.url: p for p in render_site(edited, "zh-Hans", CONVERTER, cache=cache)}
    assert "缓存测试纲要" in pages["plans/2022-standardization-outline-action-plan/"].markdown


def _config(tmp_path: Path, nav):
    from mkdocs.config import load_config

    theme = tmp_path / "overrides"
    theme.mkdir(exist_ok=True)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), theme={"name": "mkdocs", "custom_dir": str(theme)})
    config.nav = nav
    return config


def _pages(**markdown) -> list[Page]:
    return [Page(f"{url}/", url, text, "content/", 1) for url, text in markdown.items()]


def test_preview_rebuilds_only_edited_pages_and_everything_after_a_failure_or_a_nav_change(tmp_path):
    config, preview = _config(tmp_path, ["a"]), Preview()
    assert preview.start(config, _pages(a="one", b="two")) == set()  # nothing built yet
    preview.done(tmp_path, {"a/": [], "b/": []})
    assert preview.start(config, _pages(a="one", b="changed")) == {"a/"}
    # that build failed (no done): pages may be half-written, so the next build redoes them all
    assert preview.start(config, _pages(a="one", b="changed")) == set()
    preview.done(tmp_path, {"a/": [], "b/": []})
    assert preview.start(config, _pages(a="one", b="changed")) == {"a/", "b/"}
    preview.done(tmp_path, {"a/": [], "b/": []})
    assert preview.start(_config(tmp_path, ["a", "b"]), _pages(a="one", b="changed")) == set()  # nav changed
    preview.done(tmp_path, {"a/": [], "b/": []})
    (tmp_path / "overrides" / "main.html").write_text("{# changed #}", encoding="utf-8")
    assert preview.start(_config(tmp_path, ["a", "b"]), _pages(a="one", b="changed")) == set()  # theme changed


def test_preview_deletes_the_pages_of_a_removed_plan(tmp_path):
    config, preview = _config(tmp_path, []), Preview()
    preview.start(config, _pages(a="one", b="two"))
    preview.done(tmp_path, {"a/": [], "b/": []})
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text("old", encoding="utf-8")
    preview.start(config, _pages(a="one"))
    preview.done(tmp_path, {"a/": []})
    assert not (tmp_path / "b" / "index.html").exists()


def _boom():
    raise ValueError("from the child")


def test_parallel_jobs_return_results_and_raise_the_first_failure():
    assert run_all({"a": lambda: 1, "b": lambda: [2]}) == {"a": 1, "b": [2]}
    try:
        run_all({"a": _boom, "b": lambda: 2})
    except ValueError as exc:
        assert str(exc) == "from the child"
    else:
        raise AssertionError("no exception")
    assert ROOT.is_dir()


def test_page_cache_misses_when_the_conversion_words_change():
    # jieba's words (registry names, search terms) decide zh-Hant word boundaries: a converter
    # with other words may write other pages, so nothing cached under the old ones may be reused
    from build_tools.script.convert import converter_for

    site, cache = _site(), PageCache()
    render_site(site, "zh-Hant", CONVERTER, cache=cache)
    other = converter_for(PROJECT.phrases_file, ("缓存测试用词",))
    assert other.digest != CONVERTER.digest
    render_site(site, "zh-Hant", other, cache=cache)
    assert cache.hits == 0


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] not in "ZX"
    except FileNotFoundError:
        return False


def test_parallel_jobs_die_with_their_parent():
    """kill -9 of a build leaves no variant build writing on (the kernel kills the jobs)."""
    import signal
    import subprocess
    import sys
    import time

    code = "import time\nfrom build_tools.parallel import run_all\n" \
           "run_all({'a': lambda: time.sleep(60), 'b': lambda: time.sleep(60)})"
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.monotonic() + 30
    children: list[int] = []
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        found = subprocess.run(["pgrep", "-P", str(parent.pid)], capture_output=True, text=True).stdout
        children = [int(pid) for pid in found.split()]
    assert len(children) == 2, children
    time.sleep(0.3)  # past the fork: each child has asked to die with its parent
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in children if _alive(pid)]
    for pid in left:  # (only when the test fails)
        os.kill(pid, signal.SIGKILL)
    assert not left, "a job outlived its parent"
