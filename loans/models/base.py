"""What every loans model shares: money and rate columns, and who sees an application."""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.db.models import Q

from creditdesk.scoping import in_set, scope_q

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal("0.00")


def scoped(user, prefix: str = "") -> Q:
    """Records reached through an application's customer: its branch and its manager."""
    return scope_q(user, branch=f"{prefix}customer__branch", manager=f"{prefix}customer__manager")


def scoped_or_investigator(user, prefix: str) -> Q:
    """A manager also sees the applications they created or help to investigate (双人调查)."""
    if user is None or not user.is_authenticated or not user.is_active or user.role != "manager":
        return scoped(user, prefix)  # (an empty Q for bank-wide roles must not be OR-ed)
    return in_set(f"{prefix}pk", manager_application_ids(user))


def manager_application_ids(user):
    """The ids of a manager's applications: their customers', the ones they created and the
    ones they help to investigate — a UNION of three index lookups, so the cost is the
    manager's book. (ORing the three across a LEFT JOIN made the planner scan every
    application of the bank.)"""
    application = apps.get_model("loans", "LoanApplication")
    investigation = apps.get_model("loans", "Investigation")
    own = application.objects.filter(customer__manager=user).order_by().values("pk")
    created = application.objects.filter(created_by=user).order_by().values("pk")
    seconded = (
        investigation.objects.filter(second_investigator=user).order_by().values("application")
    )
    return own.union(created, seconded)
