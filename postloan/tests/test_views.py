"""The loan pages: the ledger, a loan with its schedule, repayment, the disburse button, the
overdue panel and the admin — scoped, read-only where a bank rule applies."""

import datetime
from decimal import Decimal

from loans.models import ApplicationStatus
from postloan.models import Loan
from postloan.tests.test_disbursement_and_repayment import back_dated_loan


def test_disburse_button_opens_the_loan(client_for, manager, signed):
    response = client_for(manager).post(
        f"/postloan/applications/{signed.pk}/disburse/", {"day": signed.contract_signed_on}
    )
    loan = Loan.objects.get(application=signed)
    assert response.status_code == 302
    assert response["Location"] == f"/postloan/loans/{loan.pk}/"
    signed.refresh_from_db()
    assert signed.status == ApplicationStatus.DISBURSED
    page = client_for(manager).get(f"/loans/{signed.pk}/").content.decode()
    assert f"/postloan/loans/{loan.pk}/" in page


def test_disburse_button_refusal_is_a_message(client_for, manager, approved):
    response = client_for(manager).post(
        f"/postloan/applications/{approved.pk}/disburse/", {}, follow=True
    )
    assert "不能放款" in response.content.decode()
    assert not Loan.objects.exists()


def test_loan_pages_are_scoped(client_for, manager, other_manager, auditor, loan):
    assert client_for(manager).get("/postloan/loans/").status_code == 200
    assert loan.contract_number in client_for(manager).get("/postloan/loans/").content.decode()
    html = client_for(manager).get(f"/postloan/loans/{loan.pk}/").content.decode()
    assert 'id="repayment-form"' in html
    assert f"/activity/postloan/loan/{loan.pk}/" in html
    assert client_for(other_manager).get(f"/postloan/loans/{loan.pk}/").status_code == 404
    response = client_for(auditor).post(
        f"/postloan/loans/{loan.pk}/repayments/", {"amount": "100", "paid_on": loan.disbursed_on}
    )
    assert response.status_code == 403


def test_repayment_through_the_page(client_for, manager, loan):
    response = client_for(manager).post(
        f"/postloan/loans/{loan.pk}/repayments/",
        {"amount": "5000.00", "paid_on": loan.disbursed_on},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.outstanding_principal == loan.principal - Decimal("5000.00")


def test_refused_repayment_is_shown_with_the_amount_typed(client_for, manager, loan):
    response = client_for(manager).post(
        f"/postloan/loans/{loan.pk}/repayments/",
        {"amount": "99999999.00", "paid_on": loan.disbursed_on},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "超出全部欠款" in html
    assert 'value="99999999.00"' in html
    assert not loan.repayments.exists()


def test_manager_home_shows_the_overdue_panel(
    client_for, customer, product, manager, manager2, head
):
    back_dated_loan(customer, product, manager, manager2, head, months_ago=3)
    html = client_for(manager).get("/").content.decode()
    assert 'id="panel-overdue"' in html
    assert 'id="panel-my-applications"' in html


def test_write_off_through_the_api(api_for, committee, manager, loan):
    assert (
        api_for(manager)
        .post(f"/api/loans/{loan.pk}/write-off/", {"reason": "失联"}, format="json")
        .status_code
        == 403  # a manager's role may not write off (docs/roles.md)
    )
    r = api_for(committee).post(
        f"/api/loans/{loan.pk}/write-off/", {"reason": "失联"}, format="json"
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "written_off"


def test_bad_ids_in_loan_actions_are_404(api_for, manager, committee):
    for url in ("/api/loans/abc/repayments/", "/api/applications/abc/disburse/"):
        assert api_for(manager).post(url, {}, format="json").status_code == 404
    assert api_for(committee).post("/api/loans/abc/write-off/", {}).status_code == 404


def test_admin_shows_loans_read_only_and_products_editable(client_for, admin_user, loan):
    client = client_for(admin_user)
    assert client.get(f"/admin/postloan/loan/{loan.pk}/change/").status_code == 200
    assert client.get("/admin/postloan/loan/add/").status_code == 403
    assert client.get(f"/admin/postloan/loan/{loan.pk}/delete/").status_code == 403
    assert client.get("/admin/postloan/repayment/add/").status_code == 403
    assert client.get("/admin/postloan/instalment/add/").status_code == 403
    for model in ("loanapplication", "approvaldecision", "committeevote", "document"):
        assert client.get(f"/admin/loans/{model}/add/").status_code == 403
    assert client.get("/admin/loans/loanproduct/add/").status_code == 200
    assert datetime.date.today() >= loan.disbursed_on
