"""The demo bank lends on loan cards: every farm microloan is drawn on its customer's line,
none is approved above it, 王建国's loan shows on his card, and every demo application's page
shows the approver's panel."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from creditdesk.models import User
from loans.models import ApplicationStatus, LoanApplication
from postloan.models import Loan

S = ApplicationStatus
DECIDED = [S.APPROVED, S.CONTRACT_SIGNED, S.DISBURSED, S.SETTLED]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")


def test_no_demo_application_is_approved_above_its_line(demo):
    today = timezone.localdate()
    drawn = LoanApplication.objects.filter(product__needs_credit_line=True, status__in=DECIDED)
    assert drawn.count() >= 3
    for application in drawn.select_related("customer"):
        line = application.customer.credit_lines.in_force_on(today).get()
        assert application.approved_amount <= line.amount, application
        assert application.customer.ratings.valid_on(today).exists(), application
    for loan in Loan.objects.filter(application__product__needs_credit_line=True):
        assert loan.credit_line is not None, loan


def test_wang_jianguos_loan_shows_on_his_card(demo, client_for):
    loan = Loan.objects.select_related("credit_line").get(customer__name="王建国")
    line = loan.credit_line
    assert (line.amount, loan.principal) == (Decimal("60000.00"), Decimal("50000.00"))
    assert line.outstanding() == loan.outstanding_principal == Decimal("50000.00")
    available = line.amount - loan.outstanding_principal
    assert line.available() == available == Decimal("10000.00")
    html = client_for(User.objects.get(username="manager1")).get(f"/customers/{loan.customer_id}/")
    text = html.content.decode()
    assert f"{available:,.2f}" in text and f"{loan.outstanding_principal:,.2f}" in text


@pytest.mark.parametrize("username", ["head1", "auditor"])
def test_every_demo_application_shows_the_approvers_panel(demo, client_for, username):
    client = client_for(User.objects.get(username=username))
    applications = LoanApplication.objects.filter(created_by__username="manager1")
    assert applications.count() >= 10
    for application in applications:
        response = client.get(f"/loans/{application.pk}/")
        assert response.status_code == 200, application.pk
        html = response.content.decode()
        assert 'id="decision-panel"' in html, application.pk
        for part in ("decision-rating", "decision-line", "decision-debt", "decision-coverage"):
            assert f'id="{part}"' in html, (application.pk, part)
        assert "Constraint" not in html and "约束" not in html
