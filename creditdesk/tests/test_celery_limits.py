"""Celery settings that keep a task from running twice: with acks_late, Redis hands a task
not yet acknowledged to another worker after the visibility timeout, so every task's hard
time limit must end it before then (issue 11)."""

from django.conf import settings

from creditdesk.celery import app


def _tasks():
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_hard_time_limit_is_below_the_visibility_timeout():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > settings.CELERY_TASK_TIME_LIMIT
    for task in _tasks():
        hard = task.time_limit or app.conf.task_time_limit
        assert hard is not None, f"{task.name}: no hard time limit"
        assert hard < timeout, f"{task.name}: {hard} s ≥ visibility timeout {timeout} s"
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        assert soft is None or soft < hard, f"{task.name}: soft limit not below the hard one"
