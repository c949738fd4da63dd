"""Post-loan's Celery tasks: thin, each calls one service."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from postloan.services import loans_mark_overdue


@shared_task
def mark_overdue() -> int:
    """The nightly job: loans whose oldest unpaid instalment fell due get their overdue date."""
    return loans_mark_overdue(on=timezone.localdate())
