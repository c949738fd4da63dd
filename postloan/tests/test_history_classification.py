"""Classification by people and by the nightly job leaves history: who and why."""

from __future__ import annotations

import datetime

from loans.tests.history import assert_audited, new_history
from postloan import nightly, services
from postloan.reasons import PostloanJob, PostloanReason
from postloan.tests.test_disbursement_and_repayment import back_dated_loan

CODES = set(PostloanReason.values) | set(PostloanJob.values)


def test_proposals_and_decisions_leave_history(loan, manager, head):
    with new_history("postloan") as rows:
        services.classification_propose(loan=loan, by=manager, category="doubtful", reason="停产")
        proposal = services.classification_propose(
            loan=loan, by=manager, category="special_mention", reason="复产"
        )
    assert_audited(rows, user=manager, codes=CODES)
    assert {model for model, *_ in rows} == {"Loan", "ClassificationProposal"}
    with new_history("postloan") as rows:
        services.classification_decide(proposal=proposal, by=head, approve=True, opinion="同意")
    assert_audited(rows, user=head, codes=CODES)
    assert ("Loan", "postloan.classify_approve", head.pk) in rows


def test_marking_restructured_leaves_history(loan, head):
    with new_history("postloan") as rows:
        services.loan_mark_restructured(
            loan=loan,
            by=head,
            kind="refinanced",
            observation_until=datetime.date.today() + datetime.timedelta(days=365),
        )
    assert_audited(rows, user=head, codes=CODES)
    assert ("Loan", "postloan.restructure", head.pk) in rows


def test_the_nightly_job_leaves_history_set_based(customer, product, manager, manager2, head):
    back_dated_loan(customer, product, manager, manager2, head, months_ago=3)
    with new_history("postloan") as rows:
        nightly.run(day=datetime.date.today())
    assert_audited(rows, user=None, codes=CODES)
    assert ("Loan", "job.nightly", None) in rows
