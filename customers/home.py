"""The manager's home panels: follow-ups due, birthdays, lines and ratings about to expire."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from creditdesk.models import Role
from customers.models import Contact, CreditLine, CreditRating, Customer

LIMIT = 10


def followups_due(user, today: datetime.date):
    return (
        Contact.objects.visible_to(user)
        .followups_due(on=today)
        .select_related("customer")
        .order_by("follow_up_on", "pk")
    )


def birthdays(user, today: datetime.date, days: int = 7) -> list[Customer]:
    """Customers whose birthday falls in the next ``days`` days, soonest first."""
    customers = list(Customer.objects.visible_to(user).birthdays_within(today, days)[:200])

    def next_birthday(c: Customer) -> datetime.date:
        for offset in range(days):
            d = today + datetime.timedelta(days=offset)
            if (d.month, d.day) == (c.birth_date.month, c.birth_date.day):
                return d
        return today

    return sorted(customers, key=next_birthday)[:LIMIT]


def expiring_lines(user, today: datetime.date, days: int = 30):
    return (
        CreditLine.objects.visible_to(user)
        .expiring(today, days=days)
        .select_related("customer")
        .order_by("valid_until", "pk")
    )


def expiring_ratings(user, today: datetime.date, days: int = 30):
    """Ratings ending within ``days`` that no later rating of the customer replaces."""
    renewed = CreditRating.objects.filter(
        customer=OuterRef("customer"), valid_until__gt=OuterRef("valid_until")
    )
    return (
        CreditRating.objects.visible_to(user)
        .filter(valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=days))
        .exclude(Exists(renewed))
        .select_related("customer")
        .order_by("valid_until", "pk")
    )


def panels(user) -> list[dict]:
    today = timezone.localdate()
    result: list[dict] = []
    if user.role == Role.MANAGER:
        due_qs = followups_due(user, today)
        due = list(due_qs[:LIMIT])
        total = len(due) if len(due) < LIMIT else due_qs.count()
        result.append(
            {
                "template": "customers/_panel_followups.html",
                "width": "col-12 col-lg-6",
                "contacts": due,
                "more": total - len(due),
                "today": today,
            }
        )
        result.append(
            {
                "template": "customers/_panel_birthdays.html",
                "width": "col-12 col-md-6 col-lg-3",
                "customers": birthdays(user, today),
            }
        )
    if user.role in (Role.MANAGER, Role.BRANCH_HEAD):
        result.append(
            {
                "template": "customers/_panel_expiring.html",
                "width": "col-12 col-md-6 col-lg-3"
                if user.role == Role.MANAGER
                else "col-12 col-lg-6",
                "lines": list(expiring_lines(user, today)[:LIMIT]),
                "ratings": list(expiring_ratings(user, today)[:LIMIT]),
            }
        )
    return result
