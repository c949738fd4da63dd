"""One customer per ID number bank-wide; a duplicate says who to ask, nothing more."""

import pytest
from django.core.exceptions import ValidationError

from customers.models import Customer
from customers.services.customers import customer_create, customer_update

ID = "11010519491231002X"


def _create(user, **extra):
    return customer_create(
        by=user, name="张三", customer_type="farm_household", id_number=ID, **extra
    )


def test_duplicate_id_tells_who_to_ask_without_details(bank, manager, other_manager):
    _create(manager, phone="13812345678", village="东村")
    with pytest.raises(ValidationError) as info:
        customer_create(
            by=other_manager, name="张三丰", customer_type="farm_household", id_number=ID.lower()
        )
    message = " ".join(info.value.messages)
    assert manager.name in message and manager.branch.name in message
    assert "张三" not in message and "138" not in message and "东村" not in message
    assert Customer.objects.count() == 1


def test_duplicate_on_the_web_form(bank, manager, other_manager, client_for):
    _create(manager)
    response = client_for(other_manager).post(
        "/customers/new/",
        {"name": "别人", "customer_type": "farm_household", "id_number": ID, "segment": "ordinary",
         "status": "prospect"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert manager.name in html and "城关支行" in html
    assert "张三" not in html


def test_duplicate_through_the_api(bank, manager, other_manager, api_for):
    _create(manager)
    response = api_for(other_manager).post(
        "/api/customers/",
        {"name": "别人", "customer_type": "farm_household", "id_number": ID},
        format="json",
    )
    assert response.status_code == 400
    assert manager.name in str(response.json()["id_number"])
    assert "张三" not in response.content.decode()


def test_editing_to_an_existing_number_is_refused(bank, manager):
    first = _create(manager)
    other = customer_create(
        by=manager, name="李四", customer_type="farm_household", id_number="110105198005170017"
    )
    with pytest.raises(ValidationError):
        customer_update(customer=other, by=manager, changes={"id_number": ID})
    assert first.id_number == ID
