"""Every date a person types on the customer floor is bounded (1900 … today + 50 years):
year 1 or 9999 is a 400 or a form error, never a 500 from date arithmetic."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from customers.models import Contact, CreditLine, CustomerType
from customers.services.credit import credit_line_propose
from customers.services.household import SNAPSHOT_FIELDS
from customers.tests.credit_helpers import rated
from tests.factories import CustomerFactory

FAR = ["9999-12-31", "9998-01-01", "0001-01-01"]


def id_born(day: str) -> str:
    body = f"110105{day}001"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def micro(manager):
    customer = CustomerFactory(manager=manager, customer_type=CustomerType.SMALL_MICRO)
    rated(customer, 75, on=datetime.date.today())
    return customer


@pytest.mark.parametrize("day", FAR)
def test_contact_dated_far_away_is_400(api_for, manager, customer_file, day):
    response = api_for(manager).post(
        "/api/contacts/",
        {
            "customer": customer_file.pk,
            "kind": "visit",
            "occurred_on": "2026-01-05",
            "follow_up_on": day,
            "purpose": "回访",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "follow_up_on" in response.json()
    assert Contact.objects.filter(purpose="回访").count() == 0


@pytest.mark.parametrize("field", ["valid_from", "valid_until"])
@pytest.mark.parametrize("day", FAR)
def test_credit_line_in_year_9999_is_400(api_for, manager, micro, field, day):
    response = api_for(manager).post(
        "/api/credit-lines/",
        {"customer": micro.pk, "amount": "50000.00", field: day},
        format="json",
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not CreditLine.objects.filter(customer=micro).exists()


def test_service_refuses_year_9999_before_computing_the_expiry(manager, micro):
    with pytest.raises(ValidationError) as refused:
        credit_line_propose(
            customer=micro,
            amount=50000,
            proposed_by=manager,
            valid_from=datetime.date(9999, 12, 31),
        )
    assert "valid_from" in refused.value.message_dict


def test_credit_line_page_shows_the_error(client_for, manager, micro):
    response = client_for(manager).post(
        f"/customers/{micro.pk}/credit/lines/new/",
        {"amount": "50000", "valid_from": "9999-12-31"},
    )
    assert response.status_code == 200
    assert "日期须在 1900-01-01 至" in response.content.decode()
    assert not CreditLine.objects.filter(customer=micro).exists()


@pytest.mark.parametrize("day", FAR)
def test_follow_up_filter_in_year_9999_is_400(api_for, manager, customer_file, day):
    response = api_for(manager).get(f"/api/contacts/?follow_up_due_by={day}")
    assert response.status_code == 400


def test_follow_up_filter_in_range_works(api_for, manager, customer_file):
    response = api_for(manager).get("/api/contacts/?follow_up_due_by=2030-01-01")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("day", FAR)
def test_products_since_year_9999_is_400(api_for, manager, customer_file, day):
    response = api_for(manager).post(
        f"/api/customers/{customer_file.pk}/products/",
        {"products": ["mobile_banking"], "since": day},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("born", ["99991231", "18000101"])
def test_id_number_with_an_impossible_birth_date_is_400(api_for, manager, born):
    response = api_for(manager).post(
        "/api/customers/",
        {"name": "赵六", "customer_type": "farm_household", "id_number": id_born(born)},
        format="json",
    )
    assert response.status_code == 400
    assert "id_number" in response.json()


def test_snapshot_dated_year_1_is_refused_on_the_page(client_for, manager, customer_file):
    response = client_for(manager).post(
        f"/customers/{customer_file.pk}/financials/new/",
        {**{field: "1" for field in SNAPSHOT_FIELDS if field != "notes"}, "as_of": "0001-01-01"},
    )
    assert response.status_code == 200
    assert "日期须在 1900-01-01 至" in response.content.decode()
    assert not customer_file.financials.filter(as_of__year=1).exists()
