"""Helpers shared by tests of every app."""

import contextlib
import os
import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

requires_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (set DATABASE_URL=postgres://…; .ci/run does)",
)

requires_broker = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL"),
    reason="needs a Celery broker (set CELERY_BROKER_URL=redis://…; .ci/run does)",
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="needs Debian's chromium (make test installs it)",
)


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@contextlib.contextmanager
def as_of(day):
    """Run services as if it were ten o'clock on ``day`` (a ``datetime.date``): history that
    happened months ago (approved, then signed) gets its real dates, which the services'
    "not before the approval, not after today" rules require."""
    import datetime
    from unittest import mock

    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield
