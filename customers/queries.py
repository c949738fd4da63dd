"""Reads that combine several models (single-model reads are QuerySet methods)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from customers.models import CreditLine, CreditLineStatus, CreditRating, Customer, CustomerType


def credit_villages(user, today: datetime.date) -> list[dict]:
    """Farm households by (township, village) in scope: how many, how many rated (a rating
    valid today), and the credit granted (active lines). Two queries whatever the size."""
    rated = CreditRating.objects.filter(
        customer=OuterRef("pk"), valid_from__lte=today, valid_until__gte=today
    )
    rows = (
        Customer.objects.visible_to(user)
        .filter(customer_type=CustomerType.FARM_HOUSEHOLD)
        .exclude(village="")
        .annotate(is_rated=Exists(rated))
        .values("township", "village")
        .annotate(
            households=Count("pk"),
            rated=Count("pk", filter=Q(is_rated=True)),
        )
        .order_by("township", "village")
    )
    granted = {
        (r["customer__township"], r["customer__village"]): r["total"]
        for r in CreditLine.objects.visible_to(user)
        .filter(customer__customer_type=CustomerType.FARM_HOUSEHOLD, status=CreditLineStatus.ACTIVE)
        .values("customer__township", "customer__village")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    return [
        {
            **row,
            "granted": granted.get((row["township"], row["village"])) or Decimal("0.00"),
            "rated_share": round(100 * row["rated"] / row["households"])
            if row["households"]
            else 0,
        }
        for row in rows
    ]
