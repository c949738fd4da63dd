"""The nightly jobs are scheduled, and each schedule names a task that exists."""

from django.conf import settings

from creditdesk.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"customers.tasks.expire_credit_lines", "postloan.tasks.nightly"} <= names
    assert names <= set(app.tasks)
