"""Every customer endpoint: 404 outside scope, 403 for an auditor writing, lists scoped."""

import pytest

from customers.models import Contact, FinancialSnapshot, HouseholdMember


def _detail_urls(customer):
    return [
        f"/api/customers/{customer.pk}/",
        f"/api/household-members/{HouseholdMember.objects.get(customer=customer).pk}/",
        f"/api/financial-snapshots/{FinancialSnapshot.objects.get(customer=customer).pk}/",
        f"/api/contacts/{Contact.objects.get(customer=customer).pk}/",
    ]


LISTS = [
    "/api/customers/",
    "/api/household-members/",
    "/api/financial-snapshots/",
    "/api/contacts/",
    "/api/product-holdings/",
]


def test_other_branch_gets_404(customer_file, api_for, other_manager):
    api = api_for(other_manager)
    for url in _detail_urls(customer_file):
        assert api.get(url).status_code == 404, url
        assert api.delete(url).status_code in (404, 405), url
        if "snapshots" not in url:
            assert api.patch(url, {"name": "x"}, format="json").status_code == 404, url
    pk = customer_file.pk
    for url in [f"/api/customers/{pk}/stage/", f"/api/customers/{pk}/products/"]:
        assert api.post(url, {"stage": "lost", "products": []}, format="json").status_code == 404
    contact = Contact.objects.get(customer=customer_file)
    assert api.post(f"/api/contacts/{contact.pk}/done/").status_code == 404
    # Naming another scope's customer in a body: 400 "no such record", like a missing id.
    response = api.post(
        "/api/contacts/",
        {"customer": pk, "kind": "call", "occurred_on": "2026-01-05", "purpose": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["customer"]


def test_lists_hold_only_the_scope(customer_file, api_for, other_manager, manager):
    for url in LISTS:
        assert api_for(other_manager).get(url).json()["count"] == 0, url
    assert api_for(manager).get("/api/customers/").json()["count"] == 1
    assert api_for(other_manager).get("/api/credit-villages/").json() == []


@pytest.mark.parametrize("url", LISTS[:4])
def test_auditor_cannot_post(customer_file, api_for, auditor, url):
    assert api_for(auditor).post(url, {}, format="json").status_code == 403


def test_auditor_cannot_use_actions(customer_file, api_for, auditor):
    api = api_for(auditor)
    pk = customer_file.pk
    assert api.post(f"/api/customers/{pk}/stage/", {"stage": "contacted"}).status_code == 403
    assert api.post("/api/customers/reassign/", {}).status_code == 403
    assert api.get(f"/api/customers/{pk}/").status_code == 200


def test_api_creates_a_customer_through_the_service(bank, api_for, manager):
    response = api_for(manager).post(
        "/api/customers/",
        {"name": "赵六", "customer_type": "farm_household", "id_number": "110105198005170017",
         "phone": "138 1234 5678", "village": "东村"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["birth_date"] == "1980-05-17"
    assert body["phone"] == "13812345678"
    assert body["manager"] == manager.pk


def test_api_wrong_check_digit_is_400(bank, api_for, manager):
    response = api_for(manager).post(
        "/api/customers/",
        {"name": "赵六", "customer_type": "farm_household", "id_number": "110105198005170018"},
        format="json",
    )
    assert response.status_code == 400
    assert "校验位" in str(response.json()["id_number"])


def test_head_files_through_the_api_for_a_branch_manager(bank, api_for, head, manager2):
    data = {"name": "赵六", "customer_type": "farm_household", "id_number": "110105198005170017"}
    api = api_for(head)
    assert api.post("/api/customers/", data, format="json").status_code == 400
    response = api.post("/api/customers/", {**data, "manager": manager2.pk}, format="json")
    assert response.status_code == 201 and response.json()["manager"] == manager2.pk


def test_manager_change_through_update_is_refused(customer_file, api_for, manager, manager2):
    response = api_for(manager).patch(
        f"/api/customers/{customer_file.pk}/", {"manager": manager2.pk}, format="json"
    )
    assert response.status_code == 400
