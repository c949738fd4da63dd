"""The inspection plan (贷后检查计划): the first inspection after disbursement, then a cadence
by size and risk, an overdue loan due at once; the nightly replan agrees with the rule per
loan and is idempotent; the week's worklist puts the large and the exceptions first."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from postloan import planning, services
from postloan.models import Loan, LoanClass
from postloan.queries import inspection_worklist
from postloan.tests.test_inspections import inspect

DAY = datetime.timedelta(days=1)


def test_the_first_inspection_is_due_the_configured_days_after_disbursement(
    signed, manager, settings
):
    settings.INSPECTION_FIRST_DAYS = 10
    loan = services.loan_open(application=signed, by=manager, day=signed.contract_signed_on)
    assert loan.next_inspection_due == loan.disbursed_on + 10 * DAY
    assert loan.last_inspected_on is None


@pytest.mark.parametrize(
    ("large", "classification", "days"),
    [(False, "normal", 180), (True, "normal", 90), (True, "special_mention", 30)],
)
def test_after_an_inspection_the_cadence_follows_size_and_risk(
    loan, manager, large, classification, days
):
    Loan.objects.filter(pk=loan.pk).update(is_large=large, classification=classification)
    inspection = inspect(loan, manager)
    loan.refresh_from_db()
    assert loan.last_inspected_on == inspection.inspected_on
    assert loan.next_inspection_due == inspection.inspected_on + days * DAY


def test_an_overdue_loan_is_due_at_once_until_inspected_since(loan, manager):
    inspect(loan, manager)
    since = timezone.localdate()
    Loan.objects.filter(pk=loan.pk).update(overdue_since=since, last_inspected_on=since - DAY)
    assert services.inspections_replan(on=since) == 1
    loan.refresh_from_db()
    assert loan.next_inspection_due == since
    # Inspected after it fell overdue: the risk cadence, not "at once".
    Loan.objects.filter(pk=loan.pk).update(last_inspected_on=since)
    services.inspections_replan(on=since)
    loan.refresh_from_db()
    assert loan.next_inspection_due == since + 30 * DAY


def test_the_replan_matches_the_rule_for_every_kind_of_loan_and_runs_once(loan, manager):
    """Every combination of the columns the rule reads, on one loan at a time: the SQL
    expression gives the date the Python rule gives (SQLite and PostgreSQL alike)."""
    today = timezone.localdate()
    disbursed = loan.disbursed_on
    grid = itertools.product(
        (None, disbursed + 3 * DAY),  # last inspected
        (None, disbursed + 1 * DAY, disbursed + 5 * DAY),  # overdue since
        (False, True),  # large
        ("normal", "substandard"),
        ("active", "settled"),
    )
    for last, since, large, category, status in grid:
        Loan.objects.filter(pk=loan.pk).update(
            last_inspected_on=last,
            overdue_since=since,
            is_large=large,
            classification=category,
            status=status,
            next_inspection_due=datetime.date(2000, 1, 1),
        )
        services.inspections_replan(on=today)
        loan.refresh_from_db()
        assert loan.next_inspection_due == planning.next_due(loan), (last, since, large, category)
        assert services.inspections_replan(on=today) == 0  # nothing left to change


def _loan_due(loan, *, due, large=False, since=None):
    Loan.objects.filter(pk=loan.pk).update(
        next_inspection_due=due, is_large=large, overdue_since=since
    )
    return loan


def test_the_weeks_worklist_puts_large_and_exceptions_first(
    customer, product, manager, manager2, head, other_manager
):
    from postloan.tests.test_disbursement_and_repayment import back_dated_loan

    today = timezone.localdate()
    made = [
        back_dated_loan(customer, product, manager, manager2, head, months_ago=1) for _ in range(5)
    ]
    small, large, overdue, large_overdue, later = made
    _loan_due(small, due=today - 2 * DAY)
    _loan_due(large, due=today + 3 * DAY, large=True)
    _loan_due(overdue, due=today, since=today - 20 * DAY)
    _loan_due(large_overdue, due=today + 6 * DAY, large=True, since=today - 5 * DAY)
    _loan_due(later, due=today + 8 * DAY, large=True)  # next week
    assert list(inspection_worklist(manager, on=today)) == [large_overdue, overdue, large, small]
    assert list(inspection_worklist(head, on=today))[:1] == [large_overdue]
    assert list(inspection_worklist(other_manager, on=today)) == []


def test_settled_loans_leave_the_plan(loan, manager):
    Loan.objects.filter(pk=loan.pk).update(status="settled")
    assert services.inspections_replan(on=timezone.localdate()) == 1
    loan.refresh_from_db()
    assert loan.next_inspection_due is None


def test_an_inspection_proposing_a_worse_category_classifies_the_loan(loan, manager):
    inspect(
        loan,
        manager,
        signals=["sales_down"],
        follow_up="每周走访",
        proposed_class=LoanClass.SPECIAL_MENTION,
        proposal_reason="销售收入下降四成",
    )
    loan.refresh_from_db()
    assert loan.classification == LoanClass.SPECIAL_MENTION
    # Risky now: the next inspection follows the risk cadence.
    assert loan.next_inspection_due == loan.last_inspected_on + 30 * DAY


def test_a_proposal_the_classification_refuses_is_shown_on_the_inspection_field(loan, manager):
    from django.core.exceptions import ValidationError

    inspection = services.inspection_start(loan=loan, by=manager)
    services.inspection_save_draft(
        inspection=inspection,
        by=manager,
        values={
            "funds_use": "as_agreed",
            "business_condition": "good",
            "guarantor_condition": "n_a",
            "collateral_condition": "n_a",
            "proposed_class": LoanClass.NORMAL,  # what it already is
            "proposal_reason": "经营正常",
        },
    )
    with pytest.raises(ValidationError) as refused:
        services.inspection_submit(inspection=inspection, by=manager)
    assert "proposed_class" in refused.value.message_dict
    inspection.refresh_from_db()
    assert inspection.is_draft  # rolled back with the refusal
