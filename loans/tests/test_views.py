"""The loan pages: scoped to the user, read-only for auditors, query counts pinned."""

from decimal import Decimal

import pytest

from loans.models import ApplicationStatus
from loans.tests.conftest import make_application


def test_manager_sees_own_application(client_for, manager, pending):
    response = client_for(manager).get(f"/loans/{pending.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "张大山" in html
    assert f"/activity/loans/loanapplication/{pending.pk}/" in html
    assert 'id="timeline"' in html


def test_other_branch_gets_404(client_for, other_manager, other_head, pending):
    assert client_for(other_manager).get(f"/loans/{pending.pk}/").status_code == 404
    assert client_for(other_head).get(f"/loans/{pending.pk}/").status_code == 404


def test_auditor_reads_but_cannot_post(client_for, auditor, pending):
    client = client_for(auditor)
    assert client.get(f"/loans/{pending.pk}/").status_code == 200
    response = client.post(f"/loans/{pending.pk}/review/", {"opinion": "x", "action": "approve"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.SUBMITTED


def test_head_approves_through_the_page(client_for, head, pending):
    response = client_for(head).post(
        f"/loans/{pending.pk}/review/",
        {"opinion": "同意", "conditions": "按月走访", "amount": "90000", "action": "approve"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.APPROVED
    assert pending.approved_amount == Decimal("90000")


def test_refusal_is_shown_not_crashed(client_for, head, customer, product, manager, manager2):
    from loans.tests.conftest import submitted

    big = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    response = client_for(head).post(
        f"/loans/{big.pk}/review/", {"opinion": "同意", "action": "approve"}, follow=True
    )
    assert "超出您的审批权限" in response.content.decode()


def test_manager_creates_through_the_form(client_for, manager, customer, product):
    response = client_for(manager).post(
        "/loans/new/",
        {
            "customer": customer.pk,
            "product": product.pk,
            "amount": "50000",
            "term_months": "12",
            "repayment_method": "equal_principal",
            "proposed_rate": "6.5",
            "purpose": "购买化肥",
            "first_repayment_source": "种植收入",
            "second_repayment_source": "",
            "production_cycle_months": "8",
        },
    )
    assert response.status_code == 302
    assert customer.applications.get().status == ApplicationStatus.DRAFT


def test_head_queue_lists_pending(client_for, head, pending):
    response = client_for(head).get("/loans/queue/")
    assert response.status_code == 200
    assert f"/loans/{pending.pk}/" in response.content.decode()


def test_home_shows_loan_panels(client_for, head, manager, pending):
    assert "panel-approval-queue" in client_for(head).get("/").content.decode()
    assert "panel-my-applications" in client_for(manager).get("/").content.decode()


def test_english_pages_are_in_english(client_for, manager, pending):
    response = client_for(manager).get(f"/loans/{pending.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Loan application" in html
    assert "贷款申请" not in html


@pytest.mark.parametrize("count", [1, 6])
def test_application_list_query_count(
    client_for, manager, customer, product, count, django_assert_num_queries
):
    for _ in range(count):
        make_application(customer, product, manager)
    client = client_for(manager)
    client.get("/loans/")  # warm the session
    # session, user, user's branch (menu), the open notices' count (menu), count, one page of
    # applications with customer, product and manager joined: the same for 1 row as for 6.
    with django_assert_num_queries(6):
        response = client.get("/loans/")
    assert response.status_code == 200


def test_manager_edits_a_returned_application(client_for, manager, head, pending):
    from loans import services

    services.application_return(application=pending, reviewer=head, comments="金额偏高")
    response = client_for(manager).post(
        f"/loans/{pending.pk}/edit/",
        {
            "amount": "70000",
            "term_months": "12",
            "repayment_method": "equal_instalment",
            "proposed_rate": "6.5",
            "purpose": "购买饲料",
            "first_repayment_source": "生猪销售收入",
            "second_repayment_source": "",
            "production_cycle_months": "6",
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.amount == Decimal("70000")


def test_committee_votes_through_the_page(
    client_for, committee, committee2, head, customer, product, manager, manager2
):
    from loans import services
    from loans.tests.conftest import submitted

    big = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=big, reviewer=head, opinion="上会")
    assert f"/loans/{big.pk}/" in client_for(committee).get("/loans/queue/").content.decode()
    client_for(committee).post(f"/loans/{big.pk}/vote/", {"vote": "approve", "opinion": "同意"})
    client_for(committee2).post(f"/loans/{big.pk}/vote/", {"vote": "approve"})
    big.refresh_from_db()
    assert big.status == ApplicationStatus.APPROVED
