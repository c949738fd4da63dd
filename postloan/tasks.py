"""Post-loan's Celery tasks: thin, each calls one service or the nightly job's module."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from postloan import digest
from postloan import nightly as nightly_job
from postloan.services import loans_mark_overdue


@shared_task
def mark_overdue() -> int:
    """Loans whose oldest unpaid instalment fell due get their overdue date (the nightly job
    does this and more; kept for callers of the old task)."""
    return loans_mark_overdue(on=timezone.localdate())


# acks_late: the job is idempotent, so a run redelivered after a worker died is harmless; its
# hard time limit stays below the broker's visibility timeout (settings), so a run still
# going is never handed to a second worker.
@shared_task(
    acks_late=True,
    time_limit=settings.NIGHTLY_TIME_LIMIT,
    soft_time_limit=settings.NIGHTLY_SOFT_TIME_LIMIT,
)
def nightly(day: str | None = None, force: bool = False) -> dict | None:
    """The nightly job for ``day`` (ISO date; today by default). Returns the run's counts, or
    None when the date was already run or is running elsewhere."""
    business_date = datetime.date.fromisoformat(day) if day else timezone.localdate()
    run = nightly_job.run(day=business_date, force=force)
    return None if run is None else run.counts


@shared_task
def send_daily_digest(day: str | None = None) -> int:
    """The morning mail to every manager and branch head with something waiting."""
    business_date = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return digest.send_daily_digests(on=business_date)
