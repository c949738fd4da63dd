"""The whole journey in Chromium: the manager creates, investigates and submits; the second
investigator confirms; the branch head approves with a condition; the manager signs the
contract, disburses and records a repayment."""

import pytest

from creditdesk.demo import DEMO_PASSWORD
from loans.models import ApplicationStatus, LoanApplication
from loans.tests.conftest import PDF
from postloan.models import Loan
from tests.browser import chromium_page, login, screenshot
from tests.helpers import requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def submit(page, selector):
    """Click a button that posts a form and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def switch_user(page, url, username):
    page.context.clear_cookies()
    login(page, url, username, DEMO_PASSWORD)


def test_loan_journey_in_the_browser(live_server, bank, customer, product, tmp_path):
    url = live_server.url
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(PDF)
    with chromium_page(locale="zh-CN", height=1000) as page:
        page.on("dialog", lambda dialog: dialog.accept())
        login(page, url, "manager1", DEMO_PASSWORD)

        # The manager creates the application.
        page.goto(f"{url}/loans/new/")
        page.fill("#customer-search", customer.name)
        page.click(f"#customer-results a[href$='?customer={customer.pk}']")
        page.wait_for_selector("#customer-facts")
        page.select_option("#id_product", str(product.pk))
        page.wait_for_load_state("networkidle")  # the form proposes the product's defaults
        page.fill("#id_amount", "100000")
        page.fill("#id_term_months", "12")
        page.select_option("#id_repayment_method", "equal_instalment")
        page.fill("#id_proposed_rate", "6.5")
        page.fill("#id_purpose", "购买饲料")
        page.fill("#id_first_repayment_source", "生猪销售收入")
        page.fill("#id_production_cycle_months", "6")
        screenshot(page, "loans-create")
        page.click("#application-form button[type=submit]")
        page.wait_for_url(f"{url}/loans/*/")
        application = LoanApplication.objects.get(customer=customer)

        # … starts the investigation with a second investigator and records the findings.
        page.select_option("#id_second_investigator", label="王客户经理")
        page.click("#start-investigation")
        page.wait_for_url(f"{url}/loans/{application.pk}/investigation/")
        page.fill("#id_visit_date", "2026-11-01")
        for name in ("character", "product_quality", "collateral"):
            page.select_option(f"#id_{name}", "good")
        page.fill("#id_character_evidence", "村里口碑好")
        page.fill("#id_product_evidence", "存栏三百头，销路稳定")
        page.fill("#id_collateral_evidence", "自建房一套")
        page.fill("#id_hear_sources", "村支书、邻居")
        page.check("#id_hear_cross_checked")
        for name in (
            "ask_production_sales",
            "ask_receivables_payables",
            "ask_upstream_downstream",
            "ask_wages",
            "ask_water_power",
        ):
            page.select_option(f"#id_{name}", "answered")
        page.fill("#id_annual_sales", "600000")
        page.fill("#id_report", "经营正常，建议发放。")
        screenshot(page, "loans-investigation")
        page.click("#save-investigation")
        page.wait_for_url(f"{url}/loans/{application.pk}/")

        # … uploads the documents the checklist asks for, all at once (each kind proposed).
        kinds = application.product.document_checklist(customer.customer_type)
        scans = []
        for kind in kinds:
            scans.append(tmp_path / f"{kind}.pdf")
            scans[-1].write_bytes(PDF)
        page.set_input_files("#upload-form input[type=file]", [str(p) for p in scans])
        page.click("#upload-documents")
        page.wait_for_selector(".upload-result")
        assert page.locator("#checklist .bi-x-circle").count() == 0

        # The second investigator confirms.
        switch_user(page, url, "manager2")
        page.goto(f"{url}/loans/{application.pk}/")
        submit(page, "#confirm-investigation")
        assert page.locator("#confirmed").count() == 1

        # The manager submits.
        switch_user(page, url, "manager1")
        page.goto(f"{url}/loans/{application.pk}/")
        submit(page, "#submit-application")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED, page.content()[:3000]

        # The branch head approves from the queue, with a condition.
        switch_user(page, url, "head1")
        page.goto(f"{url}/loans/queue/")
        screenshot(page, "loans-queue")
        page.click(f"#applications a[href='/loans/{application.pk}/'] >> nth=0")
        page.fill("#id_opinion", "同意发放")
        page.fill("#id_conditions", "配偶到场共同签字")
        page.fill("#id_amount", "90000")
        screenshot(page, "loans-review")
        submit(page, "#approve")
        application.refresh_from_db()
        assert application.status == ApplicationStatus.APPROVED

        # The manager signs the contract, disburses and records a repayment.
        switch_user(page, url, "manager1")
        page.goto(f"{url}/loans/{application.pk}/")
        submit(page, "#sign-contract")
        assert page.locator("#contract-number").count() == 1
        page.click("#disburse")
        page.wait_for_url(f"{url}/postloan/loans/*/")
        loan = Loan.objects.get(application=application)
        assert loan.principal == 90000
        page.fill("#id_amount", "5000")
        submit(page, "#record-repayment")
        loan.refresh_from_db()
        assert loan.outstanding_principal == 85000
        screenshot(page, "loans-loan-detail")
        page.goto(f"{url}/loans/{application.pk}/")
        screenshot(page, "loans-application-detail")
        assert page.external_requests == []
