"""The nightly job's task: acknowledged late (it is idempotent), with limits of its own below
the broker's visibility timeout, and on the beat schedule."""

from django.conf import settings


def test_the_nightly_job_acks_late_and_has_its_own_limits():
    from postloan.tasks import nightly

    assert nightly.acks_late is True
    assert nightly.time_limit == settings.NIGHTLY_TIME_LIMIT
    assert nightly.soft_time_limit < nightly.time_limit


def test_the_nightly_job_is_scheduled():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "postloan.tasks.nightly" in names
