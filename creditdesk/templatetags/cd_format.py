"""How figures read on every page (``{% load cd_format %}``): money with thousands separators
and two places, rates to two places, ratios as percentages; "—" where there is no figure.

    {{ loan.principal|money }}          9,950,000.00
    {{ application.proposed_rate|rate }} 6.50%
    {{ structure.ratio|ratio }}         125.0%   (a multiple: 1.25)
    {{ snapshot.debt_ratio|percent }}   45.3%    (already a percentage)
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()

NONE = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def money(value) -> str:
    """Yuan: ``9950000`` → ``9,950,000.00``."""
    number = _decimal(value)
    return NONE if number is None else f"{number:,.2f}"


@register.filter
def rate(value) -> str:
    """An annual rate stored in percent (7,4): ``6.5000`` → ``6.50%``."""
    number = _decimal(value)
    return NONE if number is None else f"{number:.2f}%"


@register.filter
def ratio(value) -> str:
    """A multiple shown as a percentage: ``1.2500`` → ``125.0%``."""
    number = _decimal(value)
    return NONE if number is None else f"{number * 100:,.1f}%"


@register.filter
def percent(value) -> str:
    """A figure already in percent: ``45.3`` → ``45.3%``."""
    number = _decimal(value)
    return NONE if number is None else f"{number:,.1f}%"
