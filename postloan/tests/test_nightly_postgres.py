"""On PostgreSQL two schedulers started by mistake run the date once: the job holds an
advisory lock for the business date while it runs (issue 11, point 2)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connections
from django.utils import timezone

from postloan import nightly
from postloan.models import NightlyRun, RunStatus
from tests.helpers import requires_postgres

DAY = datetime.date.today()


def _other_session():
    """A second connection to the test database: another scheduler's process."""
    other = connections.create_connection("default")
    other.ensure_connection()
    return other


@requires_postgres
@pytest.mark.django_db
def test_a_second_scheduler_skips_the_date_while_the_first_holds_it(bank):
    other = _other_session()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [nightly.LOCK_CLASS, DAY.toordinal()])
        assert nightly.run(day=DAY) is None
        assert not NightlyRun.objects.exists()
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [nightly.LOCK_CLASS, DAY.toordinal()]
            )
    finally:
        other.close()
    # The first scheduler let go (finished, or its session died): the date runs.
    assert nightly.run(day=DAY).status == RunStatus.DONE


@requires_postgres
@pytest.mark.django_db
def test_a_run_left_running_by_a_dead_worker_is_taken_over(bank):
    # Its lock died with its connection; the record still says "running".
    NightlyRun.objects.create(business_date=DAY, started_at=timezone.now())
    run = nightly.run(day=DAY)
    assert (run.status, run.attempts) == (RunStatus.DONE, 2)
