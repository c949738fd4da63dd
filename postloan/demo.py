"""Demo data of post-loan, loaded by `manage.py seed_demo` after loans' demo: the contracts
that loans' demo signed months ago are disbursed on their signing day and repaid on time, late
with penalty, in part (then overdue), and in full (settled); then the nightly job marks the
overdue loans. Everything goes through the services. Idempotent: a disbursed application is
no longer waiting, so a second run finds nothing to do."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from creditdesk.models import User
from loans.demo import TO_DISBURSE
from loans.models import ApplicationStatus, LoanApplication
from loans.schedules import add_months
from postloan import services
from postloan.models import Loan


def seed(*, stdout=None) -> None:
    manager = User.objects.filter(username="manager1").first()
    if manager is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        opened = 0
        for key, _i, amount, _term, _method, months_ago in TO_DISBURSE:
            day = add_months(today, -months_ago)
            application = LoanApplication.objects.filter(
                created_by=manager,
                status=ApplicationStatus.CONTRACT_SIGNED,
                amount=Decimal(amount),
                contract_signed_on=day,
            ).first()
            if application is None:
                continue
            loan = services.loan_open(application=application, by=manager, day=day)
            REPAY[key](loan, manager, today)
            opened += 1
        if opened:
            services.loans_mark_overdue(on=today)
    if opened and stdout is not None:
        stdout.write("Post-loan: demo loans disbursed and repaid.\n")


def _on_time(loan: Loan, manager: User, today: datetime.date) -> None:
    for inst in loan.instalments.filter(due_date__lte=today):
        services.loan_record_repayment(
            loan=loan, user=manager, amount=inst.total_due, paid_on=inst.due_date
        )


def _late(loan: Loan, manager: User, today: datetime.date) -> None:
    for inst in loan.instalments.filter(due_date__lte=today - datetime.timedelta(days=12)):
        paid_on = inst.due_date + datetime.timedelta(days=7)
        # Principal and interest plus a little for the penalty of seven days.
        services.loan_record_repayment(
            loan=loan, user=manager, amount=inst.total_due + Decimal("20.00"), paid_on=paid_on
        )


def _first_only(loan: Loan, manager: User, today: datetime.date) -> None:
    first = loan.instalments.first()
    services.loan_record_repayment(
        loan=loan, user=manager, amount=first.total_due, paid_on=first.due_date
    )


def _in_full(loan: Loan, manager: User, today: datetime.date) -> None:
    for inst in loan.instalments.all():
        services.loan_record_repayment(
            loan=loan, user=manager, amount=inst.total_due, paid_on=inst.due_date
        )


REPAY = {"on_time": _on_time, "late": _late, "overdue": _first_only, "settled": _in_full}
