"""Fixtures of the customer-file tests: one full file owned by `manager` (城关支行)."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from customers.services.contacts import contact_log
from customers.services.customers import customer_create
from customers.services.household import member_add, snapshot_record


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in English leaves English active in the thread; later tests expect Chinese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def customer_file(manager):
    """A farm household of 李客户经理 with a spouse, a snapshot and a contact to follow up."""
    customer = customer_create(
        by=manager,
        name="张大山",
        customer_type="farm_household",
        id_number="110105198005170017",
        phone="13812345678",
        township="城关镇",
        village="东村",
    )
    member_add(
        customer=customer,
        by=manager,
        values={"name": "王秀英", "relation": "spouse", "id_number": "110105198205060023"},
    )
    snapshot_record(
        customer=customer,
        by=manager,
        values={
            "as_of": datetime.date(2025, 12, 31),
            "revenue": Decimal("100000"),
            "net_profit": Decimal("12000"),
            "total_assets": Decimal("200000"),
            "total_liabilities": Decimal("50000"),
        },
    )
    contact_log(
        customer=customer,
        by=manager,
        values={
            "kind": "visit",
            "occurred_on": datetime.date.today(),
            "purpose": "了解春耕资金需求",
            "follow_up_on": datetime.date.today(),
        },
    )
    return customer
