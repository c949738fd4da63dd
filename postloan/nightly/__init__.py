"""The nightly job (夜间批处理): every loan's overdue state, large-loan flag and classification
floor as of the business date, then the alerts. Plain code the Celery task, the management
command (``manage.py run_nightly``) and the administrator's button all call; the tests call it
directly.

At bank scale: set-based SQL only (``state``, ``alerts``), the Python process holds no rows;
idempotent (a step writes only rows whose values change; alerts are unique in the database);
one run per business date (a unique run record, and on PostgreSQL an advisory lock held for
the run, so two schedulers started by mistake run it once and a run killed midway is taken
over by the next attempt). Each step commits on its own: a crash after the first leaves a
consistent state that the re-run completes.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from postloan.models import NightlyRun, RunStatus
from postloan.nightly.alerts import refresh_alerts
from postloan.nightly.sql import is_postgres, scalar
from postloan.nightly.state import refresh_loans
from postloan.services.inspections import inspections_replan

log = logging.getLogger(__name__)

#: First key of the PostgreSQL advisory lock (the second is the business date's ordinal).
LOCK_CLASS = 0x4E49  # "NI"


@contextlib.contextmanager
def _date_lock(day: datetime.date):
    """True if this process may run ``day``: on PostgreSQL, a session advisory lock released
    when the run ends or its connection dies; elsewhere (SQLite, one process) always."""
    if not is_postgres():
        yield True
        return
    got = scalar("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, day.toordinal()])
    try:
        yield bool(got)
    finally:
        if got:
            scalar("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, day.toordinal()])


@contextlib.contextmanager
def _timed(seconds: dict[str, float], step: str):
    started = time.perf_counter()
    yield
    seconds[step] = round(time.perf_counter() - started, 3)


def _stale(run: NightlyRun, now: datetime.datetime) -> bool:
    """A run left "running": on PostgreSQL we hold the date's lock, so its process is gone;
    elsewhere it is stale once it has been running longer than the task's hard time limit."""
    if is_postgres():
        return True
    return run.started_at < now - datetime.timedelta(seconds=settings.NIGHTLY_TIME_LIMIT)


@transaction.atomic
def _claim(day: datetime.date, *, force: bool, now: datetime.datetime) -> NightlyRun | None:
    run = NightlyRun.objects.select_for_update().filter(business_date=day).first()
    if run is None:
        try:
            with transaction.atomic():
                return NightlyRun.objects.create(business_date=day, started_at=now)
        except IntegrityError:  # another scheduler claimed the date a moment ago
            return None
    if run.status == RunStatus.DONE and not force:
        return None
    if run.status == RunStatus.RUNNING and not _stale(run, now):
        return None
    run.status, run.started_at, run.finished_at, run.error = RunStatus.RUNNING, now, None, ""
    run.attempts += 1
    run.save()
    return run


def run(*, day: datetime.date | None = None, force: bool = False) -> NightlyRun | None:
    """Run the job for ``day`` (today). Returns the finished run record, or None when the date
    has already been run (``force`` runs it again: nothing changes twice) or is running
    elsewhere."""
    day = day or timezone.localdate()
    with _date_lock(day) as mine:
        if not mine:
            log.info("nightly %s: running elsewhere", day)
            return None
        run = _claim(day, force=force, now=timezone.now())
        if run is None:
            log.info("nightly %s: already run", day)
            return None
        try:
            seconds: dict[str, float] = {}
            with _timed(seconds, "loans"):
                counts = refresh_loans(day=day, now=timezone.now())
            # The inspection plan follows the overdue state and the large flag just written.
            with _timed(seconds, "inspections"):
                counts["inspections_replanned"] = inspections_replan(on=day)
            with _timed(seconds, "alerts"):
                counts.update(refresh_alerts(day=day, now=timezone.now()))
            counts["seconds"] = seconds
        except Exception as exc:
            NightlyRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED, finished_at=timezone.now(), error=repr(exc)[:2000]
            )
            raise
        run.status, run.finished_at, run.counts = RunStatus.DONE, timezone.now(), counts
        run.save(update_fields=["status", "finished_at", "counts"])
        log.info("nightly %s: %s", day, counts)
        return run


__all__ = ["refresh_alerts", "refresh_loans", "run"]
