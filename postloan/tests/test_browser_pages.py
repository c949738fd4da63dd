"""The demo bank's loan pages in Chromium, in Chinese and English (screenshots for review)."""

import pytest
from django.core.management import call_command

from creditdesk.demo import DEMO_PASSWORD
from loans.models import LoanApplication
from postloan.models import Loan
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def test_demo_pages_render(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    overdue = Loan.objects.filter(overdue_since__isnull=False).first()
    referred = LoanApplication.objects.get(status="referred")
    with chromium_page(locale="zh-CN") as page:
        login(page, live_server.url, "head1", DEMO_PASSWORD)
        assert page.locator("#panel-approval-queue li").count() >= 1
        screenshot(page, "loans-home-head")
        page.context.clear_cookies()
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        assert page.locator("#panel-overdue").count() == 1
        screenshot(page, "loans-home-manager")
        page.goto(f"{live_server.url}/loans/")
        screenshot(page, "loans-list")
        page.goto(f"{live_server.url}/postloan/loans/{overdue.pk}/")
        assert page.locator("#dpd").inner_text().strip() != "0"
        screenshot(page, "loans-overdue-loan")
    with chromium_page(locale="en-US") as page:
        login(page, live_server.url, "committee1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/loans/{referred.pk}/")
        assert "Referred to committee" in page.content()
        screenshot(page, "loans-referred-en")
        assert page.external_requests == []
