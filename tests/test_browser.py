"""A reader in a real browser (Playwright + Debian chromium), on a site served under a subpath."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TASK = "plans/2024-standardization-outline-action-plan/t05/"


def test_switch_script_on_a_task_page_stays_on_that_task(site_server, page):
    page.goto(site_server + "zh-Hans/" + TASK)
    heading = page.locator("article h1").inner_text()
    assert "推动产品和服务消费标准升级" in heading
    page.locator("a.variant-switch").click()
    page.wait_for_load_state()
    assert page.url == site_server + "zh-Hant/" + TASK
    assert "推動產品和服務消費標準升級" in page.locator("article h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.locator("a.variant-switch").click()
    page.wait_for_load_state()
    assert page.url == site_server + "zh-Hans/" + TASK


def test_follow_an_agency_link_from_a_task(site_server, page):
    page.goto(site_server + "zh-Hant/" + TASK)
    page.locator(".owners a.chip", has_text="商務部").first.click()
    page.wait_for_load_state()
    assert page.url == site_server + "zh-Hant/agencies/mofcom/"
    assert "商務部" in page.locator("article h1").inner_text()
    # and back to the task from the agency's list of what it owes (by year, one page each)
    page.locator(f'a[href*="#{TASK.split("/")[1]}"]').first.click()
    page.wait_for_load_state()
    page.locator(f'a[href$="{TASK}"]').first.click()
    page.wait_for_load_state()
    assert page.url == site_server + "zh-Hant/" + TASK


def test_root_sends_reader_to_a_variant(site_server, page):
    page.goto(site_server)
    page.wait_for_url("**/zh-Hans/")
    assert page.locator("article h1").inner_text().strip() == "标准化政策参考"
