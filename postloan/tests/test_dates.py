"""A loan is disbursed between its contract (itself not before the approval) and today; a
year of 9999 is a 400 (no schedule computed from it), never a 500."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from loans.models import ApplicationStatus
from postloan import services
from postloan.models import Loan


@pytest.mark.parametrize("day", ["1999-01-02", "9999-12-31", "9998-06-30", "0001-01-01"])
def test_api_refuses_a_disbursement_outside_contract_and_today(api_for, manager, signed, day):
    response = api_for(manager).post(
        f"/api/applications/{signed.pk}/disburse/", {"day": day}, format="json"
    )
    assert response.status_code == 400
    assert "day" in response.json()
    signed.refresh_from_db()
    assert signed.status == ApplicationStatus.CONTRACT_SIGNED
    assert not Loan.objects.exists()


def test_disbursement_cannot_be_dated_tomorrow(signed, manager):
    with pytest.raises(ValidationError, match="放款日须在合同签订日"):
        services.loan_open(
            application=signed, by=manager, day=timezone.localdate() + datetime.timedelta(days=1)
        )


def test_disbursement_cannot_precede_the_contract(signed, manager):
    with pytest.raises(ValidationError) as refused:
        services.loan_open(
            application=signed,
            by=manager,
            day=signed.contract_signed_on - datetime.timedelta(days=1),
        )
    assert "day" in refused.value.message_dict


def test_disbursed_today_opens_the_loan(api_for, manager, signed):
    response = api_for(manager).post(
        f"/api/applications/{signed.pk}/disburse/",
        {"day": timezone.localdate().isoformat()},
        format="json",
    )
    assert response.status_code == 201
    assert Loan.objects.get().disbursed_on == timezone.localdate()


@pytest.mark.parametrize("day", ["9999-12-31", "not a date"])
def test_disburse_button_refuses_a_bad_day_instead_of_using_today(client_for, manager, signed, day):
    response = client_for(manager).post(
        f"/postloan/applications/{signed.pk}/disburse/", {"day": day}, follow=True
    )
    assert response.status_code == 200
    assert not Loan.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "1999-01-02"])
def test_repayment_dated_out_of_range_is_400(api_for, manager, loan, day):
    response = api_for(manager).post(
        f"/api/loans/{loan.pk}/repayments/", {"amount": "100.00", "paid_on": day}, format="json"
    )
    assert response.status_code == 400
    assert "paid_on" in response.json()
    assert not loan.repayments.exists()
