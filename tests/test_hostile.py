"""Hostile content is rendered inert: a plan (and a registry entry) full of script, event
handlers, javascript: URLs, template syntax, comment breakers and invisible controls builds,
shows every payload as text, and runs none of it in a real browser (Debian chromium).

Every payload, if it ever ran, would set window.__pwned (or change the title); the browser
tests assert it stays unset. test_detector_catches_a_live_payload proves the detector works.
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.diagnostics import Report
from build_tools.verify.htmlscan import scan_html
from build_tools.render.escape import html_text, md_heading_text

from conftest import ROOT, run_cli

PLAN_ID = "2020-hostile-payloads"
AGENCY = "恶意测试局"

SCRIPT = "<script>window.__pwned='script'</script>"
PAYLOADS = [
    SCRIPT,
    "<img src=x onerror=\"window.__pwned='onerror'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='jsurl'\">点此</a>",
    "[点此](javascript:window.__pwned='mdlink')",
    "<javascript:window.__pwned='autolink'>",
    "--><script>window.__pwned='comment'</script><!--",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;window.__pwned='entity'&lt;/script&gt;",
    "\" onmouseover=\"window.__pwned='attr'\" x=\"",
    "' onfocus='window.__pwned=1' autofocus '",
    "{{ 7*7 }}{{ config }}{% if true %}模板{% endif %}{# 注释 #}",
    "${window.__pwned='tpl'} `代码` **粗体** *斜体* > 引用 | 表格 |",
    "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='mxss'\">",
]
INVISIBLES = "零宽\u200b空格、右到左\u202e覆盖\u202c、隔离\u2066符号\u2069、\u200f标记、\u2028分隔、\u00ad软连字符"

TITLE_TAIL = "<script>window.__pwned='script'</script></title><script>window.__pwned='title'</script><!--"
HOSTILE_PLAN = f"""---
id: {PLAN_ID}
title: "恶意内容测试{SCRIPT.replace('"', '&quot;')}</title><script>window.__pwned='title'</script><!--"
issuers: [hostile-agency]
doc_number: "测试〔2020〕1号<img src=x onerror=window.__pwned=1>"
date: 2020-01-01
period: ""
source: hostile.txt
source_script: zh-Hans
cleaning:
  - kind: chrome
    what: "删除<script>window.__pwned='cleaning'</script>与{{{{ 7*7 }}}}"
    why: "测试<img src=x onerror=window.__pwned=1>用"
---

::: notice
各有关部门：{PAYLOADS[0]}
{PAYLOADS[6]}
:::

## 一、第一章<img src=x onerror="window.__pwned='chapter'"> {{#c1}}

章引言{PAYLOADS[12]}

### （一）任务一{SCRIPT}{{: onclick="window.__pwned='attrlist'"}} {{#t01}}

{PAYLOADS[1]}与{PAYLOADS[2]}。
{PAYLOADS[3]}{PAYLOADS[4]}{PAYLOADS[5]}。
{INVISIBLES}。
{PAYLOADS[7]}{PAYLOADS[8]}{PAYLOADS[9]}。
{PAYLOADS[10]}{PAYLOADS[11]}。〔市场监管总局牵头，{AGENCY}等按职责分工负责〕

### （二）任务二 {{#t02}}

{PAYLOADS[14]}{PAYLOADS[15]}正文。
{PAYLOADS[13]}。〔工业和信息化部牵头，各有关部门按职责分工负责〕

::: annex
#### 附件{SCRIPT}
附件正文{PAYLOADS[6]}
:::
"""

HOSTILE_AGENCY = f"""
- id: hostile-agency
  name: {AGENCY}
  full_name: "恶意测试局{SCRIPT.replace('"', '&quot;')}"
  names: [{AGENCY}]
  name_en: "Hostile <img src=x onerror=window.__pwned='agency'> Bureau"
  kind: bureau
  parent: null
"""


def hostile_project(root: Path) -> Path:
    (root / "content" / "plans" / f"{PLAN_ID}.md").write_text(HOSTILE_PLAN, encoding="utf-8")
    (root / "content" / "sources" / "hostile.txt").write_text("raw\n", encoding="utf-8")
    with open(root / "content" / "agencies.yml", "a", encoding="utf-8") as registry:
        registry.write(HOSTILE_AGENCY)
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("mkdocs.yml", "content", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    hostile_project(root)
    result = run_cli("build", "--site-dir", str(root / "site"), root=root)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    handler = functools.partial(_Quiet, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# ---- the check warns, the build still publishes -------------------------------------
def test_check_warns_about_every_kind_of_payload(tmp_path, project_copy):
    hostile_project(project_copy)
    from build_tools.project import Project
    from build_tools.read.site import load_site

    report = Report()
    load_site(Project(project_copy), report)
    assert not report.errors, [d.format() for d in report.errors]
    rules = {d.rule for d in report.warnings if d.path.endswith(f"{PLAN_ID}.md")}
    assert {"raw-html", "template-syntax", "invisible-char", "markdown-link"} <= rules
    assert any(d.rule == "raw-html" for d in report.warnings if d.path.endswith("agencies.yml"))


class _Shown(HTMLParser):
    """The text a reader sees (entities decoded), scripts and styles left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def shown_text(html: str) -> str:
    parser = _Shown()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.mark.parametrize("variant", ["zh-Hans", "zh-Hant"])
