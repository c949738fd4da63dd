"""What every guarantees model shares: money columns and who sees a record."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from creditdesk.scoping import scope_q

MONEY = {"max_digits": 14, "decimal_places": 2}
#: Ratios (loan-to-value caps, willingness factors): 0.0000–9.9999.
RATIO = {"max_digits": 5, "decimal_places": 4}
ZERO = Decimal("0.00")


def borrower_scope(user, prefix: str = "") -> Q:
    """Records of one borrower's loan: the borrower's branch and manager (as for applications)."""
    return scope_q(user, branch=f"{prefix}borrower__branch", manager=f"{prefix}borrower__manager")


def reference_scope(user) -> Q | None:
    """Reference data: every signed-in, active member of staff reads it (None: nobody)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Q()
