"""A contract is dated between its approval and today; every typed date is bounded, and a
year of 9999 is a 400, never a 500."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from creditdesk.validators import reasonable_date
from loans import services
from loans.models import ApplicationStatus

TODAY = timezone.localdate


@pytest.mark.parametrize("day", ["1999-01-02", "9999-12-31", "9998-01-01", "0001-01-01"])
def test_api_refuses_a_contract_dated_outside_approval_and_today(api_for, manager, approved, day):
    response = api_for(manager).post(
        f"/api/applications/{approved.pk}/sign-contract/", {"day": day}, format="json"
    )
    assert response.status_code == 400
    assert "day" in response.json()
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.APPROVED
    assert approved.contract_number is None


def test_contract_cannot_be_dated_tomorrow(approved, manager):
    with pytest.raises(ValidationError) as refused:
        services.application_sign_contract(
            application=approved, user=manager, signed_on=TODAY() + datetime.timedelta(days=1)
        )
    assert "day" in refused.value.message_dict


def test_contract_cannot_be_dated_before_the_approval(approved, manager):
    approved_on = timezone.localdate(approved.approved_at)
    with pytest.raises(ValidationError, match="审批日"):
        services.application_sign_contract(
            application=approved,
            user=manager,
            signed_on=approved_on - datetime.timedelta(days=1),
        )


def test_contract_dated_on_the_approval_day_is_signed(api_for, manager, approved):
    day = timezone.localdate(approved.approved_at).isoformat()
    response = api_for(manager).post(
        f"/api/applications/{approved.pk}/sign-contract/", {"day": day}, format="json"
    )
    assert response.status_code == 200
    approved.refresh_from_db()
    assert approved.contract_signed_on.isoformat() == day


def test_page_shows_the_refusal_of_a_backdated_contract(client_for, manager, approved):
    response = client_for(manager).post(
        f"/loans/{approved.pk}/sign-contract/", {"day": "1999-01-02"}, follow=True
    )
    assert response.status_code == 200
    assert "合同签订日须在审批日" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.APPROVED


def test_page_refuses_year_9999_without_a_500(client_for, manager, approved):
    response = client_for(manager).post(
        f"/loans/{approved.pk}/sign-contract/", {"day": "9999-12-31"}, follow=True
    )
    assert response.status_code == 200
    assert "日期须在 1900-01-01 至" in response.content.decode()


def test_visit_date_in_year_9999_is_400(api_for, manager, manager2, draft):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    response = api_for(manager).put(
        f"/api/applications/{draft.pk}/investigation/", {"visit_date": "9999-12-31"}, format="json"
    )
    assert response.status_code == 400
    assert "visit_date" in response.json()


@pytest.mark.parametrize(
    "day", [datetime.date(1, 1, 1), datetime.date(1899, 12, 31), datetime.date(9999, 12, 31)]
)
def test_shared_validator_refuses_year_1_and_9999(day):
    with pytest.raises(ValidationError):
        reasonable_date(day)


def test_shared_validator_accepts_the_working_range():
    for day in (datetime.date(1900, 1, 1), TODAY(), TODAY().replace(year=TODAY().year + 49)):
        reasonable_date(day)
    reasonable_date(None)
