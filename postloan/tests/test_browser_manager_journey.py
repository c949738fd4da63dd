"""The manager's measured journey (issue 10): a rated farm household with a loan card borrows
50,000 for 12 months, from the new-application page to the disbursed loan. The manager's
screens, page loads, typed fields and clicks are counted by instrumenting the browser and
must stay within the ceilings — in Chinese and in English. The second investigator and the
branch head act in between (through their services), and are not counted.

What counts:
- a page load: a ``load`` event of the page (a document loaded: a link followed, a form
  posted, an address typed); htmx requests swap parts of a page and are not page loads;
- a screen: a distinct page (its path with the ids taken out);
- a typed field: one ``fill``;
- a click: one ``click``, one ``check``, one choice in a select, one file choice, one
  answer to a confirmation dialog.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from creditdesk.demo import DEMO_PASSWORD
from creditdesk.models import User
from customers.demo import ensure_config
from loans import services as loans
from loans.models import ApplicationStatus, DocumentKind, LoanApplication
from loans.tests.conftest import PDF
from loans.tests.journey import card_holder, loan_card_product, sme_product
from postloan.models import Loan
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

CEILINGS = {"screens": 4, "loads": 8, "typed": 8, "clicks": 25}


@pytest.fixture(autouse=True)
def _rating_config(bank):
    # Transactional tests flush the rows the data migration installed (the scorecards).
    ensure_config()


class Counted:
    """The manager's page, with every action counted (see the module's docstring)."""

    def __init__(self, page):
        self.page = page
        self.loads = 0
        self.typed = 0
        self.clicks = 0
        self.screens: set[str] = set()
        page.on("load", self._loaded)
        page.on("dialog", self._answer)

    def _loaded(self, page) -> None:
        self.loads += 1
        path = page.url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
        self.screens.add(re.sub(r"\d+", "<id>", "/" + path))

    def _answer(self, dialog) -> None:
        self.clicks += 1
        dialog.accept()

    def fill(self, selector: str, text: str) -> None:
        self.typed += 1
        self.page.fill(selector, text)

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)

    def check(self, selector: str) -> None:
        self.clicks += 1
        self.page.check(selector)

    def choose(self, selector: str, value: str) -> None:
        self.clicks += 1
        self.page.select_option(selector, value)

    def files(self, selector: str, paths: list[str]) -> None:
        self.clicks += 1
        self.page.set_input_files(selector, paths)

    def follow(self, selector: str) -> None:
        """Click something that loads a page, and wait for it."""
        self.clicks += 1
        with self.page.expect_navigation():
            self.page.click(selector)

    def totals(self) -> dict:
        return {
            "screens": len(self.screens),
            "loads": self.loads,
            "typed": self.typed,
            "clicks": self.clicks,
        }


def _earlier_application(customer, product, manager, second):
    """Last season's application, withdrawn: its ID copy and credit-report authorisation are
    what the bank already holds."""
    application = loans.application_create(
        created_by=manager,
        customer=customer,
        product=product,
        amount=Decimal("30000"),
        term_months=12,
        repayment_method="equal_instalment",
        proposed_rate=Decimal("5.5"),
        purpose="购买化肥种子",
        first_repayment_source="水稻销售收入",
        production_cycle_months=12,
    )
    loans.application_start_investigation(
        application=application, user=manager, second_investigator=second
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    for kind in (DocumentKind.APPLICANT_ID, DocumentKind.CREDIT_AUTH):
        loans.document_upload(
            application=application,
            user=manager,
            kind=kind,
            upload=SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf"),
        )
    loans.application_withdraw(application=application, user=manager, reason="客户改期")


TEXT = {
    "zh-CN": {
        "search": "王建国",
        "purpose": "购买化肥种子",
        "source": "水稻销售收入",
        "character": "村里口碑好，无不良记录",
        "product": "种植水稻三十亩，收购商固定",
        "collateral": "自建房一套",
        "heard": "村支书、邻居、农资店",
    },
    "en": {
        "search": "王建国",
        "purpose": "Fertiliser and seed",
        "source": "Rice sales",
        "character": "Good name in the village, clean credit report",
        "product": "Thirty mu of rice, a regular buyer",
        "collateral": "Own house",
        "heard": "Village secretary, neighbours, farm-supply shop",
    },
}


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_a_loan_card_loan_from_application_to_disbursement_within_the_ceilings(
    live_server, manager, manager2, head, tmp_path, locale
):
    product = loan_card_product()
    sme_product()
    customer = card_holder(manager, head)
    _earlier_application(customer, product, manager, manager2)
    scans = []
    for name in ("spouse_id", "spouse_credit_auth", "family_consent"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(PDF)
        scans.append(str(path))
    text = TEXT[locale]
    url = live_server.url
    tag = locale[:2]

    with chromium_page(locale=locale, height=1000) as page:
        login(page, url, manager.username, DEMO_PASSWORD)
        me = Counted(page)

        # Screen 1: the new application — the customer found by typing; the loan-card
        # product, term, rate and method proposed; the second investigator named.
        page.goto(f"{url}/loans/new/")
        me.fill("#customer-search", text["search"])
        page.wait_for_selector(f"#customer-results a[href$='?customer={customer.pk}']")
        me.click(f"#customer-results a[href$='?customer={customer.pk}']")
        page.wait_for_selector("#customer-facts")
        assert page.input_value("#id_product") == str(product.pk)
        assert page.input_value("#id_term_months") == "12"
        me.fill("#id_amount", "50000")
        me.fill("#id_purpose", text["purpose"])
        me.fill("#id_first_repayment_source", text["source"])
        me.choose("#id_second_investigator", str(manager2.pk))
        screenshot(page, f"journey-{tag}-1-new-application")
        me.follow("#save-application")
        application = LoanApplication.objects.get(customer=customer, status="investigating")

        # Screen 2: the investigation, started from today and last year's figures.
        assert page.input_value("#id_annual_sales") != ""
        assert page.input_value("#id_visit_date") != ""
        for name in ("character", "product_quality", "collateral"):
            me.choose(f"#id_{name}", "good")
        me.fill("#id_character_evidence", text["character"])
        me.fill("#id_product_evidence", text["product"])
        me.fill("#id_collateral_evidence", text["collateral"])
        me.fill("#id_hear_sources", text["heard"])
        me.check("#id_hear_cross_checked")
        me.click("#all-answered")
        me.click("#draft-report")
        assert text["character"] in page.input_value("#id_report")
        screenshot(page, f"journey-{tag}-2-investigation")
        me.follow("#save-investigation")

        # Screen 3: the application — the IDs and the authorisation the bank holds are
        # ticked; the three new scans chosen at once, each kind proposed.
        assert page.locator("#held-documents input:checked").count() == 2
        me.files("#upload-form input[type=file]", scans)
        kinds = page.locator("#upload-kinds select")
        assert [kinds.nth(i).input_value() for i in range(3)] == [
            "spouse_id",
            "spouse_credit_auth",
            "family_consent",
        ]
        me.click("#upload-documents")
        page.wait_for_selector(".upload-result")
        assert page.locator("#checklist .bi-x-circle").count() == 0
        assert page.locator("#submit-application[disabled]").count() == 1  # not confirmed yet
        screenshot(page, f"journey-{tag}-3-documents")

        # The second investigator confirms (not counted).
        loans.investigation_confirm(application=application, user=manager2)

        # The bell says it is the manager's turn; the notice leads to the application.
        notice = f"#notice-menu a.notice-item[href='/loans/{application.pk}/']"
        me.click("#notice-bell")
        page.wait_for_selector(notice)
        me.follow(notice)
        me.follow("#submit-application")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED

        # The branch head approves (not counted).
        loans.application_approve(application=application, approver=head, opinion="同意")

        me.click("#notice-bell")
        page.wait_for_selector(notice)
        me.follow(notice)
        me.follow("#sign-contract")  # and the confirmation dialog
        me.follow("#disburse")  # and the confirmation dialog
        loan = Loan.objects.get(application=application)
        assert loan.principal == Decimal("50000")
        screenshot(page, f"journey-{tag}-4-loan")
        totals = me.totals()

    print(f"manager's journey ({locale}):", totals, sorted(me.screens))
    assert totals == {"screens": 4, "loads": 8, "typed": 8, "clicks": 21}, totals
    assert all(totals[k] <= CEILINGS[k] for k in CEILINGS)
    assert not User.objects.get(pk=manager.pk).notifications.open().exists()
