"""Reads of loan accounts that are more than one QuerySet method."""

from __future__ import annotations

import datetime

from postloan.models import Loan, LoanQuerySet


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
