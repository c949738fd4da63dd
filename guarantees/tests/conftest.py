"""Guarantee records for tests. Applications are the floor above's: a draft is made through
the model that our string foreign key names (guarantees' tests import nothing from loans);
workflows that need a submitted or signed application are tested in loans and postloan."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from customers.models import CustomerType
from guarantees.models import CollateralKind, Guarantor
from guarantees.services import collateral as collateral_services
from guarantees.services import parties
from tests.factories import CustomerFactory, make_id_number


def make_application(customer, manager, amount="100000.00"):
    """A draft application (the default status), as the loans floor would create it."""
    product, _ = apps.get_model("loans", "LoanProduct").objects.get_or_create(
        code="GT-TEST",
        defaults={
            "name": "测试产品",
            "min_amount": Decimal("1000"),
            "max_amount": Decimal("5000000"),
            "max_term_months": 36,
            "min_rate": Decimal("1"),
            "max_rate": Decimal("20"),
            "repayment_methods": ["equal_instalment"],
        },
    )
    return apps.get_model("loans", "LoanApplication").objects.create(
        customer=customer,
        product=product,
        amount=Decimal(amount),
        term_months=12,
        purpose="购买饲料",
        repayment_method="equal_instalment",
        proposed_rate=Decimal("6.5"),
        first_repayment_source="经营收入",
        created_by=manager,
    )


@pytest.fixture
def borrower(manager):
    return CustomerFactory(manager=manager, name="张大山")


@pytest.fixture
def application(borrower, manager):
    return make_application(borrower, manager)


def person(n: int, name: str = "", **strength) -> dict:
    return {
        "party_type": "person",
        "name": name or f"保证人{n}",
        "id_number": make_id_number(500 + n),
        **strength,
    }


def add_guarantor(application, manager, n=1, *, amount="100000", willingness="strong", **strength):
    strength = {"net_assets": Decimal("200000"), "annual_income": Decimal("0"), **strength}
    return parties.guarantee_propose(
        application=application,
        by=manager,
        party=person(n, **strength),
        amount=Decimal(amount),
        relationship="relative",
        willingness=willingness,
    )


def house(customer, manager, value="200000", **extra):
    values = {
        "kind": CollateralKind.objects.get(code="residential"),
        "description": "自建房一套",
        "appraised_value": Decimal(value),
        "appraiser": "县房产评估所",
        "appraised_on": datetime.date.today() - datetime.timedelta(days=30),
        **extra,
    }
    return collateral_services.collateral_add(customer=customer, by=manager, values=values)


def pledge(application, collateral, manager, amount="100000"):
    return collateral_services.pledge_propose(
        application=application, collateral=collateral, by=manager, amount_secured=Decimal(amount)
    )


@pytest.fixture
def farmers(manager):
    return [
        CustomerFactory(manager=manager, name=f"农户{i}", customer_type=CustomerType.FARM_HOUSEHOLD)
        for i in range(4)
    ]


__all__ = ["Guarantor", "add_guarantor", "house", "make_application", "person", "pledge"]
