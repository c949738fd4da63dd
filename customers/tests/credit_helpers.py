"""Helpers shared by the rating and credit tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from customers.models import CreditRating, Customer, CustomerType, Scorecard
from customers.services.credit import rating_record
from tests.factories import CustomerFactory

DAY = datetime.date(2026, 3, 2)


def scores_for(customer_type: str, score: int | dict) -> dict:
    """Factor scores by factor id: one score for every factor, or ``{criterion: score}``."""
    card = Scorecard.objects.get(customer_type=customer_type)
    return {
        f.pk: (score[f.criterion] if isinstance(score, dict) else score) for f in card.factors.all()
    }


def rated(customer: Customer, score: int = 95, *, on=DAY, by=None) -> CreditRating:
    return rating_record(
        customer=customer,
        scores=scores_for(customer.customer_type, score),
        rated_by=by or customer.manager,
        on=on,
    )


def household(manager, *, village="青禾村", township="城关镇", **kwargs) -> Customer:
    return CustomerFactory(
        manager=manager,
        customer_type=CustomerType.FARM_HOUSEHOLD,
        township=township,
        village=village,
        status="active",
        **kwargs,
    )


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
