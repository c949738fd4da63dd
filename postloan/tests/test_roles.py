"""The role × action table (docs/roles.md), walked for post-loan: every row's service is
called as each role; an allowed role succeeds, any other gets 403 (issue 8, finding 4)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from creditdesk.permissions_table import COLUMNS, TABLE
from postloan import services

FIXTURE = {
    "manager": "manager",
    "branch_head": "head",
    "committee": "committee",
    "auditor": "auditor",
    "admin": "admin_user",
}


def disburse(user, request):
    signed = request.getfixturevalue("signed")
    services.loan_open(application=signed, by=user, day=signed.contract_signed_on)


def repayment(user, request):
    loan = request.getfixturevalue("loan")
    services.loan_record_repayment(
        loan=loan, user=user, amount=Decimal("100.00"), paid_on=loan.disbursed_on
    )


def write_off(user, request):
    services.loan_write_off(loan=request.getfixturevalue("loan"), user=user, reason="借款人失联")


def inspect(user, request):
    from postloan.tests.test_inspections import COMPLETE

    inspection = services.inspection_start(loan=request.getfixturevalue("loan"), by=user)
    services.inspection_save_draft(inspection=inspection, by=user, values=COMPLETE)
    services.inspection_submit(inspection=inspection, by=user)


def classify(user, request):
    services.classification_propose(
        loan=request.getfixturevalue("loan"), by=user, category="substandard", reason="停产"
    )


def classify_decide(user, request):
    loan = request.getfixturevalue("loan")
    manager = request.getfixturevalue("manager")
    services.classification_propose(loan=loan, by=manager, category="substandard", reason="停产")
    proposal = services.classification_propose(
        loan=loan, by=manager, category="normal", reason="复产"
    )
    services.classification_decide(proposal=proposal, by=user, approve=True, opinion="同意")


def restructure(user, request):
    services.loan_mark_restructured(
        loan=request.getfixturevalue("loan"),
        by=user,
        kind="restructured",
        observation_until=datetime.date.today() + datetime.timedelta(days=365),
    )


def run_nightly(user, request):
    services.nightly_request(by=user)


SCENARIOS = {
    "postloan.inspect": inspect,
    "postloan.disburse": disburse,
    "postloan.repayment": repayment,
    "postloan.write_off": write_off,
    "postloan.classify": classify,
    "postloan.classify_decide": classify_decide,
    "postloan.restructure": restructure,
    "postloan.run_nightly": run_nightly,
}
ROWS = [rule for rule in TABLE if rule.action.startswith("postloan.")]


def test_every_postloan_row_of_the_table_is_walked():
    assert set(SCENARIOS) == {rule.action for rule in ROWS}


@pytest.mark.parametrize("role", COLUMNS)
@pytest.mark.parametrize("rule", ROWS, ids=lambda rule: rule.action)
def test_the_role_may_do_what_the_table_allows_and_nothing_else(rule, role, bank, request):
    user = request.getfixturevalue(FIXTURE[role])
    if role in rule.allowed:
        SCENARIOS[rule.action](user, request)
    else:
        with pytest.raises(PermissionDenied):
            SCENARIOS[rule.action](user, request)


def test_an_administrator_cannot_write_off_a_loan(loan, admin_user, api_for):
    response = api_for(admin_user).post(
        f"/api/loans/{loan.pk}/write-off/", {"reason": "借款人失联"}, format="json"
    )
    assert response.status_code == 403
    loan.refresh_from_db()
    assert loan.status == "active"
