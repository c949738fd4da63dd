"""Household members (a spouse co-signs) and financial snapshots with derived ratios."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import FinancialSnapshot
from customers.services.household import member_add, snapshot_record


def test_spouse_needs_a_valid_id_and_co_signs(customer_file, manager):
    spouse = customer_file.members.get()
    assert spouse.co_signs
    with pytest.raises(ValidationError):
        member_add(
            customer=customer_file,
            by=manager,
            values={"name": "另一位", "relation": "spouse", "id_number": "11010519491231002X"},
        )


def test_member_wrong_check_digit_on_the_form(customer_file, manager, client_for):
    response = client_for(manager).post(
        f"/customers/{customer_file.pk}/members/new/",
        {"name": "张小山", "relation": "child", "id_number": "110105200501010011"},
    )
    assert response.status_code == 200
    assert "校验位" in response.content.decode()


def test_ratios_and_growth(customer_file, manager, client_for):
    snapshot_record(
        customer=customer_file,
        by=manager,
        values={
            "as_of": datetime.date(2026, 6, 30),
            "revenue": Decimal("125000"),
            "net_profit": Decimal("15000"),
            "total_assets": Decimal("250000"),
            "total_liabilities": Decimal("100000"),
            "current_assets": Decimal("60000"),
            "current_liabilities": Decimal("40000"),
        },
    )
    snap = FinancialSnapshot.objects.get(as_of=datetime.date(2026, 6, 30))
    assert snap.debt_ratio == Decimal("40.0")
    assert snap.current_ratio == Decimal("1.50")
    assert snap.margin == Decimal("12.0")
    response = client_for(manager).get(f"/customers/{customer_file.pk}/")
    newest, growth = response.context["snapshots"][0]
    assert newest == snap and growth == Decimal("25.0")


def test_one_snapshot_per_day(customer_file, manager):
    with pytest.raises(ValidationError):
        snapshot_record(
            customer=customer_file,
            by=manager,
            values={"as_of": datetime.date(2025, 12, 31), "revenue": 1, "net_profit": 1,
                    "total_assets": 1, "total_liabilities": 1},
        )  # fmt: skip
