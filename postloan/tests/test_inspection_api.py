"""The inspections API: list and detail in scope, a draft created and filled, submitted;
refusals are field errors, another scope's loan is "does not exist"."""

from __future__ import annotations

from django.utils import timezone

from postloan.models import Inspection
from postloan.tests.test_inspections import COMPLETE


def test_a_manager_creates_fills_and_submits_an_inspection(api_for, manager, loan):
    api = api_for(manager)
    response = api.post(
        "/api/inspections/", {"loan": loan.pk, "surprise": True, "findings": "走访"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["surprise"], body["findings"]) == ("draft", True, "走访")
    url = f"/api/inspections/{body['id']}/"
    refused = api.post(url + "submit/", format="json")
    assert refused.status_code == 400
    assert "funds_use" in refused.json()
    assert api.patch(url, COMPLETE, format="json").status_code == 200
    response = api.post(url + "submit/", format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["inspected_on"] == timezone.localdate().isoformat()
    listed = api.get("/api/inspections/", {"status": "submitted"}).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_inspections_are_scoped(api_for, manager, other_manager, auditor, loan):
    response = api_for(other_manager).post("/api/inspections/", {"loan": loan.pk}, format="json")
    assert response.status_code == 400
    assert "loan" in response.json()
    api_for(manager).post("/api/inspections/", {"loan": loan.pk}, format="json")
    inspection = Inspection.objects.get()
    assert api_for(other_manager).get(f"/api/inspections/{inspection.pk}/").status_code == 404
    assert api_for(auditor).get(f"/api/inspections/{inspection.pk}/").status_code == 200
    assert (
        api_for(auditor).post("/api/inspections/", {"loan": loan.pk}, format="json").status_code
        == 403
    )


def test_signals_off_the_checklist_are_refused(api_for, manager, loan):
    response = api_for(manager).post(
        "/api/inspections/", {"loan": loan.pk, "signals": ["aliens"]}, format="json"
    )
    assert response.status_code == 400
    assert "signals" in response.json()
    assert not Inspection.objects.exists()
