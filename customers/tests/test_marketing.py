"""The marketing pipeline, credit villages and products held."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import CreditLine, CreditRating, CustomerStatus, ProductHolding
from customers.services.marketing import products_set
from tests.factories import CustomerFactory

TODAY = datetime.date.today()


def test_pipeline_moves_to_customer_and_activates(customer_file, manager, client_for):
    client_for(manager).post(f"/customers/{customer_file.pk}/stage/", {"stage": "customer"})
    customer_file.refresh_from_db()
    assert customer_file.stage == "customer" and customer_file.status == CustomerStatus.ACTIVE


def test_lost_needs_a_reason(customer_file, manager, api_for):
    api = api_for(manager)
    response = api.post(f"/api/customers/{customer_file.pk}/stage/", {"stage": "lost"})
    assert response.status_code == 400
    response = api.post(
        f"/api/customers/{customer_file.pk}/stage/", {"stage": "lost", "lost_reason": "选了他行"}
    )
    assert response.status_code == 200
    customer_file.refresh_from_db()
    assert customer_file.status == CustomerStatus.LOST and customer_file.lost_reason == "选了他行"


def test_pipeline_page_counts_stages(customer_file, manager, client_for):
    response = client_for(manager).get("/customers/pipeline/")
    assert ("prospect", "潜在", 1) in [
        (v, str(label), n) for v, label, n in response.context["stages"]
    ]


def test_credit_villages_count_rated_and_granted(bank, manager, head, client_for):
    households = CustomerFactory.create_batch(4, manager=manager, township="城关镇", village="东村")
    CustomerFactory(manager=manager, township="城关镇", village="西村")
    for c in households[:2]:
        CreditRating.objects.create(
            customer=c, grade="A", score=80, rated_by=head, valid_from=TODAY,
            valid_until=TODAY + datetime.timedelta(days=365),
        )  # fmt: skip
        CreditLine.objects.create(
            customer=c, amount=Decimal("30000"), status="active", valid_from=TODAY,
            valid_until=TODAY + datetime.timedelta(days=365),
        )  # fmt: skip
    rows = client_for(manager).get("/customers/villages/").context["rows"]
    east = next(r for r in rows if r["village"] == "东村")
    assert (east["households"], east["rated"], east["granted"]) == (4, 2, Decimal("60000"))
    assert east["rated_share"] == 50


def test_products_held(customer_file, manager, client_for):
    client_for(manager).post(
        f"/customers/{customer_file.pk}/products/", {"products": ["deposit", "mobile_banking"]}
    )
    assert set(ProductHolding.objects.values_list("product", flat=True)) == {
        "deposit",
        "mobile_banking",
    }
    products_set(customer=customer_file, by=manager, products=["deposit"])
    assert ProductHolding.objects.count() == 1


def test_unknown_product_refused(customer_file, manager):
    with pytest.raises(ValidationError):
        products_set(customer=customer_file, by=manager, products=["gold_bars"])
