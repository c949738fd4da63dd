"""The customer file lists the customer's applications and the loans opened from them: status,
amount, balance, days overdue, each linking to its record (``postloan.files``)."""

from __future__ import annotations

from decimal import Decimal

from loans.tests.conftest import make_application
from postloan.tests.test_disbursement_and_repayment import back_dated_loan


def test_file_lists_applications_and_loans_with_links(
    client_for, manager, manager2, head, customer, product
):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=3)
    draft = make_application(customer, product, manager, amount=Decimal("20000.00"))
    html = client_for(manager).get(f"/customers/{customer.pk}/").content.decode()
    panel = html[html.index('id="file-loans"') :]
    panel = panel[: panel.index("</table>")]
    assert f'href="/loans/{draft.pk}/"' in panel and "20,000.00" in panel
    assert f'href="/loans/{loan.application_id}/"' in panel
    assert f'href="/postloan/loans/{loan.pk}/">{loan.contract_number}</a>' in panel
    assert f"{loan.outstanding_principal:,.2f}" in panel
    assert f"逾期 {loan.days_past_due_on()} 天" in panel
    assert "1 笔在贷" in html


def test_file_of_a_prospect_says_there_is_no_application(client_for, manager, customer):
    html = client_for(manager).get(f"/customers/{customer.pk}/").content.decode()
    assert 'id="file-loans"' in html
    assert "尚无贷款申请。" in html


def test_file_in_english_reads_applications_and_loans(client_for, manager, customer, product):
    make_application(customer, product, manager)
    response = client_for(manager).get(f"/customers/{customer.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Applications and loans" in response.content.decode()
