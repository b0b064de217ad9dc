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


def test_a_citation_link_opens_the_cited_plan(site_server, built_site, page):
    found = [(p, p.read_text("utf-8")) for p in sorted((built_site / "zh-Hant/plans").glob("*/index.html"))]
    found = [(p, html) for p, html in found if 'class="cite-link"' in html]
    if not found:
        pytest.skip("the corpus has no plan citing another plan yet (tests/test_citations.py covers linking)")
    path = found[0][0].relative_to(built_site).parent.as_posix() + "/"
    page.goto(site_server + path)
    link = page.locator("a.cite-link").first
    cited = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert cited.strip("《》") in page.locator("article h1").inner_text().replace("〈", "《").replace("〉", "》") or \
        page.locator("#citations").count() == 1


def test_related_tasks_lead_to_a_similar_task_of_another_year(site_server, page):
    page.goto(site_server + "zh-Hant/plans/2011-miit-standardization-key-work/t09/")
    related = page.locator("#related a").first
    assert "2012" in related.inner_text()
    assert "標準宣貫" in page.locator("#related").inner_text()  # the shared key term, in the page's script
    related.click()
    page.wait_for_load_state()
    assert page.url.endswith("/zh-Hant/plans/2012-miit-standardization-key-work/t08/")


def test_svg_chart_text_is_in_the_pages_script(site_server, page):
    page.goto(site_server + "zh-Hant/agencies/")
    chart = page.locator("figure.chart--workload svg")
    assert chart.is_visible()
    labels = [t.strip() for t in chart.locator("text").all_text_contents()]  # SVG has no innerText
    assert "市場監管總局" in labels and "市场监管总局" not in labels
    assert chart.locator("title").first.text_content().strip()
    page.goto(site_server + "zh-Hant/")
    assert page.locator("figure.chart--timeline svg").is_visible()


def test_a_filter_shows_only_its_list_by_keyboard(site_server, page):
    page.goto(site_server + "zh-Hans/plans/")
    group = page.locator("#year-2012")
    assert not group.is_visible()
    link = page.locator('a.filter-link[href="#year-2012"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#year-2012'")
    assert group.is_visible()
    assert group.locator("li").count() == 2  # the two plans of 2012
    assert not page.locator("#year-2019").is_visible()


def test_feed_link_is_a_valid_feed(site_server, page):
    page.goto(site_server + "zh-Hant/agencies/miit/")
    href = page.locator("a.feed-link").get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.ok and "<feed" in response.text() and "工業和信息化部" in response.text()
    assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() == 1
