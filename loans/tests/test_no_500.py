"""Bad input on the loan pages and API is a 400 or a form error, never a 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from loans import services
from loans.models import ApplicationStatus, OtherBorrowing


@pytest.fixture
def investigating(draft, manager, manager2):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    return draft


@pytest.mark.parametrize("amount", ["-5", "0", "-0.01"])
def test_negative_other_borrowing_is_400(api_for, manager, investigating, amount):
    response = api_for(manager).put(
        f"/api/applications/{investigating.pk}/investigation/",
        {"other_borrowings": [{"lender": "邮储银行", "amount": amount}]},
        format="json",
    )
    assert response.status_code == 400
    assert "other_borrowings" in response.json()
    assert not OtherBorrowing.objects.exists()


def test_service_refuses_a_negative_other_borrowing(manager, investigating):
    with pytest.raises(ValidationError) as refused:
        services.investigation_update(
            application=investigating,
            user=manager,
            data={},
            other_borrowings=[{"lender": "民间", "amount": Decimal("-1")}],
        )
    assert "other_borrowings" in refused.value.message_dict


def test_a_positive_other_borrowing_is_recorded(api_for, manager, investigating):
    response = api_for(manager).put(
        f"/api/applications/{investigating.pk}/investigation/",
        {"other_borrowings": [{"lender": "邮储银行", "amount": "30000.00"}]},
        format="json",
    )
    assert response.status_code == 200
    assert OtherBorrowing.objects.get().amount == Decimal("30000.00")


@pytest.mark.parametrize("bad", ["abc", str(10**20), "-1"])
def test_start_investigation_form_with_a_bad_second_investigator(client_for, manager, draft, bad):
    response = client_for(manager).post(
        f"/loans/{draft.pk}/investigation/start/", {"second_investigator": bad}
    )
    assert response.status_code == 200
    assert 'id="start-investigation-error"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


@pytest.mark.parametrize("field", ["customer", "product"])
def test_a_huge_id_in_the_body_is_400(api_for, manager, draft, field):
    body = {
        "customer": draft.customer_id,
        "product": draft.product_id,
        "amount": "10000",
        "term_months": 12,
        "purpose": "购买饲料",
        "repayment_method": "equal_instalment",
        "proposed_rate": "6.5",
        "first_repayment_source": "生猪销售收入",
        field: 10**20,
    }
    response = api_for(manager).post("/api/applications/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("term_months", [-600_000_000, 120_000])
def test_approval_on_a_term_no_calendar_holds_is_refused(pending, head, term_months):
    with pytest.raises(ValidationError):
        services.application_approve(
            application=pending, approver=head, opinion="同意", term_months=term_months
        )
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.SUBMITTED


def test_age_rule_answers_a_term_beyond_the_calendar(customer):
    import datetime

    from loans.rules import age_problems

    problems = age_problems(customer=customer, term_months=10**8, on=datetime.date(2026, 1, 5))
    assert problems and "无效" in problems[-1]
