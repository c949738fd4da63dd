"""Reads of loan accounts that are more than one QuerySet method."""

from __future__ import annotations

import datetime

from django.db.models import Case, F, Q, Value, When

from postloan import planning
from postloan.models import Inspection, Loan, LoanQuerySet
from postloan.models.inspection import InspectionQuerySet


def overdue_for(user, *, on: datetime.date) -> LoanQuerySet:
    """The loans in the user's scope past due on ``on``, oldest due date first."""
    return (
        Loan.objects.visible_to(user)
        .overdue(on=on)
        .select_related("customer")
        .order_by("next_due_date")
    )


def is_handler(loan: Loan, user) -> bool:
    """Whether the user records this loan's repayments: its manager or the application's."""
    return user.pk in (loan.manager_id, loan.application.created_by_id)


#: Days ahead the inspection worklist looks: the week.
WORKLIST_DAYS = 7


def inspection_worklist(user, *, on: datetime.date) -> LoanQuerySet:
    """The active loans in the user's scope due for inspection within the week, large and
    exceptions first (large and overdue, then overdue — longest overdue first — then large),
    then by due date."""
    exception = Q(overdue_since__isnull=False)
    large = planning.LARGE
    return (
        Loan.objects.visible_to(user)
        .active()
        .filter(next_inspection_due__lte=on + datetime.timedelta(days=WORKLIST_DAYS))
        .annotate(
            priority=Case(
                When(exception & large, then=Value(0)),
                When(exception, then=Value(1)),
                When(large, then=Value(2)),
                default=Value(3),
            )
        )
        .select_related("customer", "manager")
        .order_by("priority", F("overdue_since").asc(nulls_last=True), "next_inspection_due", "pk")
    )


def warning_board(user) -> InspectionQuerySet:
    """The early-warning board (预警看板): the loans in the user's scope whose latest
    inspection raised a warning signal, with that inspection."""
    return Inspection.objects.visible_to(user).warnings()
