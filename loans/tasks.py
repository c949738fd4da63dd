"""Loans' Celery tasks. Origination has no background work yet; the nightly job of the loan
accounts is post-loan's (``postloan.tasks``)."""
