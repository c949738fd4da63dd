"""Reads that combine several models (single-model reads are QuerySet methods)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from customers.models import (
    CreditLine,
    CreditLineStatus,
    CreditRating,
    Customer,
    CustomerType,
    FarmTier,
)


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


def line_decision(line: CreditLine, *, on: datetime.date) -> dict:
    """What the approver of a credit line weighs (授信审批要素): the rating that supports it
    (score, grade, factor scores, date), the farm tier's cap for that grade, the line in force
    now with what is drawn on it, the customer's loans with us (post-loan's loan accounts,
    read through the reverse relation ``loans``) and the latest financial snapshot. A fixed
    number of queries."""
    customer = line.customer
    rating = customer.ratings.current(on) or customer.ratings.first()
    tier = None
    if rating is not None and customer.customer_type == CustomerType.FARM_HOUSEHOLD:
        tier = FarmTier.objects.for_grade(rating.grade)
    current = customer.credit_lines.in_force_on(on).exclude(pk=line.pk).first()
    drawn = current.outstanding() if current is not None else Decimal("0.00")
    loans = customer.loans.active() if hasattr(customer, "loans") else None
    loans_total = loans.outstanding_total() if loans is not None else Decimal("0.00")
    return {
        "rating": rating,
        "tier": tier,
        "above_tier": tier is not None and line.amount > tier.cap,
        "current_line": current,
        "current_drawn": drawn,
        "loans_total": loans_total,
        "snapshot": customer.financials.order_by("-as_of", "-pk").first(),
    }
