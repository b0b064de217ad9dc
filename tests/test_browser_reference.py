"""Issue 13 in a real browser (Debian chromium, site served under a subpath), in both variants:
the cite block's copy button, the print layout of task and plan pages, a citation link, related
tasks, an SVG chart's text in the page's script, a filter by keyboard, and the feed's link."""
from __future__ import annotations

import pytest
from urllib.parse import urljoin

pytestmark = pytest.mark.browser

TASK = "plans/2019-deepening-standardization-reform-tasks/t03/"
VARIANTS = ("zh-Hans", "zh-Hant")


def in_script(variant: str, hans: str, hant: str) -> tuple[str, str]:
    """(the text expected on a `variant` page, the same text in the other script: must be absent)."""
    return (hans, hant) if variant == "zh-Hans" else (hant, hans)


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


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("url", [TASK, "plans/2019-deepening-standardization-reform-tasks/"])
def test_print_layout_keeps_title_address_and_date_drops_pager_and_source(site_server, page, url, variant):
    page.goto(site_server + variant + "/" + url)
    page.emulate_media(media="print")
    assert page.locator("article h1").is_visible()
    cite = page.locator("#cite-text")
    assert cite.is_visible() and site_server + variant + "/" + url in cite.inner_text()
    assert "2019-04-17" in cite.inner_text()
    assert page.locator(".source-ref").count() == 0  # readers never see repository paths (issue 14)
    for hidden in (".md-header", ".md-sidebar--primary", "button.cite-copy"):
        assert not page.locator(hidden).first.is_visible(), hidden
    if url == TASK:
        assert not page.locator("nav.pager").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("button.cite-copy").is_visible()  # only paper hides it


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_citation_link_opens_the_cited_plan(site_server, built_site, page, variant):
    citing = sorted(p.parent.name for p in (built_site / variant / "plans").glob("*/index.html")
                    if 'class="cite-link"' in p.read_text("utf-8"))
    assert citing, "no plan page links a citation: the corpus cites its own plans (tests/test_citations.py)"
    page.goto(site_server + f"{variant}/plans/{citing[0]}/")
    link = page.locator("a.cite-link").first
    title = link.get_attribute("title")  # the cited document's full title, whatever the text calls it
    link.click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().strip() == title
    back = page.locator(f'#citations ~ .citations a.cited-by[href="../{citing[0]}/"]')
    assert back.count() == 1  # the cited plan lists the plan that cites it


@pytest.mark.parametrize("variant", VARIANTS)
def test_related_tasks_lead_to_a_similar_task_of_another_year(site_server, page, variant):
    page.goto(site_server + f"{variant}/plans/2011-miit-standardization-key-work/t09/")
    related = page.locator("#related a").first
    assert "2012" in related.inner_text()
    term, other = in_script(variant, "标准宣贯", "標準宣貫")  # the shared key term, in the page's script
    text = page.locator("#related").inner_text()
    assert term in text and other not in text
    related.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{variant}/plans/2012-miit-standardization-key-work/t08/")


@pytest.mark.parametrize("variant", VARIANTS)
def test_svg_chart_text_is_in_the_pages_script(site_server, page, variant):
    page.goto(site_server + f"{variant}/agencies/")
    chart = page.locator("figure.chart--workload svg")
    assert chart.is_visible()
    labels = [t.strip() for t in chart.locator("text").all_text_contents()]  # SVG has no innerText
    name, other = in_script(variant, "市场监管总局", "市場監管總局")
    assert name in labels and other not in labels
    word, other_word = in_script(variant, "部门", "部門")
    title = chart.locator("title").first.text_content()
    assert word in title and other_word not in title
    page.goto(site_server + f"{variant}/")
    assert page.locator("figure.chart--timeline svg").is_visible()


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_filter_shows_only_its_list_by_keyboard(site_server, page, variant):
    page.goto(site_server + f"{variant}/plans/")
    group = page.locator("#year-2012")
    assert not group.is_visible()
    link = page.locator('a.filter-link[href="#year-2012"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#year-2012'")
    assert group.is_visible()
    assert group.locator("li").count() == 2  # the two plans of 2012
    assert not page.locator("#year-2019").is_visible()


@pytest.mark.parametrize("variant", VARIANTS)
def test_feed_link_is_a_valid_feed(site_server, page, variant):
    page.goto(site_server + f"{variant}/agencies/miit/")
    href = page.locator("a.feed-link").get_attribute("href")
    response = page.request.get(page.url + href)
    name, other = in_script(variant, "工业和信息化部", "工業和信息化部")
    assert response.ok and "<feed" in response.text() and name in response.text() and other not in response.text()
    head = page.locator('link[rel="alternate"][type="application/atom+xml"]')  # autodiscovery, live page
    assert head.count() == 1 and head.get_attribute("href") == urljoin(page.url, href)


@pytest.mark.parametrize("variant", VARIANTS)
def test_live_hreflang_links_are_absolute_and_point_at_this_page(site_server, page, variant):
    """hreflang wants absolute addresses: named back after Material has read them, resolved."""
    page.goto(site_server + f"{variant}/agencies/miit/")
    links = page.locator('link[rel="alternate"][hreflang]')
    found = {links.nth(i).get_attribute("hreflang"): links.nth(i).get_attribute("href") for i in range(links.count())}
    other = next(v for v in VARIANTS if v != variant)
    assert found[variant] == page.url and found[other] == page.url.replace(f"/{variant}/", f"/{other}/")
    assert found["x-default"].startswith("http") and not found["x-default"].endswith("agencies/miit/")
