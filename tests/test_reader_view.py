"""Every page type right for every reader, in real Chromium (issue 14): no horizontal overflow at
360 px and 1366 px, no failed request, axe-core finds no serious or critical violation in either
colour scheme, the script switch keeps the #fragment, the root remembers the reader's choice,
and a 404 at any depth is localized and styled without a site URL."""
from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from conftest import ROOT, serve_under_subpath
from page_types import PAGE_TYPES, VARIANTS

pytestmark = pytest.mark.browser

AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that answers a missing path with the nearest variant's 404.html (as
    nginx `error_page 404` or GitHub Pages do)."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        parts = self.path.split("/")
        variant = next((p for p in parts if p in VARIANTS), None)
        page = Path(self.directory) / "ref" / (f"{variant}/404.html" if variant else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(built_site):
    server, url = serve_under_subpath(built_site, _NotFoundHandler)
    yield url
    server.shutdown()


def visit(browser, url: str, width: int, scheme: str = "light"):
    """(page, context, failed requests) after loading `url` at `width` px in `scheme`."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    if url.endswith("/ref/index.html"):  # hold the chooser's redirect: its script stops reading the language
        page.add_init_script("Object.defineProperty(navigator, 'languages', {get() { throw new Error('held'); }});")
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} → {r.status}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # late requests (Material fetches sitemaps after load)
    return page, context, failed


def url_of(host: str, kind: str, variant: str) -> str:
    return host + PAGE_TYPES[kind].format(v=variant)


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_overflow_and_no_failed_request(browser, host, kind, variant, width):
    page, context, failed = visit(browser, url_of(host, kind, variant), width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} is {overflow}px wider than a {width}px screen"
        assert failed == [], failed
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_no_serious_violation(browser, host, kind, variant, scheme):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core with npm")
    page, context, _ = visit(browser, url_of(host, kind, variant), 1366, scheme)
    try:
        page.add_script_tag(path=str(AXE))
        # every rule in the light scheme; in the dark one, the rules that depend on colour
        only = "['wcag2a', 'wcag2aa', 'best-practice']" if scheme == "light" else \
            "{type: 'rule', values: ['color-contrast', 'link-in-text-block']}"
        result = page.evaluate(f"axe.run(document, {{runOnly: {only}}})")
        bad = [f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
    finally:
        context.close()


def test_dark_scheme_follows_the_system_and_has_a_toggle(browser, host):
    page, context, _ = visit(browser, url_of(host, "task", "zh-Hant"), 1366, "dark")
    try:
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        assert toggle.get_attribute("title") == "淺色模式"  # the toggle's name is converted too
        toggle.click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    finally:
        context.close()


def test_script_switch_keeps_the_fragment_and_the_root_remembers(browser, host):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(url_of(host, "plan", "zh-Hans") + "#cleaning")
        page.locator("a.variant-switch").click()
        page.wait_for_url("**/zh-Hant/**")
        assert page.url.endswith("/zh-Hant/plans/2012-miit-standardization-key-work/#cleaning")
        page.goto(host)  # a zh-CN browser, but this reader chose Traditional
        page.wait_for_url("**/zh-Hant/")
    finally:
        context.close()


@pytest.mark.parametrize("variant,title", [("zh-Hans", "找不到这个页面"), ("zh-Hant", "找不到這個頁面")])
def test_a_missing_page_at_any_depth_is_localized_with_working_links(browser, host, variant, title):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        response = page.goto(host + f"{variant}/plans/no-such-plan/t99/deeper/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == title
        assert page.locator("html").get_attribute("lang") == variant
        page.locator("a[data-path='plans/']").click()
        page.wait_for_load_state()
        assert page.url == host + f"{variant}/plans/"
    finally:
        context.close()


def test_sortable_headers_are_buttons_that_space_and_enter_operate(browser, host):
    page, context, _ = visit(browser, url_of(host, "agencies", "zh-Hans"), 1366)
    try:
        header = page.locator("table.sortable th[data-sort='num']").first
        button = header.locator("button.sort-button")
        button.focus()
        page.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "descending"
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
    finally:
        context.close()
