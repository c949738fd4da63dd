"""The loans API: the same rules as the pages, transitions as explicit endpoints."""

import datetime
from decimal import Decimal

from loans.models import ApplicationStatus
from loans.tests.conftest import GOOD_FINDINGS, add_documents


def test_journey_through_the_api(api_for, manager, manager2, head, customer, product):
    api = api_for(manager)
    response = api.post(
        "/api/applications/",
        {
            "customer": customer.pk,
            "product": product.pk,
            "amount": "100000.00",
            "term_months": 12,
            "purpose": "扩大养殖",
            "repayment_method": "equal_instalment",
            "proposed_rate": "6.5000",
            "first_repayment_source": "销售收入",
            "production_cycle_months": 6,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    r = api.post(
        f"/api/applications/{pk}/start-investigation/",
        {"second_investigator": manager2.pk},
        format="json",
    )
    assert r.status_code == 200, r.content
    findings = {k: (str(v) if not isinstance(v, bool) else v) for k, v in GOOD_FINDINGS.items()}
    findings["other_borrowings"] = [{"lender": "邮储银行", "amount": "20000.00", "rate": "5.0"}]
    r = api.put(f"/api/applications/{pk}/investigation/", findings, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["working_capital_need"] is not None
    assert api.post(f"/api/applications/{pk}/submit/").status_code == 400  # not confirmed
    r = api_for(manager2).post(f"/api/applications/{pk}/confirm-investigation/")
    assert r.status_code == 200, r.content
    from loans.models import LoanApplication

    application = LoanApplication.objects.get(pk=pk)
    add_documents(application, manager)
    r = api.post(f"/api/applications/{pk}/submit/")
    assert r.json()["status"] == ApplicationStatus.SUBMITTED
    r = api_for(head).post(
        f"/api/applications/{pk}/approve/",
        {"opinion": "同意", "conditions": "配偶签字", "amount": "80000.00"},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["approved_amount"] == "80000.00"
    r = api.post(f"/api/applications/{pk}/sign-contract/", {}, format="json")
    assert r.json()["contract_number"].startswith(f"B01-{datetime.date.today().year}-")
    r = api.post(f"/api/applications/{pk}/disburse/", {}, format="json")
    assert r.status_code == 201, r.content
    loan = r.json()
    assert loan["principal"] == "80000.00"
    assert len(loan["instalments"]) == 12
    r = api.post(f"/api/loans/{loan['id']}/repayments/", {"amount": "5000.00"}, format="json")
    assert r.status_code == 201, r.content
    assert Decimal(api.get(f"/api/loans/{loan['id']}/").json()["outstanding_principal"]) == Decimal(
        "75000.00"
    )


def test_submit_never_case_is_400(api_for, manager, draft, manager2):
    from loans import services

    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    services.investigation_update(
        application=draft, user=manager, data={**GOOD_FINDINGS, "character": "poor"}
    )
    services.investigation_confirm(application=draft, user=manager2)
    r = api_for(manager).post(f"/api/applications/{draft.pk}/submit/")
    assert r.status_code == 400
    assert "坚决不贷" in str(r.json())


def test_head_cannot_approve_above_limit_via_api(api_for, head, pending):
    pending.amount = Decimal("900000")
    pending.save()
    r = api_for(head).post(f"/api/applications/{pending.pk}/approve/", {"opinion": "同意"})
    assert r.status_code == 400


def test_other_branch_gets_404(api_for, other_manager, other_head, pending):
    assert api_for(other_manager).get(f"/api/applications/{pending.pk}/").status_code == 404
    r = api_for(other_head).post(f"/api/applications/{pending.pk}/approve/", {"opinion": "同意"})
    assert r.status_code == 404


def test_auditor_reads_but_gets_403_on_post(api_for, auditor, pending):
    api = api_for(auditor)
    assert api.get(f"/api/applications/{pending.pk}/").status_code == 200
    r = api.post(f"/api/applications/{pending.pk}/approve/", {"opinion": "同意"})
    assert r.status_code == 403


def test_list_is_scoped(api_for, manager, other_manager, pending):
    assert api_for(manager).get("/api/applications/").json()["count"] == 1
    assert api_for(other_manager).get("/api/applications/").json()["count"] == 0


def test_schema_lists_transition_endpoints(client_for, auditor):
    import yaml

    spec = yaml.safe_load(client_for(auditor).get("/api/schema/").content)
    for path in (
        "/api/applications/{id}/approve/",
        "/api/applications/{id}/return/",
        "/api/applications/{id}/disburse/",
        "/api/loans/{id}/repayments/",
    ):
        assert path in spec["paths"]


def test_manager_patches_a_draft_through_the_service(api_for, manager, draft):
    r = api_for(manager).patch(
        f"/api/applications/{draft.pk}/", {"amount": "60000.00"}, format="json"
    )
    assert r.status_code == 200, r.content
    draft.refresh_from_db()
    assert draft.amount == Decimal("60000.00")
    r = api_for(manager).patch(f"/api/applications/{draft.pk}/", {"term_months": 99}, format="json")
    assert r.status_code == 400  # beyond the product's maximum term
    r = api_for(manager).put(f"/api/applications/{draft.pk}/", {"status": "approved"})
    assert r.status_code == 405


def test_status_cannot_be_patched(api_for, manager, draft):
    api_for(manager).patch(f"/api/applications/{draft.pk}/", {"status": "approved"}, format="json")
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
