"""Demo data of post-loan, loaded by `manage.py seed_demo` after loans' demo: the contracts
that loans' demo signed months ago are disbursed on their signing day and repaid on time, late
with penalty, in part (then overdue), and in full (settled); then the nightly job marks the
overdue loans. Everything goes through the services. Idempotent: a disbursed application is
no longer waiting, so a second run finds nothing to do."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from creditdesk.models import User
from loans.demo import TO_DISBURSE
from loans.models import ApplicationStatus, LoanApplication
from loans.schedules import add_months
from postloan import nightly, services
from postloan.models import Loan


def seed(*, stdout=None) -> None:
    manager = User.objects.filter(username="manager1").first()
    if manager is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        opened = {}
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
            opened[key] = loan
        if opened:
            _inspect(opened, manager, today)
            # The nightly job as the bank would have run it last night: overdue state,
            # classification floor, alerts and the managers' notices.
            nightly.run(day=today, force=True)
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


def _not_yet(loan: Loan, manager: User, today: datetime.date) -> None:
    """Disbursed today on a loan card: nothing due yet."""


REPAY = {
    "on_time": _on_time,
    "late": _late,
    "overdue": _first_only,
    "settled": _in_full,
    "fresh": _not_yet,
}


# --- inspections (贷后检查): done, with a warning, overdue, a surprise visit in progress ---

FINE = {
    "mode": "on_site",
    "funds_use": "as_agreed",
    "business_condition": "good",
    "guarantor_condition": "n_a",
    "collateral_condition": "n_a",
    "findings": "实地查看，贷款用于购买饲料，与合同约定一致；生猪存栏正常。",
}
WARNING = {
    **FINE,
    "business_condition": "worse",
    "findings": "猪价下跌，存栏减少三成；借款人另向民间借款五万元。",
    "signals": ["sales_down", "more_debt"],
    "follow_up": "每半月走访一次，督促按期还款，落实追加保证人。",
    "proposed_class": "special_mention",
    "proposal_reason": "经营下滑，出现多头借贷。",
}


def _inspect(loans: dict[str, Loan], manager: User, today: datetime.date) -> None:
    """The first inspection of each loan a fortnight after disbursement (use of funds); the
    late payer's second one raised warning signals (on the head's board); the overdue loan
    has not been inspected since it fell overdue (due at once: the nightly replan); a
    surprise visit to the good payer is under way (a draft)."""
    for key, loan in loans.items():
        if key in ("settled", "fresh"):  # repaid, or too new to inspect
            continue
        _submit(loan, manager, day=loan.disbursed_on + datetime.timedelta(days=12), values=FINE)
    if "late" in loans:
        _submit(
            loans["late"],
            manager,
            day=today - datetime.timedelta(days=3),
            values=WARNING,
            photo="猪舍存栏减少",
        )
    if "on_time" in loans:
        draft = services.inspection_start(loan=loans["on_time"], by=manager, surprise=True)
        services.inspection_save_draft(
            inspection=draft, by=manager, values={"funds_use": "as_agreed"}
        )


#: A small photo of a pig shed, for the inspection with warning signals.
DEMO_PHOTO = Path(__file__).resolve().parent / "fixtures" / "demo-inspection.jpg"


def _submit(
    loan: Loan, manager: User, *, day: datetime.date, values: dict, photo: str = ""
) -> None:
    inspection = services.inspection_start(loan=loan, by=manager)
    services.inspection_save_draft(
        inspection=inspection, by=manager, values={**values, "inspected_on": day}
    )
    if photo:
        upload = SimpleUploadedFile("IMG_0001.jpg", DEMO_PHOTO.read_bytes(), "image/jpeg")
        services.inspection_add_photo(
            inspection=inspection, by=manager, upload=upload, caption=photo
        )
    services.inspection_submit(inspection=inspection, by=manager)
