"""Helpers shared by tests of every app."""

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
