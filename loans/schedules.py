"""Repayment schedules and payment allocation: pure Decimal arithmetic, no database.

The interest convention is written up in docs/interest.md. Everything here is a pure function
of its arguments so that property-based tests (hypothesis) can check it exhaustively, and the
service functions in loans/services.py persist what these return.

CONTRACT (used by loans/services.py; keep the names and signatures):
- RepaymentMethod: the four methods as TextChoices.
- build_schedule(...) -> list[ScheduledInstalment]
- InstalmentState / allocate_repayment(...) -> Allocation
- penalty_interest(...) -> Decimal

Helpers others may use: money() (cents, half up), add_months() (due dates), annuity_payment(),
penalty_owed() / penalty_charged() (per instalment), and for early repayment that keeps the
term, rebuild_schedule() with accrued_interest().
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DAYS_IN_YEAR = 360  # actual/360: daily rate = annual rate / 360 (日利率 = 年利率 / 360)
PENALTY_MARKUP = Decimal("1.5")  # 罚息: the contract rate plus 50 %


def money(value: Decimal) -> Decimal:
    """Round to the cent, half up (四舍五入), the one rounding rule of CreditDesk."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later, clamped to the month's end:
    2026-01-31 + 1 → 2026-02-28, + 2 → 2026-03-31. Always counted from ``start``,
    so a short month does not pull later due dates back."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if start.day <= 28:
        return datetime.date(year, month, start.day)
    return datetime.date(year, month, min(start.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def monthly_rate(annual_rate: Decimal) -> Decimal:
    """Monthly rate of the regular schedule: annual % / 100 / 12 (月利率 = 年利率 / 12)."""
    return annual_rate / Decimal(1200)


class RepaymentMethod(models.TextChoices):
    EQUAL_INSTALMENT = "equal_instalment", _("等额本息")
    EQUAL_PRINCIPAL = "equal_principal", _("等额本金")
    INTEREST_MONTHLY = "interest_monthly", _("按月付息、到期还本")
    BULLET = "bullet", _("利随本清")


@dataclass(frozen=True)
class ScheduledInstalment:
    number: int  # 1-based
    due_date: datetime.date
    principal: Decimal  # 2 places
    interest: Decimal  # 2 places
    balance_after: Decimal  # principal outstanding after this instalment is paid

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


def build_schedule(
    *,
    principal: Decimal,
    annual_rate: Decimal,  # annual percentage, e.g. Decimal("4.35")
    term_months: int,
    method: RepaymentMethod | str,
    start_date: datetime.date,  # disbursement date
) -> list[ScheduledInstalment]:
    """The instalments of a loan. Principal sums to ``principal`` exactly; balances never go
    negative; the last instalment absorbs rounding."""
    return rebuild_schedule(
        balance=principal,
        annual_rate=annual_rate,
        term_months=term_months,
        method=method,
        start_date=start_date,
        first_number=1,
    )


def rebuild_schedule(
    *,
    balance: Decimal,
    annual_rate: Decimal,
    term_months: int,
    method: RepaymentMethod | str,
    start_date: datetime.date,  # disbursement date: due dates stay counted from it
    first_number: int,
    carried_interest: Decimal = ZERO,
) -> list[ScheduledInstalment]:
    """Instalments ``first_number`` … ``term_months`` of a loan whose principal outstanding
    before instalment ``first_number`` is ``balance``: after an early repayment the not-yet-due
    instalments are rebuilt on the reduced balance with the same due dates (the term stays, the
    instalment falls). ``carried_interest`` (interest accrued on prepaid principal, see
    ``accrued_interest``) is added to the first rebuilt instalment. ``build_schedule`` is the
    case ``first_number=1``."""
    method = RepaymentMethod(method)
    if balance <= 0 or balance != money(balance):
        raise ValueError("principal must be a positive amount in cents")
    if annual_rate < 0:
        raise ValueError("annual_rate must not be negative")
    if term_months < 1 or not 1 <= first_number <= term_months:
        raise ValueError("term_months must be at least 1 and first_number within the term")
    if carried_interest < 0 or carried_interest != money(carried_interest):
        raise ValueError("carried_interest must be a non-negative amount in cents")
    if method == RepaymentMethod.BULLET:
        if first_number != 1:
            raise ValueError("a bullet loan has one instalment")
        due = add_months(start_date, term_months)
        interest = _daily_interest(balance, annual_rate, (due - start_date).days)
        return [ScheduledInstalment(1, due, balance, interest + carried_interest, ZERO)]

    periods = term_months - first_number + 1
    annuity = method == RepaymentMethod.EQUAL_INSTALMENT
    if annuity:
        payment = annuity_payment(principal=balance, annual_rate=annual_rate, periods=periods)
    elif method == RepaymentMethod.EQUAL_PRINCIPAL:
        part = money(balance / periods)
    else:  # INTEREST_MONTHLY: principal at maturity
        part = ZERO
    instalments = []
    for number in range(first_number, term_months + 1):
        # one division at the end keeps the half-up rounding exact: balance × annual % is exact
        interest = money(balance * annual_rate / 1200)
        if number == term_months:
            part_now = balance  # the last instalment absorbs every rounding difference
        elif annuity:
            part_now = payment - interest
        else:
            part_now = part
        part_now = min(max(part_now, ZERO), balance)  # guard: never negative, never past zero
        balance -= part_now
        if number == first_number:
            interest += carried_interest
        due = add_months(start_date, number)
        instalments.append(ScheduledInstalment(number, due, part_now, interest, balance))
    return instalments


def accrued_interest(
    *, principal: Decimal, annual_rate: Decimal, since: datetime.date, until: datetime.date
) -> Decimal:
    """Interest on ``principal`` from ``since`` to ``until`` at actual/360: what prepaid
    principal owes for the part of the period (or, for a bullet loan, of the term) it was out."""
    return _daily_interest(principal, annual_rate, (until - since).days)


def annuity_payment(*, principal: Decimal, annual_rate: Decimal, periods: int) -> Decimal:
    """Equal instalment (等额本息): P·i·(1+i)^n / ((1+i)^n − 1), rounded to the cent."""
    if annual_rate == 0:
        return money(principal / periods)
    with localcontext() as ctx:
        ctx.prec = 50
        rate = monthly_rate(annual_rate)
        growth = (1 + rate) ** periods
        exact = principal * rate * growth / (growth - 1)
    return money(exact)


def _daily_interest(principal: Decimal, annual_rate: Decimal, days: int) -> Decimal:
    """Interest on ``principal`` for ``days`` actual days at annual % / 100 / 360."""
    if days <= 0 or principal <= 0:
        return ZERO
    return money(principal * annual_rate * days / (100 * DAYS_IN_YEAR))


@dataclass(frozen=True)
class InstalmentState:
    """What is owed and paid on one instalment on the day of a repayment."""

    number: int
    due_date: datetime.date
    principal_due: Decimal
    interest_due: Decimal
    principal_paid: Decimal = Decimal("0.00")
    interest_paid: Decimal = Decimal("0.00")
    penalty_paid: Decimal = Decimal("0.00")
    # Optional, for exact penalty after partial late payments (docs/interest.md, "Penalty"):
    # the penalty already charged up to ``penalty_accrued_to``; from that day on the penalty
    # runs on the principal unpaid then. Left at the defaults the penalty runs from the due
    # date on the principal unpaid today.
    penalty_accrued: Decimal = Decimal("0.00")
    penalty_accrued_to: datetime.date | None = None


@dataclass(frozen=True)
class InstalmentAllocation:
    number: int
    to_penalty: Decimal
    to_interest: Decimal
    to_principal: Decimal


@dataclass(frozen=True)
class Allocation:
    lines: list[InstalmentAllocation] = field(default_factory=list)
    prepaid_principal: Decimal = Decimal("0.00")  # early repayment beyond what is due
    unapplied: Decimal = Decimal("0.00")  # more than the whole outstanding debt


def penalty_interest(*, overdue_principal: Decimal, annual_rate: Decimal, days: int) -> Decimal:
    """Penalty (default) interest on overdue principal for ``days`` days."""
    return _daily_interest(overdue_principal, annual_rate * PENALTY_MARKUP, days)


def allocate_repayment(
    *,
    instalments: Sequence[InstalmentState],
    amount: Decimal,
    on: datetime.date,
    annual_rate: Decimal,
) -> Allocation:
    """Split a repayment: overdue (penalty) interest first, then interest, then principal,
    oldest instalment first; what remains prepays principal."""
    if amount < 0 or amount != money(amount):
        raise ValueError("amount must be a non-negative amount in cents")
    ordered = sorted(instalments, key=lambda i: (i.due_date, i.number))
    due = [i for i in ordered if i.due_date <= on]
    later = [i for i in ordered if i.due_date > on]
    left = amount
    shares: dict[int, dict[str, Decimal]] = {
        i.number: {"penalty": ZERO, "interest": ZERO, "principal": ZERO} for i in ordered
    }

    def take(number: int, kind: str, owed: Decimal) -> None:
        nonlocal left
        paid = min(max(owed, ZERO), left)
        shares[number][kind] += paid
        left -= paid

    for inst in due:
        take(inst.number, "penalty", penalty_owed(inst, on=on, annual_rate=annual_rate))
    for inst in due:
        take(inst.number, "interest", inst.interest_due - inst.interest_paid)
    for inst in due:
        take(inst.number, "principal", inst.principal_due - inst.principal_paid)
    not_yet_due = sum((max(i.principal_due - i.principal_paid, ZERO) for i in later), ZERO)
    prepaid = min(left, not_yet_due)
    lines = [
        InstalmentAllocation(number, s["penalty"], s["interest"], s["principal"])
        for number, s in sorted(shares.items())
        if any(s.values())
    ]
    return Allocation(lines=lines, prepaid_principal=prepaid, unapplied=left - prepaid)


def penalty_owed(
    instalment: InstalmentState, *, on: datetime.date, annual_rate: Decimal
) -> Decimal:
    """Penalty interest still owed on one instalment on ``on`` (never below zero)."""
    charged = penalty_charged(instalment, on=on, annual_rate=annual_rate)
    return max(charged - instalment.penalty_paid, ZERO)


def penalty_charged(
    instalment: InstalmentState, *, on: datetime.date, annual_rate: Decimal
) -> Decimal:
    """All penalty interest (罚息) charged on one instalment up to ``on``, paid or not: what was
    accrued up to ``penalty_accrued_to`` plus the penalty since then (since the due date if
    nothing was accrued) on the principal still unpaid. A service stores this figure as
    ``penalty_accrued`` with ``penalty_accrued_to = on`` whenever principal of an overdue
    instalment is paid, so that the earlier, larger overdue principal keeps its penalty."""
    since = max(instalment.due_date, instalment.penalty_accrued_to or instalment.due_date)
    unpaid = instalment.principal_due - instalment.principal_paid
    running = penalty_interest(
        overdue_principal=unpaid, annual_rate=annual_rate, days=(on - since).days
    )
    return instalment.penalty_accrued + running
