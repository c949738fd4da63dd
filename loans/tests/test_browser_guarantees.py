"""In Chromium: the head cannot approve a "lend only with an additional full guarantee" case;
the manager adds a guarantor and a house and watches the coverage rise; the head approves."""

import datetime

import pytest

from creditdesk.demo import DEMO_PASSWORD
from guarantees.demo import ensure_reference_data
from loans.models import ApplicationStatus
from loans.tests.conftest import make_application, submitted
from tests.browser import chromium_page, login, screenshot
from tests.factories import make_id_number
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def switch_user(page, url, username):
    page.context.clear_cookies()
    login(page, url, username, DEMO_PASSWORD)


def ratio(page) -> str:
    return page.locator("#coverage-ratio").inner_text().strip()


def test_manager_adds_guarantees_until_the_head_can_approve(
    live_server, bank, customer, product, manager, manager2
):
    ensure_reference_data()  # a transactional test before this one flushed the migration's rows
    application = submitted(
        make_application(customer, product, manager), manager, manager2, collateral="poor"
    )
    url = live_server.url
    with chromium_page(locale="zh-CN", height=1000) as page:
        page.on("dialog", lambda dialog: dialog.accept())
        login(page, url, "head1", DEMO_PASSWORD)
        page.goto(f"{url}/loans/{application.pk}/")
        assert ratio(page) == "0.0%"
        page.fill("#id_opinion", "同意")
        submit(page, "#approve")
        assert "担保覆盖率" in page.locator("#review-form").inner_text()
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED

        # The manager adds a guarantor: 60,000 of strength, strong, for 50,000.
        switch_user(page, url, "manager1")
        page.goto(f"{url}/loans/{application.pk}/")
        page.click("#add-guarantor")
        page.fill("#id_name", "周保山")
        page.fill("#id_id_number", make_id_number(321))
        page.fill("#id_net_assets", "60000")
        page.select_option("#id_relationship", "relative")
        page.select_option("#id_willingness", "strong")
        page.fill("#id_amount", "50000")
        submit(page, "#save")
        assert ratio(page) == "50.0%"

        # … and a house: 100,000 × 70 % can secure 70,000; 50,000 for this loan.
        page.click("#add-collateral")
        page.select_option("#id_kind", label="住宅房产")
        page.fill("#id_description", "自建房一套")
        page.fill("#id_appraised_value", "100000")
        page.fill("#id_appraiser", "县房产评估所")
        page.fill("#id_appraised_on", (datetime.date.today()).isoformat())
        page.fill("#id_amount_secured", "50000")
        submit(page, "#save")
        assert ratio(page) == "100.0%"
        assert "尚未办妥抵押登记" in page.locator("#coverage-warnings").inner_text()
        screenshot(page, "guarantees-structure")
        page.set_viewport_size({"width": 390, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, "guarantees-structure-390")
        page.set_viewport_size({"width": 1280, "height": 1000})

        # The head approves what was refused before.
        switch_user(page, url, "head1")
        page.goto(f"{url}/loans/{application.pk}/")
        assert ratio(page) == "100.0%"
        page.fill("#id_opinion", "担保已足额，同意")
        submit(page, "#approve")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.APPROVED
        assert page.external_requests == []
