"""The inspection plan (贷后检查计划): when each loan is next due for an inspection.

"Focus on the large and the exceptions" (DOMAIN.md): the first inspection follows the
disbursement within ``INSPECTION_FIRST_DAYS`` (has the money gone where the contract says?);
after that a large loan is inspected every ``INSPECTION_LARGE_DAYS``, any other every
``INSPECTION_SMALL_DAYS``, a risky one (overdue, or classified below normal) every
``INSPECTION_RISK_DAYS``; a loan that falls overdue after its last inspection is due at once,
on the day it fell overdue.

The rule is written twice, once per loan in Python (:func:`next_due`, for the services that
open a loan or submit an inspection) and once as one SQL expression (:func:`planned_due`, for
the nightly replan of the whole portfolio); ``postloan/tests/test_inspection_plan.py`` holds
the two equal.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Case, DateField, F, Func, Q, Value, When
from django.db.models.functions import Least

from postloan.models import Loan, LoanClass, LoanStatus


class AddDays(Func):
    """``date + n days`` as a date on both databases (PostgreSQL: ``date + integer``;
    SQLite: ``date(d, '+n days')``)."""

    output_field = DateField()

    def __init__(self, expression, days: int):
        self.days = int(days)
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + {self.days})", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{self.days:+d} days')", params


def _days(name: str) -> int:
    return int(getattr(settings, name))


def cadence_days(*, large: bool, risky: bool) -> int:
    if risky:
        return _days("INSPECTION_RISK_DAYS")
    return _days("INSPECTION_LARGE_DAYS") if large else _days("INSPECTION_SMALL_DAYS")


#: Large (大额): the nightly job's flag, by the branch's threshold.
LARGE = Q(is_large=True)
#: Risky: overdue, or classified below normal.
RISKY = Q(overdue_since__isnull=False) | ~Q(classification=LoanClass.NORMAL)


def is_risky(loan: Loan) -> bool:
    return loan.overdue_since is not None or loan.classification != LoanClass.NORMAL


def next_due(loan: Loan) -> datetime.date | None:
    """The loan's next inspection date by the plan (None once the loan is closed)."""
    if loan.status != LoanStatus.ACTIVE:
        return None
    if loan.last_inspected_on is None:
        due = loan.disbursed_on + datetime.timedelta(days=_days("INSPECTION_FIRST_DAYS"))
    else:
        days = cadence_days(large=loan.is_large, risky=is_risky(loan))
        due = loan.last_inspected_on + datetime.timedelta(days=days)
    since = loan.overdue_since
    if since is not None and (loan.last_inspected_on is None or loan.last_inspected_on < since):
        due = min(due, since)
    return due


def planned_due() -> Case:
    """:func:`next_due` as one expression over the loan table."""
    by_cadence = Case(
        When(
            last_inspected_on__isnull=True,
            then=AddDays(F("disbursed_on"), _days("INSPECTION_FIRST_DAYS")),
        ),
        When(RISKY, then=AddDays(F("last_inspected_on"), _days("INSPECTION_RISK_DAYS"))),
        When(LARGE, then=AddDays(F("last_inspected_on"), _days("INSPECTION_LARGE_DAYS"))),
        default=AddDays(F("last_inspected_on"), _days("INSPECTION_SMALL_DAYS")),
        output_field=DateField(),
    )
    overdue_since_last = Q(overdue_since__isnull=False) & (
        Q(last_inspected_on__isnull=True) | Q(last_inspected_on__lt=F("overdue_since"))
    )
    return Case(
        When(~Q(status=LoanStatus.ACTIVE), then=Value(None, output_field=DateField())),
        When(overdue_since_last, then=Least(by_cadence, F("overdue_since"))),
        default=by_cadence,
        output_field=DateField(),
    )
