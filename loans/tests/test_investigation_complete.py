"""An application is submitted only with a complete investigation (DOMAIN.md: "70% of a
loan's quality is decided here"): the visit date, the evidence for each of the three
qualities, the sources heard and the report — required by the service, field by field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from loans import services
from loans.tests.conftest import GOOD_FINDINGS, add_documents

GAPS = {
    "visit_date": None,
    "character_evidence": "",
    "product_evidence": " ",
    "collateral_evidence": "",
    "hear_sources": "",
    "report": "",
}


@pytest.fixture
def thin(draft, manager, manager2):
    """Ratings and answers given, nothing else: what the old rule let through."""
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    services.investigation_update(application=draft, user=manager, data={**GOOD_FINDINGS, **GAPS})
    add_documents(draft, manager)
    return draft


def test_the_second_investigator_cannot_confirm_a_thin_investigation(thin, manager2):
    with pytest.raises(ValidationError) as refused:
        services.investigation_confirm(application=thin, user=manager2)
    assert set(refused.value.message_dict) == set(GAPS)
    assert refused.value.message_dict["report"] == ["请填写调查报告。"]


def test_submission_names_every_missing_part_by_field(thin, manager, manager2):
    thin.investigation.confirmed_at = thin.investigation.updated_at  # confirmed earlier
    thin.investigation.save()
    with pytest.raises(ValidationError) as refused:
        services.application_submit(application=thin, user=manager)
    errors = refused.value.message_dict
    assert set(GAPS) <= set(errors)
    assert errors["visit_date"] == ["请填写实地调查日期。"]
    assert errors["hear_sources"] == ["请填写口碑来源（闻：听取了哪些人的评价）。"]
    thin.refresh_from_db()
    assert thin.status == "investigating"


def test_the_api_answers_the_gaps_by_field(thin, manager, api_for):
    thin.investigation.confirmed_at = thin.investigation.updated_at
    thin.investigation.save()
    response = api_for(manager).post(f"/api/applications/{thin.pk}/submit/")
    assert response.status_code == 400
    assert set(GAPS) <= set(response.json())


def test_a_complete_investigation_is_submitted(thin, manager, manager2):
    services.investigation_update(application=thin, user=manager, data=GOOD_FINDINGS)
    services.investigation_confirm(application=thin, user=manager2)
    services.application_submit(application=thin, user=manager)
    thin.refresh_from_db()
    assert thin.status == "submitted"
