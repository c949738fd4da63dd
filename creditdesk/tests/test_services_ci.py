"""On CI the suite must run against the real PostgreSQL and Redis, not fall back silently."""

import os

import pytest
from django.db import connection

from tests.helpers import requires_broker, requires_postgres

on_ci = pytest.mark.skipif(not os.environ.get("CI"), reason="only on CI (.ci/run)")


@on_ci
@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@on_ci
def test_ci_has_a_broker():
    assert os.environ.get("CELERY_BROKER_URL", "").startswith("redis://")


@requires_postgres
@pytest.mark.django_db
def test_postgres_enforces_check_constraints(bank):
    from django.db import IntegrityError

    from creditdesk.models import AuthorityLimit

    with pytest.raises(IntegrityError):
        AuthorityLimit.objects.create(role="auditor", grade=3, max_credit_line=-5)


@requires_broker
@pytest.mark.broker
def test_task_round_trip_through_redis_and_a_worker():
    from celery.contrib.testing.worker import start_worker

    from creditdesk.celery import app
    from creditdesk.tasks import ping

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert ping.delay().get(timeout=20) == "pong"
