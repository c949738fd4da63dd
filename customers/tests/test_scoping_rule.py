"""Who sees which customers: the one scoping rule, role by role."""

import pytest

from customers.models import Customer
from tests.factories import CustomerFactory


@pytest.fixture
def book(manager, manager2, other_manager):
    """One customer for each of three managers: B01, its outlet B01-1, and B02."""
    return {
        "li": CustomerFactory(manager=manager, name="李家农户"),
        "wang": CustomerFactory(manager=manager2, name="王家农户"),
        "zhao": CustomerFactory(manager=other_manager, name="赵家农户"),
    }


def visible_names(user):
    return set(Customer.objects.visible_to(user).values_list("name", flat=True))


def test_manager_sees_only_own_customers(book, manager):
    assert visible_names(manager) == {"李家农户"}


def test_branch_head_sees_branch_and_outlets_below(book, head):
    assert visible_names(head) == {"李家农户", "王家农户"}


def test_head_of_other_branch_sees_only_that_branch(book, other_head):
    assert visible_names(other_head) == {"赵家农户"}


@pytest.mark.parametrize("who", ["committee", "auditor", "admin_user"])
def test_bank_wide_roles_see_every_customer(book, request, who):
    assert visible_names(request.getfixturevalue(who)) == {"李家农户", "王家农户", "赵家农户"}


def test_inactive_user_sees_nothing(book, manager):
    manager.is_active = False
    assert visible_names(manager) == set()


def test_anonymous_sees_nothing(book):
    from django.contrib.auth.models import AnonymousUser

    assert visible_names(AnonymousUser()) == set()


def test_record_of_other_branch_is_404_on_activity_page(book, client_for, head):
    client = client_for(head)
    own = client.get(f"/activity/customers/customer/{book['wang'].pk}/")
    other = client.get(f"/activity/customers/customer/{book['zhao'].pk}/")
    assert own.status_code == 200
    assert other.status_code == 404


def test_branch_api_lists_only_branches_in_scope(bank, api_for, head, auditor):
    codes = {b["code"] for b in api_for(head).get("/api/branches/").json()["results"]}
    assert codes == {"B01", "B01-1"}
    codes = {b["code"] for b in api_for(auditor).get("/api/branches/").json()["results"]}
    assert codes == {"HO", "B01", "B01-1", "B02", "B02-1"}


def test_other_branch_is_404_in_api(bank, api_for, head):
    response = api_for(head).get(f"/api/branches/{bank['B02'].pk}/")
    assert response.status_code == 404


def test_user_api_scoped_to_branch(bank, api_for, other_head):
    names = {u["username"] for u in api_for(other_head).get("/api/users/").json()["results"]}
    assert names == {"head2", "manager3"}
