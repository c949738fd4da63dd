"""The overdue state of loan accounts (逾期), set by the nightly job."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F

from creditdesk.history import audited_update
from postloan.models import Loan
from postloan.reasons import PostloanJob


@transaction.atomic
def loans_mark_overdue(*, on: datetime.date) -> int:
    """Set-based, for the nightly job: loans whose oldest unpaid instalment fell due before
    ``on`` get their overdue date, each change with its history row (no user: a job).
    Returns how many loans changed."""
    due = Loan.objects.active().filter(next_due_date__lt=on, overdue_since__isnull=True)
    return audited_update(
        due, by=None, reason=PostloanJob.MARK_OVERDUE, overdue_since=F("next_due_date")
    )
