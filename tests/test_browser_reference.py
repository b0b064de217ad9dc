"""Issue 13 in a real browser (Debian chromium, site served under a subpath): the cite block's
copy button, and the print layout of task and plan pages."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TASK = "plans/2019-deepening-standardization-reform-tasks/t03/"


def test_cite_block_copies_the_citation_with_the_loaded_address(site_server, browser):
    context = browser.new_context(locale="zh-TW")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server + "zh-Hant/" + TASK)
    text = page.locator("#cite-text").inner_text()
    assert text.endswith(site_server + "zh-Hant/" + TASK)  # cite.js put in the address actually loaded
    assert "國家市場監督管理總局" in text and "非官方整理本" in text
    page.locator("button.cite-copy").click()
    page.wait_for_function("document.querySelector('button.cite-copy').textContent === '已複製'")
    assert page.evaluate("navigator.clipboard.readText()") == text.strip()
    context.close()


def test_cite_copy_falls_back_to_selecting_the_text(site_server, page):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(site_server + "zh-Hans/" + TASK)
    page.locator("button.cite-copy").click()
    selected = page.evaluate("window.getSelection().toString()")
    assert selected.strip() == page.locator("#cite-text").inner_text().strip()


@pytest.mark.parametrize("url", [TASK, "plans/2019-deepening-standardization-reform-tasks/"])
def test_print_layout_keeps_title_address_and_date_drops_pager_and_source(site_server, page, url):
    page.goto(site_server + "zh-Hans/" + url)
    page.emulate_media(media="print")
    assert page.locator("article h1").is_visible()
    cite = page.locator("#cite-text")
    assert cite.is_visible() and site_server + "zh-Hans/" + url in cite.inner_text()
    assert "2019-04-17" in cite.inner_text()
    assert page.locator(".source-ref").count() == 0  # readers never see repository paths (issue 14)
    for hidden in (".md-header", ".md-sidebar--primary", "button.cite-copy"):
        assert not page.locator(hidden).first.is_visible(), hidden
    if url == TASK:
        assert not page.locator("nav.pager").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("button.cite-copy").is_visible()  # only paper hides it
