"""The inspection on a phone (390 px) in Chromium: the manager continues the demo's surprise
visit, taps the big buttons, the draft saves itself; the head reads the early-warning board.
Nothing is wider than the screen; screenshots in test-artifacts/ for review."""

import pytest
from django.core.management import call_command

from creditdesk.demo import DEMO_PASSWORD
from postloan.models import Inspection
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_an_inspection_is_filled_on_a_phone_and_saves_itself(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    draft = Inspection.objects.drafts().get()
    with chromium_page(locale="zh-CN", width=390, height=844) as page:
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/postloan/inspections/{draft.pk}/")
        assert page.evaluate(WIDE) <= 0
        assert page.locator("input[type=file][capture=environment]").count() == 1
        page.click("label[for=id_business_condition_1]")  # 有隐患
        page.wait_for_selector("#draft-state .text-success")
        screenshot(page, "phone-inspection-form")
        page.goto(f"{live_server.url}/postloan/inspections/")
        assert page.evaluate(WIDE) <= 0
        screenshot(page, "phone-inspection-worklist")
        page.context.clear_cookies()
        login(page, live_server.url, "head1", DEMO_PASSWORD)
        assert page.locator("#panel-warnings li").count() >= 1
        page.goto(f"{live_server.url}/postloan/warnings/")
        assert page.evaluate(WIDE) <= 0
        screenshot(page, "phone-warning-board")
        assert page.external_requests == []
    draft.refresh_from_db()
    assert draft.business_condition == "concern"
