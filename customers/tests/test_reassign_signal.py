"""Reassignment tells the floors above (which keep denormalised branch/manager columns)."""

from __future__ import annotations

from customers.models import Customer
from customers.services.customers import customers_reassign
from customers.signals import customers_reassigned
from tests.factories import CustomerFactory


def test_reassignment_sends_the_moved_ids_inside_the_transaction(head, manager, manager2):
    moving = [CustomerFactory(manager=manager) for _ in range(2)]
    staying = CustomerFactory(manager=manager2)
    heard = []

    def receiver(sender, customer_ids, by, **kwargs):
        # Sent after the change: the rows already carry the new manager.
        managers = set(
            Customer.objects.filter(pk__in=customer_ids).values_list("manager", flat=True)
        )
        heard.append((sender, sorted(customer_ids), by, managers))

    customers_reassigned.connect(receiver)
    try:
        moved = customers_reassign(
            customers=[*moving, staying], to_manager=manager2, by=head, reason="调岗"
        )
    finally:
        customers_reassigned.disconnect(receiver)
    assert moved == 2
    assert heard == [(Customer, sorted(c.pk for c in moving), head, {manager2.pk})]
