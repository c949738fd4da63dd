"""The demo bank on a phone (390 px): the main pages of every role fit the screen.

A page fails when it is wider than the screen (``scrollWidth > innerWidth``), when a table
hides columns behind a sideways scroll bar (lists become cards below 576 px: the ``cd-cards``
tables of ``static/css/creditdesk.css``), or when a record's next action (``cd-next``) is not
on the first screen. Screenshots of every page land in ``test-artifacts/phone-*.png``.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from creditdesk.demo import DEMO_PASSWORD
from creditdesk.models import User
from customers.models import CreditLine, Customer
from guarantees.models import Collateral, Guarantor, JointGroup
from loans.models import LoanApplication
from postloan.models import Loan
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

WIDTH = 390

# What is too wide: the page itself, or a list table scrolling sideways inside its box.
MEASURE = """() => {
  const edge = window.innerWidth + 1;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className;
  const past = e => e.getBoundingClientRect().right > edge && e.getClientRects().length > 0;
  // a table wider than its box (it scrolls sideways inside .table-responsive)
  const sideways = [...document.querySelectorAll('main table')]
    .filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1)
    .map(name);
  // the innermost elements reaching past the right edge: what to fix
  const beyond = [...document.querySelectorAll('body *')]
    .filter(e => past(e) && ![...e.children].some(past))
    .slice(0, 3)
    .map(name);
  const width = document.documentElement.scrollWidth;
  // a record's next action (.cd-next): how far down the page it starts
  const next = document.querySelector('.cd-next');
  const nextTop = next ? next.getBoundingClientRect().top + window.scrollY : null;
  return {width, innerWidth: window.innerWidth, sideways, beyond, nextTop};
}"""

# Record pages whose next action must be on the first screen (the manager's own records).
RECORDS = {"customer", "application", "loan"}
HEIGHT = 844


def _pages() -> dict[str, list[tuple[str, str]]]:
    """Each signed-in user and the pages they open, with a name for the screenshot."""
    me = User.objects.get(username="manager1")
    customer = Customer.objects.visible_to(me).filter(loans__isnull=False).order_by("pk")[0]
    applications = LoanApplication.objects.visible_to(me).order_by("pk")
    application = (
        applications.filter(investigation__isnull=False, guarantees__isnull=False).first()
        or applications.first()
    )
    submitted = LoanApplication.objects.filter(status="submitted").order_by("pk").first()
    loans = Loan.objects.visible_to(me).order_by("pk")
    loan = loans.filter(overdue_since__isnull=False).first() or loans.first()
    line = CreditLine.objects.visible_to(me).order_by("pk").first()
    guarantor = Guarantor.objects.visible_to(me).order_by("pk").first()
    collateral = Collateral.objects.visible_to(me).order_by("pk").first()
    group = JointGroup.objects.visible_to(me).order_by("pk").first()
    manager = [
        ("home", "/"),
        ("customers", "/customers/"),
        ("customer", f"/customers/{customer.pk}/"),
        ("customer-credit", f"/customers/{customer.pk}/credit/"),
        ("pipeline", "/customers/pipeline/"),
        ("followups", "/customers/followups/"),
        ("villages", "/customers/villages/"),
        ("applications", "/loans/"),
        ("application", f"/loans/{application.pk}/"),
        ("loans", "/postloan/loans/"),
        ("loan", f"/postloan/loans/{loan.pk}/"),
        ("credit-lines", "/customers/credit/lines/"),
        ("credit-line", f"/customers/credit/lines/{line.pk}/"),
        ("batches", "/customers/credit/batches/"),
        ("guarantors", "/guarantees/guarantors/"),
        ("guarantor", f"/guarantees/guarantors/{guarantor.pk}/"),
        ("collateral-list", "/guarantees/collateral/"),
        ("collateral", f"/guarantees/collateral/{collateral.pk}/"),
        ("groups", "/guarantees/groups/"),
        ("circles", "/guarantees/circles/"),
        ("structure", f"/guarantees/applications/{application.pk}/"),
        ("activity", f"/activity/loans/loanapplication/{application.pk}/"),
    ]
    if group is not None:
        manager.append(("group", f"/guarantees/groups/{group.pk}/"))
    head = [
        ("home", "/"),
        ("queue", "/loans/queue/"),
        ("customers", "/customers/"),
        ("credit-lines", "/customers/credit/lines/"),
        ("loans", "/postloan/loans/"),
        ("loan", f"/postloan/loans/{loan.pk}/"),
        ("class-proposals", "/postloan/classification-proposals/"),
    ]
    if submitted is not None:
        head.append(("application", f"/loans/{submitted.pk}/"))
    return {
        "manager1": manager,
        "head1": head,
        "committee1": [("home", "/"), ("applications", "/loans/")],
        "auditor": [("home", "/"), ("loans", "/postloan/loans/")],
        "admin": [("home", "/")],
    }


def _too_wide(live_server, locale: str, lang: str) -> list[str]:
    found = []
    with chromium_page(locale=locale, width=WIDTH, height=HEIGHT) as page:
        for username, pages in _pages().items():
            page.context.clear_cookies()
            login(page, live_server.url, username, DEMO_PASSWORD)
            for name, path in pages:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, (username, path, response.status)
                page.wait_for_load_state("networkidle")
                measure = page.evaluate(MEASURE)
                screenshot(page, f"phone-{lang}-{username}-{name}")
                if measure["width"] > measure["innerWidth"]:
                    wide = f"page {measure['width']} px wide, past the edge: {measure['beyond']}"
                    found.append(f"{username} {path}: {wide}")
                if measure["sideways"]:
                    found.append(f"{username} {path}: table scrolls sideways {measure['sideways']}")
                top = measure["nextTop"]
                if (username == "manager1" and name in RECORDS and top is None) or (
                    top is not None and top > HEIGHT
                ):
                    found.append(f"{username} {path}: the next action starts at {top} px")
    return found


def test_main_pages_fit_a_phone_in_chinese_and_english(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    found = _too_wide(live_server, "zh-CN", "zh") + _too_wide(live_server, "en-US", "en")
    assert found == [], "\n".join(found)


NAV_ROWS = """() => {
  const items = [...document.querySelectorAll('#mainnav > .navbar-nav > .nav-item')]
    .filter(li => li.getClientRects().length);
  return new Set(items.map(li => Math.round(li.getBoundingClientRect().top))).size;
}"""


def test_english_menu_keeps_to_one_line_at_1280(live_server, bank):
    with chromium_page(locale="en-US", width=1280, height=800) as page:
        for username in ("manager1", "head1", "committee1", "auditor", "admin"):
            page.context.clear_cookies()
            login(page, live_server.url, username, DEMO_PASSWORD)
            rows = page.evaluate(NAV_ROWS)
            screenshot(page, f"menu-en-1280-{username}")
            assert rows == 1, f"{username}: the menu wraps onto {rows} lines"
