"""In CI the nightly job goes through Redis to a real worker (not eager) and ends in the same
state as ``manage.py run_nightly`` (issue 11, point 9)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from postloan.tests.test_disbursement_and_repayment import back_dated_loan
from postloan.tests.test_nightly import _forget_the_job, _snapshot
from tests.helpers import requires_broker, requires_postgres

DAY = datetime.date.today()


@requires_broker
@requires_postgres  # the worker thread needs the committed test database, not SQLite memory
@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_consuming_the_job_from_redis_does_what_the_command_does(
    customer, product, manager, manager2, head, loan
):
    from celery.contrib.testing.worker import start_worker

    from creditdesk.celery import app
    from postloan.models import NightlyRun
    from postloan.tasks import nightly

    assert not app.conf.task_always_eager
    back_dated_loan(customer, product, manager, manager2, head, months_ago=4)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        counts = nightly.delay(DAY.isoformat()).get(timeout=120)
    assert counts["loans"] >= 1 and counts["alerts_raised"] >= 2
    by_worker = _snapshot()

    _forget_the_job()
    call_command("run_nightly", "--date", DAY.isoformat())
    by_command = NightlyRun.objects.get(business_date=DAY).counts
    assert by_command.pop("seconds") and counts.pop("seconds")
    assert by_command == counts
    assert _snapshot() == by_worker
