"""Rating and credit API: scoped lists, service-backed writes, explicit transition actions."""

import datetime

import pytest
import yaml
from django.utils import timezone
from openapi_spec_validator import validate

from customers.models import (
    BatchEntry,
    CreditLineStatus,
    CustomerType,
    Scorecard,
    VillageBatch,
    VillageBatchStatus,
)
from customers.services.credit import credit_line_propose
from customers.services.villages import village_batch_publish
from customers.tests.credit_helpers import household, rated
from tests.factories import CustomerFactory


@pytest.fixture
def customer(manager):
    return CustomerFactory(manager=manager, customer_type=CustomerType.SMALL_MICRO)


def factor_scores(customer_type, score):
    card = Scorecard.objects.get(customer_type=customer_type)
    return {str(f.pk): score for f in card.factors.all()}


def test_schema_has_the_credit_endpoints_and_is_valid(client_for, manager):
    # The schema is for signed-in staff only (creditdesk settings).
    spec = yaml.safe_load(client_for(manager).get("/api/schema/").content)
    validate(spec)
    for path in (
        "/api/credit-ratings/",
        "/api/credit-lines/{id}/approve/",
        "/api/credit-lines/{id}/revoke/",
        "/api/village-batches/{id}/make-effective/",
        "/api/batch-entries/{id}/object/",
    ):
        assert path in spec["paths"], path


def test_rate_propose_approve_revoke(api_for, manager, head, customer):
    api = api_for(manager)
    response = api.post(
        "/api/credit-ratings/",
        {"customer": customer.pk, "scores": factor_scores(CustomerType.SMALL_MICRO, 75)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["grade"] == "A"

    response = api.post(
        "/api/credit-lines/", {"customer": customer.pk, "amount": "120000.00"}, format="json"
    )
    assert response.status_code == 201, response.json()
    line_id = response.json()["id"]
    assert response.json()["status"] == "pending"

    # A manager may not approve lines at all (docs/roles.md): 403.
    response = api.post(f"/api/credit-lines/{line_id}/approve/")
    assert response.status_code == 403

    response = api_for(head).post(f"/api/credit-lines/{line_id}/approve/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "active"
    assert body["available"] == "120000.00"
    assert body["card_number"].startswith("B01-")

    response = api_for(head).post(
        f"/api/credit-lines/{line_id}/revoke/", {"reason": "经营异常"}, format="json"
    )
    assert response.json()["status"] == CreditLineStatus.REVOKED


def test_head_above_authority_gets_400(api_for, manager, head, customer):
    rated(customer, 95, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount="300000.01", proposed_by=manager)
    response = api_for(head).post(f"/api/credit-lines/{line.pk}/approve/")
    assert response.status_code == 400
    assert "审批权限" in response.json()["non_field_errors"][0]


def test_auditor_reads_but_gets_403_on_writes(api_for, auditor, manager, customer):
    rated(customer, 95, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=1000, proposed_by=manager)
    api = api_for(auditor)
    assert api.get("/api/credit-lines/").json()["count"] == 1
    assert api.post(f"/api/credit-lines/{line.pk}/approve/").status_code == 403
    response = api.post(
        "/api/credit-ratings/",
        {"customer": customer.pk, "scores": factor_scores(CustomerType.SMALL_MICRO, 75)},
        format="json",
    )
    assert response.status_code == 403


def test_other_branch_sees_nothing(api_for, other_manager, other_head, manager, customer):
    rated(customer, 95, on=timezone.localdate())
    line = credit_line_propose(customer=customer, amount=1000, proposed_by=manager)
    for user in (other_manager, other_head):
        api = api_for(user)
        assert api.get("/api/credit-lines/").json()["count"] == 0
        assert api.get("/api/credit-ratings/").json()["count"] == 0
        assert api.get(f"/api/credit-lines/{line.pk}/").status_code == 404
        assert api.post(f"/api/credit-lines/{line.pk}/approve/").status_code == 404


def test_village_batch_through_the_api(api_for, manager, head, other_manager):
    people = [household(manager) for _ in range(3)]
    api = api_for(manager)
    scores = {
        str(p.pk): factor_scores(CustomerType.FARM_HOUSEHOLD, s)
        for p, s in zip(people, (95, 85, 40), strict=True)
    }
    response = api.post(
        "/api/village-batches/",
        {"township": "城关镇", "village": "青禾村", "scores": scores},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [e["amount"] for e in body["entries"]].count(None) == 1  # grade C: no line
    batch_id = body["id"]
    assert api.post(f"/api/village-batches/{batch_id}/publish/").json()["status"] == "published"

    entry = BatchEntry.objects.filter(batch_id=batch_id, credit_line__isnull=False).first()
    response = api.post(
        f"/api/batch-entries/{entry.pk}/object/", {"objection": "邻居反映"}, format="json"
    )
    assert response.json()["status"] == "objected"

    assert api_for(head).post(f"/api/village-batches/{batch_id}/make-effective/").status_code == 400
    # Move the notice into the past: the window is over.
    batch = VillageBatch.objects.get(pk=batch_id)
    VillageBatch.objects.filter(pk=batch_id).update(
        status="draft", published_on=None, objection_until=None
    )
    village_batch_publish(
        batch=batch, published_by=manager, on=timezone.localdate() - datetime.timedelta(days=8)
    )
    response = api_for(head).post(f"/api/village-batches/{batch_id}/make-effective/")
    assert response.status_code == 200, response.json()
    statuses = sorted(e["status"] for e in response.json()["entries"])
    assert statuses == ["effective", "excluded", "objected"]
    assert VillageBatch.objects.get(pk=batch_id).status == VillageBatchStatus.EFFECTIVE

    assert api_for(other_manager).get(f"/api/village-batches/{batch_id}/").status_code == 404


def test_scorecards_list_factor_ids(api_for, manager):
    body = api_for(manager).get("/api/scorecards/").json()
    assert len(body) == 4
    assert len(body[0]["factors"]) == 5
    tiers = api_for(manager).get("/api/scorecards/farm-tiers/").json()
    assert [t["name"] for t in tiers] == ["特优", "优秀", "较好", "一般"]
