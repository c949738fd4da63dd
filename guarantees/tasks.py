"""Guarantees' Celery tasks: thin, each calls one function of this floor."""

from __future__ import annotations

from celery import shared_task

from guarantees import queries


@shared_task
def count_circles() -> int:
    """How many mutual-guarantee circles the bank has (one query and one graph pass): for a
    scheduled report; nothing is changed."""
    return len(queries.all_circles())
