"""Repayments (还款) and write-offs (核销) of a loan account. The arithmetic — what a payment
pays, in which order — is the pure ``loans.schedules``; this module stores what it returns."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_bulk_create, audited_bulk_update, audited_save
from creditdesk.models import User
from guarantees.services import securities_release
from loans.models import ZERO, ApplicationStatus
from loans.reasons import LoansReason
from loans.schedules import InstalmentState, allocate_repayment, money, penalty_charged
from loans.services import lock_application, move_application
from postloan.models import Instalment, Loan, LoanStatus, Repayment, RepaymentLine
from postloan.reasons import PostloanReason

#: What a repayment changes on an instalment.
INSTALMENT_PAYMENT_FIELDS = [
    "principal_paid",
    "interest_paid",
    "penalty_paid",
    "penalty_accrued",
    "penalty_accrued_to",
    "interest_due",
    "paid_on",
]


def _payment_state(instalment: Instalment) -> tuple:
    return tuple(getattr(instalment, name) for name in INSTALMENT_PAYMENT_FIELDS)


def _lock_loan(loan: Loan) -> Loan:
    return (
        Loan.objects.select_for_update(of=("self",)).select_related("application").get(pk=loan.pk)
    )


def _require_loan_manager(loan: Loan, user: User) -> None:
    require_role(user, "postloan.repayment")
    require_in_scope(Loan.objects, user, loan)
    if user.pk not in (loan.manager_id, loan.application.created_by_id):
        raise ValidationError(_("只有管户客户经理可以登记还款。"))


def refresh_loan_state(loan: Loan, instalments: list[Instalment], *, today: datetime.date) -> None:
    """Balance, paid-through date, next due date and overdue date from the instalments."""
    loan.outstanding_principal = loan.principal - sum((i.principal_paid for i in instalments), ZERO)
    paid_through = None
    for inst in instalments:
        if not inst.is_paid:
            break
        paid_through = inst.due_date
    unpaid = [i for i in instalments if not i.is_paid]
    loan.paid_through = paid_through
    loan.next_due_date = unpaid[0].due_date if unpaid else None
    loan.overdue_since = unpaid[0].due_date if unpaid and unpaid[0].due_date < today else None


def _principal_from(instalments: list[Instalment], number: int) -> Decimal:
    """Principal still owed in instalment ``number`` and every later one."""
    return sum(
        (i.principal_due - i.principal_paid for i in instalments if i.number >= number), ZERO
    )


def _rescale_future_interest(
    loan: Loan, instalments: list[Instalment], before: dict[int, Decimal], paid_on: datetime.date
) -> None:
    """Interest accrues on the outstanding balance: after an early repayment the interest of
    every later period shrinks in proportion to the principal still owed in it."""
    period_start = loan.disbursed_on
    for inst in instalments:
        start, period_start = period_start, inst.due_date
        if start < paid_on or inst.interest_paid > 0:
            continue
        old = before[inst.number]
        new = _principal_from(instalments, inst.number)
        if old > 0 and new < old:
            inst.interest_due = money(inst.interest_due * new / old)


def _states(rows: list[Instalment]) -> list[InstalmentState]:
    return [
        InstalmentState(
            number=i.number,
            due_date=i.due_date,
            principal_due=i.principal_due,
            interest_due=i.interest_due,
            principal_paid=i.principal_paid,
            interest_paid=i.interest_paid,
            penalty_paid=i.penalty_paid,
            penalty_accrued=i.penalty_accrued,
            penalty_accrued_to=i.penalty_accrued_to,
        )
        for i in rows
    ]


def _check_repayment(loan: Loan, amount: Decimal, paid_on: datetime.date, today) -> None:
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("贷款已结清或核销，不能再登记还款。"))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("还款金额须大于零。")})
    if paid_on < loan.disbursed_on or paid_on > today:
        raise ValidationError({"paid_on": _("还款日须在放款日与今天之间。")})
    last = loan.repayments.order_by("-paid_on").values_list("paid_on", flat=True).first()
    if last and paid_on < last:
        raise ValidationError(
            {"paid_on": _("还款日不能早于上一笔还款日 %(day)s。") % {"day": last}}
        )


def _apply(
    loan: Loan, instalments: list[Instalment], amount: Decimal, paid_on: datetime.date
) -> tuple[dict[int, list[Decimal]], Decimal]:
    """Apply the allocation to the instalments (in memory): the parts per instalment number
    (penalty, interest, principal) and the principal prepaid."""
    open_rows = [i for i in instalments if not i.is_paid]
    allocation = allocate_repayment(
        instalments=_states(open_rows), amount=amount, on=paid_on, annual_rate=loan.annual_rate
    )
    if allocation.unapplied > 0:
        raise ValidationError(
            _("还款金额超出全部欠款 %(extra)s 元。") % {"extra": allocation.unapplied}
        )
    by_number = {i.number: i for i in instalments}
    before = {i.number: _principal_from(instalments, i.number) for i in instalments}
    parts: dict[int, list[Decimal]] = {}
    states = {state.number: state for state in _states(open_rows)}
    for line in allocation.lines:
        inst = by_number[line.number]
        if line.to_principal > 0 and inst.due_date < paid_on:
            inst.penalty_accrued = penalty_charged(
                states[inst.number], on=paid_on, annual_rate=loan.annual_rate
            )
            inst.penalty_accrued_to = paid_on
        inst.penalty_paid += line.to_penalty
        inst.interest_paid += line.to_interest
        inst.principal_paid += line.to_principal
        parts[line.number] = [line.to_penalty, line.to_interest, line.to_principal]
    prepaid = allocation.prepaid_principal
    for inst in reversed(instalments):
        if prepaid <= 0:
            break
        take = min(prepaid, inst.principal_due - inst.principal_paid)
        if take > 0:
            inst.principal_paid += take
            prepaid -= take
            parts.setdefault(inst.number, [ZERO, ZERO, ZERO])[2] += take
    if prepaid > 0:
        raise ValidationError(_("还款金额超出全部欠款 %(extra)s 元。") % {"extra": prepaid})
    if allocation.prepaid_principal > 0:
        _rescale_future_interest(loan, instalments, before, paid_on)
    for inst in instalments:
        if inst.is_paid and inst.paid_on is None:
            inst.paid_on = paid_on
    return parts, allocation.prepaid_principal


@transaction.atomic
def loan_record_repayment(
    *, loan: Loan, user: User, amount: Decimal, paid_on: datetime.date | None = None
) -> Repayment:
    """Record a repayment: penalty interest, then interest, then principal, oldest instalment
    first; the rest repays principal early (from the last instalment backwards)."""
    loan = _lock_loan(loan)
    _require_loan_manager(loan, user)
    today = timezone.localdate()
    paid_on = paid_on or today
    _check_repayment(loan, amount, paid_on, today)
    instalments = list(loan.instalments.select_for_update().order_by("number"))
    before = {i.number: _payment_state(i) for i in instalments}
    parts, prepaid = _apply(loan, instalments, amount, paid_on)
    reason = PostloanReason.REPAYMENT
    # Only the instalments the payment changed (a prepayment's rescaled interest included).
    changed = [i for i in instalments if _payment_state(i) != before[i.number]]
    audited_bulk_update(Instalment, changed, INSTALMENT_PAYMENT_FIELDS, by=user, reason=reason)
    to_penalty = sum((p[0] for p in parts.values()), ZERO)
    to_interest = sum((p[1] for p in parts.values()), ZERO)
    to_principal = sum((p[2] for p in parts.values()), ZERO)
    repayment = Repayment(
        loan=loan,
        paid_on=paid_on,
        amount=to_penalty + to_interest + to_principal,
        to_penalty=to_penalty,
        to_interest=to_interest,
        to_principal=to_principal,
        prepaid_principal=prepaid,
        recorded_by=user,
    )
    if repayment.amount != amount:
        raise ValidationError(_("还款分配与还款金额不一致。"))
    audited_save(repayment, by=user, reason=reason)
    by_number = {i.number: i for i in instalments}
    lines = [
        RepaymentLine(
            repayment=repayment,
            instalment=by_number[number],
            to_penalty=p[0],
            to_interest=p[1],
            to_principal=p[2],
        )
        for number, p in sorted(parts.items())
    ]
    audited_bulk_create(RepaymentLine, lines, by=user, reason=reason)
    refresh_loan_state(loan, instalments, today=today)
    if all(i.is_paid for i in instalments):
        loan.status = LoanStatus.SETTLED
        loan.settled_on = paid_on
        application = lock_application(loan.application)
        move_application(application, ApplicationStatus.SETTLED, by=user, reason=LoansReason.SETTLE)
        # Guarantees end and collateral no other loan holds is released (解押).
        securities_release(application=application, by=user, on=paid_on)
    audited_save(loan, by=user, reason=reason)
    return repayment


@transaction.atomic
def loan_write_off(*, loan: Loan, user: User, reason: str) -> Loan:
    """An active loan judged uncollectable is written off (核销) by head office."""
    loan = _lock_loan(loan)
    require_role(user, "postloan.write_off")
    require_in_scope(Loan.objects, user, loan)
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("只有未结清的贷款可以核销。"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写核销原因。")})
    loan.status = LoanStatus.WRITTEN_OFF
    audited_save(loan, by=user, reason=PostloanReason.WRITE_OFF, note=reason)
    application = lock_application(loan.application)
    move_application(
        application,
        ApplicationStatus.WRITTEN_OFF,
        by=user,
        comment=reason,
        reason=LoansReason.WRITE_OFF,
    )
    return loan
