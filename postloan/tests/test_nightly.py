"""The nightly job (postloan.nightly): each loan's state as of the business date, written only
where it changes, with history; idempotent, once per date, converging after a crash."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from creditdesk.models import Notification
from postloan import nightly
from postloan.models import (
    Alert,
    AlertKind,
    Loan,
    LoanClass,
    LoanMove,
    LoanStatus,
    NightlyRun,
    RunStatus,
)
from postloan.tests.test_disbursement_and_repayment import back_dated_loan

TODAY = datetime.date.today()


@pytest.fixture
def overdue_loan(customer, product, manager, manager2, head) -> Loan:
    """Three months old, nothing repaid: overdue since its first instalment."""
    return back_dated_loan(customer, product, manager, manager2, head, months_ago=3)


def _state(loan: Loan) -> tuple:
    loan.refresh_from_db()
    return (
        loan.overdue_since,
        loan.days_past_due,
        loan.interest_arrears,
        loan.is_large,
        loan.classification_floor,
        loan.classification,
    )


def test_job_writes_overdue_days_arrears_and_the_floor(overdue_loan):
    first = overdue_loan.instalments.first()
    due = overdue_loan.instalments.filter(due_date__lt=TODAY)
    run = nightly.run(day=TODAY)
    assert run.status == RunStatus.DONE and run.counts["loans"] == 1
    overdue_loan.refresh_from_db()
    assert overdue_loan.overdue_since == first.due_date
    assert overdue_loan.days_past_due == (TODAY - first.due_date).days
    assert overdue_loan.interest_arrears == sum(i.interest_due for i in due)
    assert overdue_loan.classification == LoanClass.SPECIAL_MENTION
    assert overdue_loan.last_job_date == TODAY


def test_job_leaves_a_history_row_with_no_user_and_the_moves(overdue_loan):
    before = overdue_loan.history.count()
    nightly.run(day=TODAY)
    assert overdue_loan.history.count() == before + 1
    row = overdue_loan.history.first()
    assert (row.history_type, row.history_user_id) == ("~", None)
    assert row.history_change_reason == "job.nightly"
    assert row.classification == LoanClass.SPECIAL_MENTION
    moves = set(overdue_loan.moves.values_list("kind", "from_value", "to_value", "by"))
    dpd = (TODAY - overdue_loan.instalments.first().due_date).days
    bucket = "31-60" if dpd <= 60 else "61-90"
    assert moves == {
        ("classification", "normal", "special_mention", None),
        ("dpd_bucket", "0", bucket, None),
    }


def test_a_second_run_the_same_day_changes_nothing(overdue_loan):
    nightly.run(day=TODAY)
    assert nightly.run(day=TODAY) is None  # the date has run
    history, moves, alerts = (
        overdue_loan.history.count(),
        LoanMove.objects.count(),
        Alert.objects.count(),
    )
    again = nightly.run(day=TODAY, force=True)
    assert again.attempts == 2
    assert again.counts["loans"] == 0 and again.counts["alerts_raised"] == 0
    assert again.counts["notices"] == 0
    assert (overdue_loan.history.count(), LoanMove.objects.count(), Alert.objects.count()) == (
        history,
        moves,
        alerts,
    )


def test_the_next_day_only_overdue_loans_change(overdue_loan, loan):
    nightly.run(day=TODAY)
    run = nightly.run(day=TODAY + datetime.timedelta(days=1))
    assert run.counts["loans"] == 1  # one more day past due; the loan paid on time is untouched
    overdue_loan.refresh_from_db()
    assert overdue_loan.days_past_due == (TODAY - overdue_loan.overdue_since).days + 1


def _snapshot() -> dict:
    """Everything the job writes, without ids and clock times."""
    return {
        "loans": sorted(
            Loan.objects.values_list(
                "pk",
                "overdue_since",
                "days_past_due",
                "interest_arrears",
                "is_large",
                "classification_floor",
                "classification",
                "last_job_date",
            )
        ),
        "alerts": sorted(
            Alert.objects.values_list("loan", "kind", "raised_on", "escalated_to_head").filter(
                resolved_at__isnull=True
            )
        ),
        "moves": sorted(LoanMove.objects.values_list("loan", "kind", "from_value", "to_value")),
        "history": sorted(
            Loan.history.filter(history_change_reason="job.nightly").values_list(
                "id", "days_past_due", "classification"
            )
        ),
        "notices": sorted(
            Notification.objects.filter(kind__startswith="postloan.alert_").values_list(
                "recipient", "kind", "label", "url"
            )
        ),
    }


def _forget_the_job() -> None:
    """Back to before any run (test set-up only, hence no history)."""
    Notification.objects.filter(kind__startswith="postloan.alert_").delete()
    Alert.objects.all().delete()
    LoanMove.objects.all().delete()
    NightlyRun.objects.all().delete()
    Loan.history.filter(history_change_reason="job.nightly").delete()
    Loan.objects.update(
        overdue_since=None,
        days_past_due=0,
        interest_arrears=Decimal("0"),
        is_large=False,
        classification_floor=LoanClass.NORMAL,
        classification=LoanClass.NORMAL,
        last_job_date=None,
    )


def test_a_run_killed_midway_then_run_again_ends_as_one_clean_run(overdue_loan, loan, monkeypatch):
    def killed(**kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(nightly, "refresh_alerts", killed)
    with pytest.raises(RuntimeError):
        nightly.run(day=TODAY)
    crashed = NightlyRun.objects.get(business_date=TODAY)
    assert crashed.status == RunStatus.FAILED and "worker killed" in crashed.error
    assert Alert.objects.count() == 0  # the first step committed, the second never ran
    monkeypatch.undo()

    rerun = nightly.run(day=TODAY)  # a failed date is run again without force
    assert rerun.status == RunStatus.DONE and rerun.attempts == 2
    after_crash = _snapshot()

    _forget_the_job()
    nightly.run(day=TODAY)
    assert after_crash == _snapshot()
    assert after_crash["alerts"] and after_crash["moves"] and after_crash["history"]


def test_a_run_left_running_is_taken_over_only_once_stale(overdue_loan, settings):
    # SQLite has no advisory lock: a "running" record younger than the hard time limit means
    # another process is on it (on PostgreSQL the lock decides; see test_nightly_postgres).
    if nightly.is_postgres():
        pytest.skip("PostgreSQL decides by the advisory lock")
    now = timezone.now()
    NightlyRun.objects.create(business_date=TODAY, started_at=now)
    assert nightly.run(day=TODAY) is None
    NightlyRun.objects.filter(business_date=TODAY).update(
        started_at=now - datetime.timedelta(seconds=settings.NIGHTLY_TIME_LIMIT + 1)
    )
    run = nightly.run(day=TODAY)
    assert run.status == RunStatus.DONE and run.attempts == 2


def test_the_database_refuses_a_second_open_alert_of_a_kind(overdue_loan):
    Alert.objects.create(loan=overdue_loan, kind=AlertKind.OVERDUE, raised_on=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(loan=overdue_loan, kind=AlertKind.OVERDUE, raised_on=TODAY)
    # A resolved one does not count: the loan may fall overdue again later.
    Alert.objects.update(resolved_at=timezone.now())
    Alert.objects.create(loan=overdue_loan, kind=AlertKind.OVERDUE, raised_on=TODAY)


def test_alerts_are_raised_once_and_escalated_to_the_head(overdue_loan, manager, head):
    nightly.run(day=TODAY)
    nightly.run(day=TODAY + datetime.timedelta(days=1))
    kinds = list(overdue_loan.alerts.open().values_list("kind", "escalated_to_head"))
    assert (AlertKind.OVERDUE, False) in kinds and (AlertKind.OVERDUE_10, True) in kinds
    assert len(kinds) == len(set(kinds))
    notices = set(Notification.objects.open().values_list("recipient__username", "kind"))
    assert (manager.username, "postloan.alert_overdue") in notices
    assert (head.username, "postloan.alert_overdue_10") in notices
    assert (head.username, "postloan.alert_overdue") not in notices
    notice = Notification.objects.get(recipient=manager, kind="postloan.alert_overdue")
    assert notice.url == overdue_loan.get_absolute_url()
    assert overdue_loan.contract_number in notice.label


def test_an_alert_is_resolved_when_its_condition_clears(overdue_loan, manager):
    from postloan import services

    nightly.run(day=TODAY)
    owed = sum(i.remaining for i in overdue_loan.instalments.filter(due_date__lt=TODAY))
    services.loan_record_repayment(loan=overdue_loan, user=manager, amount=owed + 500)
    nightly.run(day=TODAY, force=True)
    assert not overdue_loan.alerts.open().filter(kind=AlertKind.OVERDUE).exists()
    assert not Notification.objects.open().filter(kind="postloan.alert_overdue").exists()
    overdue_loan.refresh_from_db()
    # Cured, but the job never upgrades: that takes the branch head's approval.
    assert overdue_loan.days_past_due == 0
    assert overdue_loan.classification_floor == LoanClass.NORMAL
    assert overdue_loan.classification == LoanClass.SPECIAL_MENTION


def test_large_flag_follows_the_branch_threshold(loan):
    nightly.run(day=TODAY)
    loan.refresh_from_db()
    assert loan.is_large is (loan.outstanding_principal >= Decimal("100000"))
    branch = loan.branch
    branch.large_loan_threshold = loan.outstanding_principal + 1
    branch.save()
    nightly.run(day=TODAY, force=True)
    loan.refresh_from_db()
    assert loan.is_large is False
    branch.large_loan_threshold = Decimal("50000")
    branch.save()
    nightly.run(day=TODAY, force=True)
    loan.refresh_from_db()
    assert loan.is_large is True


def test_a_closed_loan_still_flagged_large_is_unflagged(loan):
    """Candidates are read through partial indexes (nightly.state._candidates): a flagged loan
    that is no longer active is one of them, though it is not overdue nor exceptional."""
    nightly.run(day=TODAY)
    Loan.objects.filter(pk=loan.pk).update(status=LoanStatus.SETTLED, is_large=True)
    nightly.run(day=TODAY, force=True)
    loan.refresh_from_db()
    assert loan.is_large is False
    assert loan.history.filter(history_change_reason="job.nightly", is_large=False).exists()


def test_pages_and_the_api_are_right_before_the_job_has_run(
    overdue_loan, manager, api_for, client_for
):
    """Nine instalments unpaid showed 0 days past due until the job ran (the issue's report):
    what people read is computed as of today; the job's stored columns are for set work."""
    first = overdue_loan.instalments.first()
    days = (TODAY - first.due_date).days
    arrears = sum(i.interest_due for i in overdue_loan.instalments.filter(due_date__lt=TODAY))
    overdue_loan.refresh_from_db()
    assert (overdue_loan.days_past_due, overdue_loan.last_job_date) == (0, None)  # not run
    body = api_for(manager).get(f"/api/loans/{overdue_loan.pk}/").json()
    assert body["days_past_due"] == days
    assert body["overdue_since"] == first.due_date.isoformat()
    assert Decimal(str(body["interest_arrears"])) == arrears
    page = client_for(manager).get(overdue_loan.get_absolute_url()).content.decode()
    assert f'id="dpd">{days}<' in page
