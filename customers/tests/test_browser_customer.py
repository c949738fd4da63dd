"""Real Chromium: a manager opens a file, fixes a wrong check digit, logs a visit with a
follow-up and finds it on the home page."""

import datetime

import pytest

from creditdesk.demo import DEMO_PASSWORD
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def test_manager_files_a_customer_and_follows_up(live_server, bank):
    today = datetime.date.today().isoformat()
    with chromium_page(locale="zh-CN") as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/new/")
        page.fill("#id_name", "张大山")
        page.select_option("#id_customer_type", "farm_household")
        page.fill("#id_id_number", "110105198005170018")  # last digit wrong
        page.fill("#id_phone", "13812345678")
        page.fill("#id_township", "城关镇")
        page.fill("#id_village", "东村")
        page.click("#save-customer")
        page.wait_for_load_state("networkidle")
        error = page.locator(".invalid-feedback").first
        assert "校验位不正确" in error.inner_text()
        screenshot(page, "customers-new-wrong-check-digit")

        page.fill("#id_id_number", "110105198005170017")
        page.click("#save-customer")
        page.wait_for_load_state("networkidle")
        assert page.locator("#id-number").inner_text() == "110105198005170017"
        assert "1980-05-17" in page.content()

        page.click("#log-contact")
        page.select_option("#id_kind", "visit")
        page.fill("#id_purpose", "了解春耕资金需求")
        page.fill("#id_attendees", "张大山、王秀英")
        page.fill("#id_follow_up_on", today)
        page.click("button[type=submit].btn-cd")
        page.wait_for_load_state("networkidle")
        screenshot(page, "customers-detail")

        page.goto(f"{live_server.url}/")
        panel = page.locator("#panel-followups")
        assert "张大山" in panel.inner_text()
        screenshot(page, "customers-home-followup")

        page.goto(f"{live_server.url}/customers/")
        assert "1101**********0017" in page.locator("#customer-table").inner_text()
        screenshot(page, "customers-list")
        assert page.external_requests == []


def test_customer_pages_fit_a_phone(live_server, bank):
    from customers import demo

    demo.seed()
    with chromium_page(locale="zh-CN", width=390, height=844) as page:
        login(page, live_server.url, "head1", DEMO_PASSWORD)
        for name, path in [("list", "/customers/"), ("villages", "/customers/villages/")]:
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, name
            screenshot(page, f"customers-{name}-phone")
        page.goto(f"{live_server.url}/customers/")
        page.locator("#customer-table a").first.click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "customers-detail-phone")


def test_import_preview_lists_every_error(live_server, bank, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["客户名称", "客户类型", "证件号码", "手机号码", "乡镇", "村（社区）"])
    sheet.append(["张三", "农户", "110105198005170017", "13812345678", "城关镇", "东村"])
    sheet.append(["李四", "农户", "110105198005170018", "12345", "城关镇", "东村"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    with chromium_page(locale="zh-CN") as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/import/")
        page.set_input_files("#id_file", str(path))
        page.click("#preview")
        page.wait_for_load_state("networkidle")
        assert page.locator("#import-errors").is_visible()
        assert page.locator("#confirm-import").count() == 0
        screenshot(page, "customers-import-preview")
        page.goto(f"{live_server.url}/customers/pipeline/")
        screenshot(page, "customers-pipeline")
