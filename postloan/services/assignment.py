"""Who answers for a loan: its branch and manager follow its customer's."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery

from creditdesk.history import audited_update
from creditdesk.models import User
from customers.models import Customer
from postloan.models import Loan
from postloan.reasons import PostloanReason


@transaction.atomic
def loans_follow_customers(*, customer_ids: list[int], by: User | None) -> int:
    """Set every loan of these customers to its customer's branch and manager (after a
    reassignment), each changed loan with a history row. Returns how many loans changed.

    Called in the reassignment's transaction (``postloan.receivers``): the customers have
    already moved, so the loans' columns are read from them."""
    customer = Customer.objects.filter(pk=OuterRef("customer_id"))
    stale = Loan.objects.filter(customer_id__in=list(customer_ids)).exclude(
        Q(branch_id=F("customer__branch_id")) & Q(manager_id=F("customer__manager_id"))
    )
    return audited_update(
        stale,
        by=by,
        reason=PostloanReason.FOLLOW_CUSTOMER,
        branch_id=Subquery(customer.values("branch_id")[:1]),
        manager_id=Subquery(customer.values("manager_id")[:1]),
    )
