"""The loan card lends (贷款证): a product drawn on a credit line needs a valid rating and an
active line when applied for and approved, draws on the line at disbursement, and repayments
give the line back (available = line − principal outstanding on its loans)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import CreditLine, CreditRating
from loans import services as loan_services
from loans.tests.conftest import make_application, submitted
from postloan import services


@pytest.fixture
def card_product(product):
    product.needs_rating = True
    product.needs_credit_line = True
    product.save()
    return product


def _card(customer, head, amount: str) -> CreditLine:
    today = datetime.date.today()
    CreditRating.objects.create(
        customer=customer,
        grade="AAA",
        score=Decimal("92"),
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=330),
        rated_by=head,
    )
    return CreditLine.objects.create(
        customer=customer,
        amount=Decimal(amount),
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=700),
        status="active",
        approved_by=head,
    )


def _disburse(application, manager, head):
    loan_services.application_approve(application=application, approver=head, opinion="同意")
    loan_services.application_sign_contract(
        application=application, user=manager, signed_on=datetime.date.today()
    )
    return services.loan_open(application=application, by=manager)


def test_card_product_is_refused_without_rating_and_line(customer, card_product, manager):
    with pytest.raises(ValidationError) as refused:
        make_application(customer, card_product, manager)
    text = " ".join(refused.value.messages)
    assert "有效的信用评级" in text and "有效的授信额度" in text


def test_application_above_the_available_line_is_refused_with_the_figures(
    customer, card_product, manager, head
):
    _card(customer, head, "60000")
    with pytest.raises(ValidationError) as refused:
        make_application(customer, card_product, manager, amount=Decimal("80000"))
    assert refused.value.messages == [
        "金额 80,000.00 元超出授信可用额度 60,000.00 元（授信 60,000.00 元，已用 0.00 元）。"
    ]


def test_disbursement_draws_on_the_line_and_repayment_gives_it_back(
    customer, card_product, manager, manager2, head
):
    line = _card(customer, head, "60000")
    application = submitted(
        make_application(customer, card_product, manager, amount=Decimal("50000")),
        manager,
        manager2,
    )
    loan = _disburse(application, manager, head)
    line.refresh_from_db()
    assert loan.credit_line == line
    assert line.outstanding() == Decimal("50000.00")
    assert line.available() == Decimal("10000.00")
    services.loan_record_repayment(loan=loan, user=manager, amount=Decimal("20000"))
    line.refresh_from_db()
    loan.refresh_from_db()
    assert line.available() == Decimal("60000.00") - loan.outstanding_principal
    assert line.available() > Decimal("10000.00")


def test_approval_above_what_is_left_on_the_line_is_refused(
    customer, card_product, manager, manager2, head
):
    _card(customer, head, "100000")
    first = submitted(
        make_application(customer, card_product, manager, amount=Decimal("60000")),
        manager,
        manager2,
    )
    second = submitted(
        make_application(customer, card_product, manager, amount=Decimal("60000")),
        manager,
        manager2,
    )
    _disburse(first, manager, head)
    with pytest.raises(ValidationError, match=r"超出授信可用额度 40,000\.00 元"):
        loan_services.application_approve(application=second, approver=head, opinion="同意")
    second.refresh_from_db()
    assert second.status == "submitted"
    loan_services.application_approve(
        application=second, approver=head, opinion="按可用额度批准", amount=Decimal("40000")
    )
    second.refresh_from_db()
    assert second.approved_amount == Decimal("40000.00")


def test_disbursement_is_refused_when_the_line_was_used_up_meanwhile(
    customer, card_product, manager, manager2, head
):
    _card(customer, head, "100000")
    first, second = (
        submitted(
            make_application(customer, card_product, manager, amount=Decimal("60000")),
            manager,
            manager2,
        )
        for _ in range(2)
    )
    loan_services.application_approve(application=second, approver=head, opinion="同意")
    loan_services.application_sign_contract(
        application=second, user=manager, signed_on=datetime.date.today()
    )
    _disburse(first, manager, head)
    with pytest.raises(ValidationError, match="超出授信可用额度"):
        services.loan_open(application=second, by=manager)
