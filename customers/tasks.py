"""Tasks of the customers floor: thin, they call a service (``customers.services``)."""

from celery import shared_task

from customers.services.credit import credit_lines_expire


@shared_task
def expire_credit_lines() -> int:
    """Nightly: lines past their end date become expired, each with its history row."""
    return credit_lines_expire()
