"""The admin shows ratings, lines and batches but changes them only through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from customers.models import CreditLine, CreditLineStatus, CreditRating
from customers.services.credit import credit_line_propose
from customers.tests.credit_helpers import DAY, household, rated


def test_admin_cannot_make_a_pending_line_active(admin_user, manager, client_for):
    customer = household(manager)
    rated(customer, 95, on=DAY)
    line = credit_line_propose(
        customer=customer, amount=Decimal("20000"), proposed_by=manager, valid_from=DAY
    )
    url = reverse("admin:customers_creditline_change", args=[line.pk])
    response = client_for(admin_user).post(
        url,
        {
            "customer": customer.pk,
            "amount": "2000000.00",
            "valid_from": DAY.isoformat(),
            "valid_until": (DAY + datetime.timedelta(days=365)).isoformat(),
            "status": CreditLineStatus.ACTIVE,
        },
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.status == CreditLineStatus.PENDING
    assert line.amount == Decimal("20000.00")
    assert line.approved_by is None and line.card_number is None


def test_admin_cannot_bulk_delete_ratings(admin_user, manager, client_for):
    rating = rated(household(manager), 95, on=DAY)
    client = client_for(admin_user)
    response = client.post(
        reverse("admin:customers_creditrating_changelist"),
        {"action": "delete_selected", "_selected_action": [rating.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302, 403)
    assert CreditRating.objects.filter(pk=rating.pk).exists()
    assert client.get(reverse("admin:customers_creditrating_add")).status_code == 403
    assert CreditLine.objects.count() == 0


def test_admin_edits_reference_data_with_a_reason(admin_user, client_for):
    from customers.models import FarmTier

    tier = FarmTier.objects.get(name="特优")
    response = client_for(admin_user).post(
        reverse("admin:customers_farmtier_change", args=[tier.pk]),
        {"name": "特优", "grade": "AAA", "cap": "80000.00", "position": "0"},
    )
    assert response.status_code == 302
    tier.refresh_from_db()
    assert tier.cap == Decimal("80000.00")
    last = tier.history.first()
    assert last.history_change_reason == "admin.change" and last.history_user == admin_user
