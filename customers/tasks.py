"""Tasks of the customers floor: thin, they call a service (``customers.services``)."""

from celery import shared_task

from customers import exports
from customers.services.credit import credit_lines_expire


@shared_task
def expire_credit_lines() -> int:
    """Nightly: lines past their end date become expired, each with its history row."""
    return credit_lines_expire()


@shared_task
def export_customers(export_id: int) -> int:
    """A customer ledger export too large for a web request (customers.exports)."""
    return exports.run(export_id).rows_done
