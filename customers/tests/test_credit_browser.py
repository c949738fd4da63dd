"""Real Chromium: rate a customer, approve the line, run a village batch on a phone, print."""

import datetime

import pytest
from django.utils import timezone

from creditdesk.demo import DEMO_PASSWORD
from customers.demo import ensure_config
from customers.models import CreditLineStatus, CustomerType, VillageBatch
from customers.services.credit import credit_line_approve, credit_line_propose
from customers.services.villages import (
    credit_village_open,
    village_batch_publish,
    village_batch_rate,
)
from customers.tests.credit_helpers import household, rated, scores_for
from tests.browser import chromium_page, login, screenshot
from tests.factories import CustomerFactory
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture(autouse=True)
def _rating_config(bank):
    # Transactional tests flush the rows the data migration installed.
    ensure_config()


def test_manager_rates_and_proposes_then_head_approves(live_server, manager, head):
    customer = CustomerFactory(
        manager=manager, name="周记农资店", customer_type=CustomerType.INDIVIDUAL_BUSINESS
    )
    with chromium_page() as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/{customer.pk}/credit/rate/")
        for field in page.locator("#rating-form input[type=number]").all():
            field.fill("88")
        assert page.locator("[data-total]").inner_text() == "88.00"
        screenshot(page, "credit-rating-form")
        page.click("#rating-form button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert page.locator("#credit-grade").inner_text() == "AA"
        page.click("text=申请授信")
        page.fill("#id_amount", "150000")
        page.click("#line-form button[type=submit]")
        page.wait_for_load_state("networkidle")
        screenshot(page, "credit-line-pending")
        page.click("#user-menu")
        page.click("#logout")

        login(page, live_server.url, "head1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/credit/lines/")
        page.click("text=周记农资店")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#approve")
        page.wait_for_load_state("networkidle")
        assert page.locator("#card-number").inner_text().startswith("B01-")
        screenshot(page, "credit-line-approved")
        assert page.external_requests == []
    line = customer.credit_lines.get()
    assert line.status == CreditLineStatus.ACTIVE


def test_village_batch_on_a_phone(live_server, manager, head):
    for name in ("张大山", "李二牛", "王三妹", "赵小四"):
        household(manager, name=name)
    with chromium_page(width=390, height=844) as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/credit/batches/")
        page.click("#villages a.btn")
        page.wait_for_load_state("networkidle")
        rows = page.locator("#batch-grid tbody tr")
        for i, score in enumerate(("95", "85", "72", "62")):
            for field in rows.nth(i).locator("input[type=number]").all():
                field.fill(score)
        screenshot(page, "credit-batch-grid-phone")
        page.click("#rate-village")
        page.wait_for_load_state("networkidle")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#publish")
        page.wait_for_load_state("networkidle")
        assert page.locator("#batch-status").inner_text() == "公示中"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "credit-batch-published-phone")
        page.click("#print-notice")
        page.wait_for_load_state("networkidle")
        assert page.locator("#notice-table tbody tr").count() == 4
        screenshot(page, "credit-notice-phone")
    assert VillageBatch.objects.get().status == "published"


def test_printable_notice_and_loan_cards(live_server, manager, head):
    people = [household(manager, name=n) for n in ("张大山", "李二牛")]
    day = timezone.localdate() - datetime.timedelta(days=9)
    village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    batch = village_batch_rate(
        village=village,
        scores={
            p.pk: scores_for(CustomerType.FARM_HOUSEHOLD, s)
            for p, s in zip(people, (95, 85), strict=True)
        },
        rated_by=manager,
        on=day,
    )
    village_batch_publish(batch=batch, published_by=manager, on=day)
    with chromium_page() as page:
        login(page, live_server.url, "head1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/credit/batches/{batch.pk}/")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#make-effective")
        page.wait_for_load_state("networkidle")
        screenshot(page, "credit-batch-effective")
        page.goto(f"{live_server.url}/customers/credit/batches/{batch.pk}/notice/")
        screenshot(page, "credit-notice")
        page.goto(f"{live_server.url}/customers/credit/batches/{batch.pk}/cards/")
        assert page.locator(".card").count() == 2
        screenshot(page, "credit-loan-cards")
        page.emulate_media(media="print")
        assert page.locator(".toolbar").is_hidden()


def test_customer_panel_renders(live_server, manager, head):
    customer = CustomerFactory(
        manager=manager, name="吴记茶厂", customer_type=CustomerType.SMALL_MICRO
    )
    rated(customer, 92, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=200000, proposed_by=manager)
    credit_line_approve(line=line, approver=head)
    with chromium_page(width=390, height=844) as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/customers/{customer.pk}/credit/")
        assert page.locator("#credit-amount").inner_text() == "200,000.00"
        screenshot(page, "credit-customer-history-phone")
