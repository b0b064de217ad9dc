"""Shared fixtures. The real site is built ONCE per session with the real CLI (real MkDocs,
real OpenCC, real jieba) into a temporary directory; tests read it, never rebuild it."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_tools.project import Project
from build_tools.script.convert import converter_for

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project(ROOT)
CONVERTER = converter_for(PROJECT.phrases_file)  # the project's own dictionary
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def run_cli(*args, root: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools.cli", "--root", str(root), *args],
                          capture_output=True, text=True, **kw)


def pytest_collection_modifyitems(config, items):
    """A test that reaches chromium must say so with @pytest.mark.browser, or `-m "not browser"` would run it."""
    unmarked = [item.nodeid for item in items
                if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError("these tests use chromium but lack @pytest.mark.browser:\n  " + "\n  ".join(unmarked))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """site/ of the real content, built by `policyref build`."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_cli("build", "--site-dir", str(out))
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def serve_under_subpath(site: Path, handler_class):
    """(server, URL): `site` served over HTTP on loopback under a SUBPATH (/ref/), by `handler_class`."""
    mount = site.parent / "www"
    mount.mkdir(exist_ok=True)
    link = mount / "ref"
    if not link.exists():
        link.symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler_class, directory=str(mount)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/ref/"


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site under /ref/, to prove subpath safety."""
    server, url = serve_under_subpath(built_site, _QuietHandler)
    yield url
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's content and config, for tests that break things."""
    for name in ("mkdocs.yml", "content", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


def plan_front(plan_id: str = "2020-new-plan", title: str = "新文件") -> str:
    """Front matter of a minimal valid new plan (its source is a real raw copy); tests add the body."""
    return (f"---\nid: {plan_id}\ntitle: {title}\nissuers: [samr]\ndoc_number: \"\"\ndate: 2020-01-01\n"
            "source: 000_4db6e72938e5ec9f.txt\nsource_script: zh-Hans\ncleaning: []\n---\n")
