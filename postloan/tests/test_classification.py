"""Five-category classification (docs/classification.md): the floor at its boundaries, the
same in Python and in the job's SQL; worse at once, better only with the branch head."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from creditdesk.models import Notification
from postloan import nightly, services
from postloan.models import (
    ClassificationProposal,
    Loan,
    LoanClass,
    ProposalStatus,
    Restructure,
    classification_floor,
    dpd_bucket,
)
from postloan.tests.test_disbursement_and_repayment import back_dated_loan

TODAY = datetime.date.today()
N, SM, SUB, D, L = (c.value for c in LoanClass)

BOUNDARIES = [
    (0, N),
    (1, SM),  # any overdue amount: at least special mention (办法 art. 11)
    (90, SM),
    (91, SUB),  # over 90 days: at least substandard (art. 12)
    (270, SUB),
    (271, D),  # over 270 days: at least doubtful (art. 13)
    (360, D),
    (361, L),  # over 360 days: loss (art. 14)
    (2000, L),
]


@pytest.mark.parametrize(("days", "floor"), BOUNDARIES)
def test_the_floor_at_its_boundaries(days, floor):
    kwargs = {"restructure": Restructure.NONE, "observation_until": None, "on": TODAY}
    assert classification_floor(days_past_due=days, **kwargs) == floor


@pytest.mark.parametrize("kind", [Restructure.RESTRUCTURED, Restructure.REFINANCED])
def test_restructured_or_refinanced_cannot_be_normal_while_observed(kind):
    tomorrow = TODAY + datetime.timedelta(days=1)
    floor = classification_floor(
        days_past_due=0, restructure=kind, observation_until=TODAY, on=TODAY
    )
    assert floor == SM
    after = classification_floor(
        days_past_due=0, restructure=kind, observation_until=TODAY, on=tomorrow
    )
    assert after == N
    # The observation period does not soften a worse floor.
    assert (
        classification_floor(days_past_due=100, restructure=kind, observation_until=TODAY, on=TODAY)
        == SUB
    )


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, "0"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (90, "61-90"),
        (91, "91-180"),
        (270, "181-270"),
        (271, "271-360"),
        (360, "271-360"),
        (361, "361+"),
    ],
)
def test_days_past_due_buckets(days, bucket):
    assert dpd_bucket(days) == bucket


def test_the_jobs_sql_agrees_with_the_rule_at_every_boundary(loan):
    """The job reads the floor from its SQL: each boundary, loan made overdue by that many
    days (set-up only: the schedule is not consulted for the floor)."""
    for days, floor in BOUNDARIES:
        Loan.objects.filter(pk=loan.pk).update(
            next_due_date=TODAY - datetime.timedelta(days=days),
            classification=LoanClass.NORMAL,
        )
        nightly.refresh_loans(day=TODAY, now=nightly.timezone.now())
        loan.refresh_from_db()
        assert (days, loan.days_past_due, loan.classification_floor) == (days, days, floor)
        assert loan.classification == floor


def test_the_job_moves_a_category_down_to_the_floor_never_up(loan):
    Loan.objects.filter(pk=loan.pk).update(classification=LoanClass.DOUBTFUL)
    Loan.objects.filter(pk=loan.pk).update(next_due_date=TODAY - datetime.timedelta(days=100))
    nightly.run(day=TODAY)
    loan.refresh_from_db()
    assert (loan.classification_floor, loan.classification) == (SUB, D)


@pytest.fixture
def overdue_loan(customer, product, manager, manager2, head) -> Loan:
    return back_dated_loan(customer, product, manager, manager2, head, months_ago=3)


def test_a_worse_category_applies_at_once_with_history(loan, manager):
    proposal = services.classification_propose(
        loan=loan, by=manager, category=SUB, reason="经营停滞，第一还款来源不足"
    )
    assert proposal.status == ProposalStatus.APPLIED
    loan.refresh_from_db()
    assert loan.classification == SUB
    move = loan.moves.get()
    assert (move.from_value, move.to_value, move.by) == (N, SUB, manager)


def test_a_better_category_waits_for_the_branch_head(loan, manager, head):
    services.classification_propose(loan=loan, by=manager, category=SUB, reason="停产")
    proposal = services.classification_propose(
        loan=loan, by=manager, category=N, reason="已复产，按期还款"
    )
    assert proposal.status == ProposalStatus.PENDING
    loan.refresh_from_db()
    assert loan.classification == SUB
    assert Notification.objects.open().filter(recipient=head, kind="postloan.class_upgrade")
    services.classification_decide(proposal=proposal, by=head, approve=True, opinion="同意")
    loan.refresh_from_db()
    assert loan.classification == N
    assert not Notification.objects.open().filter(kind="postloan.class_upgrade").exists()


def test_the_head_cannot_approve_their_own_upgrade(loan, head):
    services.classification_propose(loan=loan, by=head, category=SM, reason="行业下行")
    proposal = services.classification_propose(loan=loan, by=head, category=N, reason="好转")
    with pytest.raises(ValidationError):
        services.classification_decide(proposal=proposal, by=head, approve=True, opinion="同意")


def test_no_upgrade_past_the_floor_even_before_the_job_ran(overdue_loan, manager):
    # The job has not run: the stored category is still normal, the schedule says overdue.
    services.classification_propose(
        loan=overdue_loan, by=manager, category=SUB, reason="逾期且联系不上"
    )
    with pytest.raises(ValidationError) as refused:
        services.classification_propose(
            loan=overdue_loan, by=manager, category=N, reason="客户承诺还款"
        )
    assert "category" in refused.value.message_dict
    assert ClassificationProposal.objects.pending().count() == 0


def test_rejection_needs_an_opinion_and_keeps_the_category(loan, manager, head):
    services.classification_propose(loan=loan, by=manager, category=SM, reason="担保人涉诉")
    proposal = services.classification_propose(loan=loan, by=manager, category=N, reason="已撤诉")
    with pytest.raises(ValidationError):
        services.classification_decide(proposal=proposal, by=head, approve=False, opinion=" ")
    services.classification_decide(proposal=proposal, by=head, approve=False, opinion="待观察")
    loan.refresh_from_db()
    assert loan.classification == SM


def test_marking_a_loan_restructured_moves_it_out_of_normal(loan, head):
    until = TODAY + datetime.timedelta(days=365)
    services.loan_mark_restructured(
        loan=loan, by=head, kind=Restructure.REFINANCED, observation_until=until, note="借新还旧"
    )
    loan.refresh_from_db()
    assert (loan.restructure, loan.classification) == (Restructure.REFINANCED, SM)
    nightly.run(day=TODAY)
    loan.refresh_from_db()
    assert loan.classification_floor == SM
