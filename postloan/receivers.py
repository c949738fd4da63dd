"""Post-loan listens to the floors below it; each receiver only calls a service."""

from __future__ import annotations

from postloan.services.assignment import loans_follow_customers


def follow_reassigned_customers(sender, *, customer_ids: list[int], by, **kwargs) -> None:
    """Customers were reassigned (in the same transaction): their loans follow them."""
    loans_follow_customers(customer_ids=customer_ids, by=by)
