"""Real Chromium: each role signs in and lands on its own home, in the browser's language."""

import pytest

from creditdesk.demo import DEMO_PASSWORD
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

HOMES = {
    "manager1": ("manager", "我的工作台", "My workspace"),
    "head1": ("branch_head", "支行行长工作台", "Branch head workspace"),
    "committee1": ("committee", "审贷会工作台", "Credit committee workspace"),
    "auditor": ("auditor", "稽核审计工作台", "Audit workspace"),
    "admin": ("admin", "系统管理", "Administration"),
}


def test_each_role_sees_its_home_in_chinese(live_server, bank):
    with chromium_page(locale="zh-CN") as page:
        for username, (role, zh, _en) in HOMES.items():
            login(page, live_server.url, username, DEMO_PASSWORD)
            assert page.locator(f"[data-role={role}]").count() == 1, username
            assert page.locator("h1").inner_text().strip() == zh
            screenshot(page, f"home-{username}-zh")
            page.click("#user-menu")
            page.click("#logout")
            page.wait_for_url(f"{live_server.url}/accounts/login/")
        assert page.external_requests == []


def test_home_in_english_when_browser_asks_for_it(live_server, bank):
    with chromium_page(locale="en-US") as page:
        login(page, live_server.url, "head1", DEMO_PASSWORD)
        assert page.locator("h1").inner_text().strip() == "Branch head workspace"


def test_phone_width_menu_works(live_server, bank):
    with chromium_page(locale="zh-CN", width=390, height=844) as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        assert page.locator("#user-menu").is_hidden()
        page.click(".navbar-toggler")
        page.locator("#user-menu").wait_for(state="visible")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        screenshot(page, "home-manager-phone")


def test_anonymous_is_sent_to_login(live_server, bank):
    with chromium_page() as page:
        page.goto(live_server.url + "/")
        assert "/accounts/login/" in page.url
        assert page.locator("#id_username").is_visible()
