"""Eligibility is checked with clear messages: product limits, age, rating, credit line."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import CreditLine, CreditRating, age_on
from loans import rules
from loans.schedules import add_months
from loans.tests.conftest import make_application, submitted
from tests.factories import CustomerFactory


def test_amount_above_product_maximum_is_refused(customer, product, manager):
    with pytest.raises(ValidationError, match="金额须在"):
        make_application(customer, product, manager, amount=Decimal("5000000"))


def test_term_above_product_maximum_is_refused(customer, product, manager):
    with pytest.raises(ValidationError, match="期限不得超过 36 个月"):
        make_application(customer, product, manager, term_months=48)


def test_rate_outside_range_is_refused(customer, product, manager):
    with pytest.raises(ValidationError, match="年利率须在"):
        make_application(customer, product, manager, proposed_rate=Decimal("20"))


def test_customer_type_not_allowed(product, manager):
    firm = CustomerFactory(manager=manager, customer_type="small_micro", birth_date=None)
    with pytest.raises(ValidationError, match="不适用于此类客户"):
        make_application(firm, product, manager)


def test_too_old_at_maturity_cannot_be_submitted(product, manager, manager2):
    product.max_term_months = 120
    product.save()
    today = datetime.date.today()
    old = CustomerFactory(manager=manager, birth_date=today.replace(year=today.year - 64))
    application = make_application(old, product, manager, term_months=84, amount=Decimal("50000"))
    with pytest.raises(ValidationError, match="到期时借款人将满"):
        submitted(application, manager, manager2)


def test_too_young_cannot_be_submitted(product, manager, manager2):
    today = datetime.date.today()
    young = CustomerFactory(manager=manager, birth_date=today.replace(year=today.year - 17))
    with pytest.raises(ValidationError, match="须在 18 至 65 岁之间"):
        submitted(make_application(young, product, manager), manager, manager2)


def test_age_rules():
    # One age_on (customers) and one add_months (schedules), shared by the lending rules.
    day = datetime.date(2026, 1, 1)
    assert age_on(datetime.date(2000, 1, 2), day) == 25
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert rules.age_on is age_on and rules.add_months is add_months


def test_product_needing_rating_and_credit_line(customer, product, manager, manager2, head):
    # The loan card's own tests are in postloan/tests/test_loan_card.py (it draws at
    # disbursement); here: the rule holds at application and again at submission.
    product.needs_rating = True
    product.needs_credit_line = True
    product.save()
    with pytest.raises(ValidationError) as excinfo:
        make_application(customer, product, manager)
    text = " ".join(excinfo.value.messages)
    assert "有效的信用评级" in text
    assert "有效的授信额度" in text
    today = datetime.date.today()
    CreditRating.objects.create(
        customer=customer,
        grade="AA",
        score=Decimal("85"),
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=300),
        rated_by=head,
    )
    line = CreditLine.objects.create(
        customer=customer,
        amount=Decimal("150000"),
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=300),
        status="active",
    )
    application = make_application(customer, product, manager)
    line.amount = Decimal("50000")
    line.save()
    with pytest.raises(ValidationError, match=r"超出授信可用额度 50,000\.00 元"):
        submitted(application, manager, manager2)


@pytest.mark.parametrize(
    ("character", "product", "collateral", "expected"),
    [
        ("good", "good", "good", rules.Recommendation.LEND),
        ("good", "good", "poor", rules.Recommendation.LEND_WITH_GUARANTEE),
        ("good", "good", "fair", rules.Recommendation.LEND_WITH_GUARANTEE),
        ("good", "poor", "good", rules.Recommendation.DO_NOT_LEND),
        ("poor", "good", "good", rules.Recommendation.NEVER),
        ("poor", "poor", "poor", rules.Recommendation.NEVER),
        ("fair", "good", "good", rules.Recommendation.LEND_WITH_GUARANTEE),
        ("", "good", "good", rules.Recommendation.INCOMPLETE),
    ],
)
def test_decision_table(character, product, collateral, expected):
    assert rules.recommend(character=character, product=product, collateral=collateral) == expected