def test_every_payload_is_shown_as_typed(hostile_site, variant):
    """The build published (it passed verify) and every payload of the body is on the plan page, as text."""
    html = (hostile_site / variant / "plans" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    text = shown_text(html)
    for payload in PAYLOADS:  # zh-Hant: each ASCII run (conversion changes only the Chinese)
        pieces = [" ".join(payload.split())] if variant == "zh-Hans" else \
            [" ".join(run.split()) for run in re.findall(r"[\x00-\x7f]+", payload) if run.strip()]
        for piece in pieces:
            assert piece in text, f"{variant}: payload not shown as typed: {piece!r} of {payload!r}"


# ---- static: the HTML carries no live markup from content -----------------------------
class _Elements(HTMLParser):
    """Every element and attribute the browser will build, and the text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("variant", ["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("page", ["", "t01/", "t02/"])
def test_payloads_are_text_not_markup(hostile_site, variant, page):
    html = (hostile_site / variant / "plans" / PLAN_ID / page / "index.html").read_text(encoding="utf-8")
    assert "__pwned" in html  # the payloads are there …
    found = elements(html)
    handlers = [(t, k) for t, a in found.tags for k in a if k.startswith("on")]
    assert not handlers  # … but no element carries an event handler
    urls = [v for _, a in found.tags for k, v in a.items() if k in ("href", "src", "action", "content")]
    assert not [u for u in urls if "javascript:" in u.lower()]
    assert not [s for s in found.scripts if "__pwned" in s]
    tags = {t for t, _ in found.tags}
    assert not tags & {"iframe", "base", "math", "mglyph"}
    assert not [a for t, a in found.tags if t == "meta" and a.get("http-equiv", "").lower() == "refresh"]
    assert not [a for t, a in found.tags if t == "style"]
    text = scan_html(html).article
    if page == "t01/":
        assert "<img src=x onerror=\"window.__pwned='onerror'\">" in text
        assert "&lt;script&gt;" in text  # an entity in the source is shown as typed, not decoded
        assert "[U+202E]" in text and "[U+200B]" in text and "[U+2066]" in text  # controls made visible
        assert "\u202e" not in html and "\u200b" not in html
    if page == "":
        assert "{{ 7*7 }}" in text and "{% if true %}" in text and "49" not in text  # never evaluated


def test_heading_attr_list_is_not_applied(hostile_site):
    html = (hostile_site / "zh-Hans" / "plans" / PLAN_ID / "t01" / "index.html").read_text(encoding="utf-8")
    assert not [a for _, a in elements(html).tags if "onclick" in a]
    assert '{: onclick="window.__pwned=' in scan_html(html).article


def test_escaping_functions_directly():
    assert "<" not in str(html_text(SCRIPT)) and "{" not in str(html_text("{{ x }}"))
    assert "<script" not in str(md_heading_text(SCRIPT)) and "\\{" in str(md_heading_text("{: a}"))


# ---- dynamic: a real browser runs none of it ------------------------------------------
PAGES = [f"{v}/{p}" for v in ("zh-Hans", "zh-Hant") for p in (
    f"plans/{PLAN_ID}/", f"plans/{PLAN_ID}/t01/", f"plans/{PLAN_ID}/t02/", "plans/", "",
    "agencies/hostile-agency/", "agencies/samr/", "agencies/")]


def _visit(page, url) -> dict:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # let onerror / onload / refresh / autofocus fire
    return {
        "pwned": page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)"),
        "title": page.title(),
        "url": page.url,
        "dialogs": dialogs,
        "handlers": page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name))"""),
        "js_links": page.evaluate("""() => [...document.querySelectorAll('[href],[src],[action]')]
            .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
            .filter(u => /^\\s*javascript:/i.test(u))"""),
        "foreign": page.evaluate("""() => document.querySelectorAll(
            'article iframe, article svg[onload], article base, body base, article math').length"""),
    }


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_no_injected_script_runs_in_chromium(page, hostile_server, path):
    seen = _visit(page, hostile_server + path)
    assert seen["pwned"] is None, seen
    assert not seen["dialogs"]
    typed = {f"plans/{PLAN_ID}/": TITLE_TAIL, f"plans/{PLAN_ID}/t01/": SCRIPT}.get(path.split("/", 1)[1])
    if typed:  # a title with a payload shows it as typed, whole
        assert typed in seen["title"], seen["title"]
    else:
        assert "__pwned" not in seen["title"], seen["title"]
    assert seen["url"].startswith(hostile_server)  # no meta refresh, no <base> redirect
    assert not seen["handlers"], seen["handlers"]
    assert not seen["js_links"], seen["js_links"]
    assert seen["foreign"] == 0


@pytest.mark.browser
def test_hovering_clicking_and_searching_run_nothing(page, hostile_server):
    page.goto(hostile_server + f"zh-Hans/plans/{PLAN_ID}/t01/", wait_until="load")
    for selector in ("article p", "article h1", "article .attribution"):
        elements = page.query_selector_all(selector)
        assert elements, f"nothing to hover: {selector}"
        for element in elements[:10]:
            element.hover()
            element.click(no_wait_after=True)
    page.goto(hostile_server + f"zh-Hans/plans/{PLAN_ID}/t01/", wait_until="load")
    page.locator("input.md-search__input").click()  # search results render content text too
    box = page.locator("input[data-md-component=search-query]")
    box.fill("pwned")
    box.press("End")  # Material reads the box on keyup, not on fill
    page.locator(".md-search-result__list > li").first.wait_for()
    assert "__pwned" in page.locator(".md-search-result__list").inner_text()
    assert page.evaluate("() => window.__pwned === undefined")


@pytest.mark.browser
def test_detector_catches_a_live_payload(page, hostile_server):
    """The assertions above can fail: the same checks see a payload that is NOT escaped."""
    page.goto(hostile_server + "zh-Hans/", wait_until="load")
    page.set_content("<p>x</p><img src=x onerror=\"window.__pwned='control'\">")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") == "control"
