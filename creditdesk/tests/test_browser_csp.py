"""Real Chromium under the Content-Security-Policy: the main pages raise no CSP violation, and
the behaviours moved out of inline script still work."""

import re

import pytest
from django.core.management import call_command

from creditdesk.demo import DEMO_PASSWORD
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def _watch(page):
    refused = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    page.add_init_script(WATCH)
    return refused


def _violations(page):
    return page.evaluate("window.__csp || []")


def test_main_pages_raise_no_csp_violation(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with chromium_page(locale="zh-CN") as page:
        refused = _watch(page)
        login(page, live_server.url, "manager1", DEMO_PASSWORD)
        # The ground floor does not import the apps: the records come from their lists.
        page.goto(f"{live_server.url}/customers/")
        customer = page.locator("#customer-table a[href^='/customers/']").first.get_attribute(
            "href"
        )
        page.goto(f"{live_server.url}/loans/")
        hrefs = page.locator("main a[href^='/loans/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        application = next(h for h in hrefs if re.fullmatch(r"/loans/\d+/", h))
        pages = {
            "home": "/",
            "customer": customer,
            "rating-form": f"{customer}credit/rate/",
            "villages": "/customers/villages/",
            "application": application,
            "applications": "/loans/",
        }
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            assert _violations(page) == [], name
            screenshot(page, f"csp-{name}")
        assert refused == []

        # The rating form's live total comes from static/js/rating.js.
        page.goto(f"{live_server.url}{customer}credit/rate/")
        for field in page.locator("#rating-form input[type=number]").all():
            field.fill("80")
        page.locator("#rating-form input[type=number]").first.dispatch_event("input")
        assert page.locator("[data-total]").inner_text() == "80.00"

        # Village progress bars take their width from data-progress (no style="").
        page.goto(f"{live_server.url}/customers/villages/")
        bar = page.locator("[data-progress]").first
        expected = float(bar.get_attribute("data-progress"))
        assert bar.evaluate("el => el.style.width") == f"{expected:g}%"

        # The status filter submits itself (data-autosubmit, no onchange=).
        page.goto(f"{live_server.url}/loans/")
        with page.expect_navigation():
            page.select_option("select[name=status]", index=1)
        assert "status=" in page.url

        # So does the language switcher.
        with page.expect_navigation():
            page.select_option("#language-select", "en")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "en"
        assert _violations(page) == [] and refused == []
        assert page.external_requests == []


def test_api_docs_and_admin_raise_no_csp_violation(live_server, bank):
    with chromium_page(locale="zh-CN") as page:
        refused = _watch(page)
        login(page, live_server.url, "admin", DEMO_PASSWORD)
        page.goto(f"{live_server.url}/api/docs/")
        page.locator(".swagger-ui .opblock").first.wait_for(timeout=15000)
        assert _violations(page) == []
        page.goto(f"{live_server.url}/admin/creditdesk/user/")
        page.wait_for_load_state("networkidle")
        assert _violations(page) == []
        assert refused == []
        screenshot(page, "csp-admin-users")


def test_lockout_page_in_the_browser(live_server, bank):
    with chromium_page(locale="zh-CN", width=390, height=844) as page:
        for _ in range(5):
            login(page, live_server.url, "manager1", "wrong-guess")
        assert page.locator("#locked-out").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "login-locked-out-phone")
