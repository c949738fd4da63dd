"""The authority table is data administrators edit, and decides each approver's limit."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from creditdesk.models import AuthorityLimit, Role


def test_head_gets_the_row_of_their_grade(head):
    assert head.grade == 2
    assert AuthorityLimit.objects.for_user(head).max_loan_amount == Decimal("500000.00")


def test_committee_gets_role_default_row(committee):
    assert AuthorityLimit.objects.for_user(committee).max_loan_amount == Decimal("5000000.00")


def test_grade_without_row_falls_back_to_role_default(bank, head):
    AuthorityLimit.objects.create(role=Role.BRANCH_HEAD, grade=None, max_loan_amount=100)
    head.grade = 7
    assert AuthorityLimit.objects.for_user(head).max_loan_amount == Decimal("100.00")


def test_no_row_means_no_authority(bank, auditor):
    assert AuthorityLimit.objects.for_user(auditor) is None


def test_database_refuses_two_rows_for_one_role_and_grade(bank):
    with pytest.raises(IntegrityError):
        AuthorityLimit.objects.create(role=Role.BRANCH_HEAD, grade=2, max_loan_amount=1)


def test_database_refuses_negative_limit(bank):
    with pytest.raises(IntegrityError):
        AuthorityLimit.objects.create(role=Role.AUDITOR, grade=1, max_loan_amount=-1)


def test_admin_edits_the_table_through_api_and_it_is_audited(bank, api_for, admin_user, head):
    row = AuthorityLimit.objects.get(role=Role.BRANCH_HEAD, grade=2)
    response = api_for(admin_user).patch(
        f"/api/authority-limits/{row.pk}/", {"max_loan_amount": "600000.00"}, format="json"
    )
    assert response.status_code == 200
    assert AuthorityLimit.objects.for_user(head).max_loan_amount == Decimal("600000.00")
    latest = row.history.latest()
    assert latest.history_user == admin_user
    assert latest.max_loan_amount == Decimal("600000.00")


@pytest.mark.parametrize("who", ["head", "manager", "auditor", "committee"])
def test_only_admin_may_change_the_table(bank, api_for, request, who):
    row = AuthorityLimit.objects.get(role=Role.BRANCH_HEAD, grade=2)
    response = api_for(request.getfixturevalue(who)).patch(
        f"/api/authority-limits/{row.pk}/", {"max_loan_amount": "9.00"}, format="json"
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.max_loan_amount == Decimal("500000.00")


def test_authority_page_lists_the_table(bank, client_for, manager):
    response = client_for(manager).get("/organisation/authority/")
    assert response.status_code == 200
    assert "500,000.00" in response.content.decode()
