"""Rules live in the services (issue 7): scope, writers, unknown fields, the manager of a new
file — whoever calls them (web, API, import, admin, a task)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from customers.services.contacts import contact_log
from customers.services.credit import rating_record
from customers.services.customers import customer_create, customer_update
from customers.services.household import snapshot_record
from customers.services.marketing import customer_move_stage
from customers.services.villages import credit_village_open
from tests.factories import CustomerFactory

ID_NUMBER = "110105198005170017"


def test_manager_cannot_update_another_branchs_customer(manager, other_manager):
    customer = CustomerFactory(manager=other_manager, name="河口客户")
    with pytest.raises(PermissionDenied):
        customer_update(customer=customer, by=manager, changes={"name": "改名"})
    customer.refresh_from_db()
    assert customer.name == "河口客户"


def test_manager_cannot_move_another_branchs_customer_along_the_pipeline(manager, other_manager):
    customer = CustomerFactory(manager=other_manager)
    with pytest.raises(PermissionDenied):
        customer_move_stage(customer=customer, by=manager, stage="lost", lost_reason="x")
    customer.refresh_from_db()
    assert customer.stage == "prospect"


def test_head_cannot_update_a_customer_of_another_branch(head, other_manager):
    customer = CustomerFactory(manager=other_manager)
    with pytest.raises(PermissionDenied):
        customer_update(customer=customer, by=head, changes={"notes": "x"})


def test_unknown_field_is_refused_not_a_type_error(manager, customer_file):
    with pytest.raises(ValidationError, match="nonsense"):
        customer_update(customer=customer_file, by=manager, changes={"nonsense": 1})
    with pytest.raises(ValidationError, match="nonsense"):
        customer_create(
            by=manager,
            name="赵六",
            customer_type="farm_household",
            id_number="110105198005170025",
            nonsense=1,
        )
    with pytest.raises(ValidationError, match="nonsense"):
        snapshot_record(customer=customer_file, by=manager, values={"nonsense": 1})
    with pytest.raises(ValidationError, match="nonsense"):
        contact_log(customer=customer_file, by=manager, values={"nonsense": 1})


def test_readers_are_refused_the_same_way_everywhere(auditor, manager):
    """One require_writer: the same 403 and message from every sub-domain."""
    customer = CustomerFactory(manager=manager)
    calls = [
        lambda: customer_create(
            by=auditor, name="赵六", customer_type="farm_household", id_number=ID_NUMBER
        ),
        lambda: customer_update(customer=customer, by=auditor, changes={"notes": "x"}),
        lambda: rating_record(customer=customer, scores={}, rated_by=auditor),
        lambda: credit_village_open(township="城关镇", name="东村", opened_by=auditor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert str(refused.value) == "您没有修改权限。"


def test_api_head_without_a_manager_gets_the_services_refusal(api_for, head):
    """The manager-role check of a new file lives in the service only (no copy in the API)."""
    response = api_for(head).post(
        "/api/customers/",
        {"name": "赵六", "customer_type": "farm_household", "id_number": ID_NUMBER},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["manager"] == ["管户人必须是客户经理。"]


def test_api_another_scopes_customer_and_a_missing_one_get_the_same_answer(
    api_for, manager, other_manager
):
    theirs = CustomerFactory(manager=other_manager)
    api = api_for(manager)

    def add_member(customer_id):
        return api.post(
            "/api/household-members/",
            {"customer": customer_id, "name": "王秀英", "relation": "child"},
            format="json",
        )

    other_scope, missing = add_member(theirs.pk), add_member(10**9)
    assert other_scope.status_code == missing.status_code == 400
    assert other_scope.json() == missing.json()
    assert theirs.members.count() == 0


def test_api_cannot_hand_customers_to_a_manager_of_another_branch(
    api_for, head, manager, other_manager
):
    customer = CustomerFactory(manager=manager)
    api = api_for(head)

    def reassign(to):
        return api.post(
            "/api/customers/reassign/",
            {"customers": [customer.pk], "to_manager": to, "reason": "调岗"},
            format="json",
        )

    other_branch, missing = reassign(other_manager.pk), reassign(10**9)
    assert other_branch.status_code == missing.status_code == 400
    assert other_branch.json() == missing.json()
    customer.refresh_from_db()
    assert customer.manager == manager


def test_a_refused_form_keeps_what_the_user_typed(customer_file, manager, client_for):
    response = client_for(manager).post(
        "/customers/new/",
        {
            "name": "重复的张大山",
            "customer_type": "farm_household",
            "id_number": customer_file.id_number,
            "phone": "13900001111",
            "village": "西村",
            "segment": "ordinary",
            "status": "prospect",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "该证件号码已在本行建档" in html
    for typed in ("重复的张大山", "13900001111", "西村"):
        assert typed in html
