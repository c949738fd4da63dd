"""Whose turn it is, in Chromium: the bell counts the open notices, its drop-down lists them
(htmx, no page load) and leads to the record; the notices page and the new-application form
fit a phone (390 px)."""

from __future__ import annotations

import pytest

from creditdesk.demo import DEMO_PASSWORD
from customers.demo import ensure_config
from loans.tests.conftest import make_application, submitted
from loans.tests.journey import card_holder, loan_card_product
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _rating_config(bank):
    ensure_config()  # transactional tests flush what the data migration installed


def test_the_head_sees_the_count_and_opens_the_application_from_the_bell(
    live_server, manager, manager2, head, customer, product
):
    application = submitted(make_application(customer, product, manager), manager, manager2)
    url = live_server.url
    for width in (1280, 390):
        with chromium_page(width=width) as page:
            login(page, url, head.username, DEMO_PASSWORD)
            assert page.inner_text("#notice-count") == "1"
            if width == 390:
                assert page.evaluate(FITS)
            page.click("#notice-bell")
            link = f"#notice-menu a.notice-item[href='/loans/{application.pk}/']"
            page.wait_for_selector(link)
            screenshot(page, f"notices-bell-{width}")
            with page.expect_navigation():
                page.click(link)
            assert page.url.endswith(f"/loans/{application.pk}/")
            page.goto(f"{url}/notifications/")
            assert page.evaluate(FITS)
            screenshot(page, f"notices-page-{width}")


def test_the_new_application_form_fits_a_phone(live_server, manager, head):
    loan_card_product()
    customer = card_holder(manager, head)
    with chromium_page(width=390, height=900) as page:
        login(page, live_server.url, manager.username, DEMO_PASSWORD)
        page.goto(f"{live_server.url}/loans/new/")
        page.fill("#customer-search", "王建")
        page.wait_for_selector(f"#customer-results a[href$='?customer={customer.pk}']")
        screenshot(page, "new-application-search-390")
        page.click(f"#customer-results a[href$='?customer={customer.pk}']")
        page.wait_for_selector("#customer-facts")
        assert page.evaluate(FITS)
        screenshot(page, "new-application-390")
