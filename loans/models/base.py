"""What every loans model shares: money and rate columns, and who sees an application."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from creditdesk.scoping import scope_q

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal("0.00")


def scoped(user, prefix: str = "") -> Q:
    """Records reached through an application's customer: its branch and its manager."""
    return scope_q(user, branch=f"{prefix}customer__branch", manager=f"{prefix}customer__manager")


def scoped_or_investigator(user, prefix: str) -> Q:
    """A manager also sees the applications they created or help to investigate (双人调查)."""
    q = scoped(user, prefix)
    if user is None or not user.is_authenticated or user.role != "manager":
        return q  # (an empty Q for bank-wide roles must not be OR-ed: Q() | x == x)
    return (
        q
        | Q(**{f"{prefix}created_by": user})
        | Q(**{f"{prefix}investigation__second_investigator": user})
    )
