"""A branch head moves customers, one or many, to another manager, with the reason kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from creditdesk.history import decode_reason
from customers.models import Customer
from customers.services.customers import customers_reassign
from tests.factories import CustomerFactory


@pytest.fixture
def book(manager):
    return CustomerFactory.create_batch(3, manager=manager)


def test_head_moves_many_with_reason(book, head, manager2, client_for):
    response = client_for(head).post(
        "/customers/reassign/",
        {"customers": [c.pk for c in book], "to_manager": manager2.pk, "reason": "李经理调岗"},
    )
    assert response.status_code == 302
    for customer in book:
        customer.refresh_from_db()
        assert customer.manager == manager2 and customer.branch == manager2.branch
        record = customer.history.first()
        assert decode_reason(record.history_change_reason) == ("customers.reassign", "李经理调岗")
        assert record.history_user == head


def test_manager_cannot_reassign(book, manager, manager2, client_for):
    response = client_for(manager).post(
        "/customers/reassign/",
        {"customers": [book[0].pk], "to_manager": manager2.pk, "reason": "x"},
    )
    assert response.status_code == 403
    book[0].refresh_from_db()
    assert book[0].manager == manager


def test_other_head_cannot_touch_the_book(book, other_head, other_manager, api_for):
    response = api_for(other_head).post(
        "/api/customers/reassign/",
        {"customers": [book[0].pk], "to_manager": other_manager.pk, "reason": "x"},
        format="json",
    )
    assert response.status_code == 404


def test_reason_is_required(book, head, manager2):
    with pytest.raises(ValidationError):
        customers_reassign(customers=book, to_manager=manager2, by=head, reason=" ")


def test_only_to_a_manager_of_the_heads_branch(book, head, other_manager, manager):
    with pytest.raises(ValidationError):
        customers_reassign(customers=book, to_manager=other_manager, by=head, reason="x")
    with pytest.raises(PermissionDenied):
        customers_reassign(customers=book, to_manager=manager, by=manager, reason="x")


def test_api_reassign_action(book, head, manager2, api_for):
    response = api_for(head).post(
        "/api/customers/reassign/",
        {"customers": [c.pk for c in book], "to_manager": manager2.pk, "reason": "休产假"},
        format="json",
    )
    assert response.status_code == 200 and response.json() == {"moved": 3}
    assert Customer.objects.filter(manager=manager2).count() == 3


def test_reassign_form_asks_for_confirmation(book, head, client_for):
    html = client_for(head).get("/customers/").content.decode()
    assert 'id="reassign-form"' in html and "data-confirm=" in html
