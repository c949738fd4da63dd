"""Credit rating (信用评级): the scorecard's weighted score, grade bands, one year of validity."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from customers.models import (
    CreditRating,
    CustomerType,
    GradeBand,
    RatingCriterion,
    Scorecard,
)
from customers.services.credit import grade_for, rating_record
from customers.tests.credit_helpers import DAY, rated, scores_for
from tests.factories import CustomerFactory


def test_each_customer_type_has_a_scorecard_of_the_five_criteria(db):
    for customer_type in CustomerType.values:
        card = Scorecard.objects.get(customer_type=customer_type)
        assert {f.criterion for f in card.factors.all()} == set(RatingCriterion.values)
        assert card.total_weight() == 100


def test_weighted_score_and_grade(manager):
    customer = CustomerFactory(manager=manager)
    # Farm household weights: morality 30, repayment 25, capital 15, environment 15, guarantee 15
    scores = scores_for(
        CustomerType.FARM_HOUSEHOLD,
        {"morality": 100, "repayment": 80, "capital": 60, "environment": 70, "guarantee": 50},
    )
    rating = rating_record(customer=customer, scores=scores, rated_by=manager, on=DAY)
    assert rating.score == Decimal("77.00")  # 30 + 20 + 9 + 10.5 + 7.5
    assert rating.grade == "A"
    assert [row["name"] for row in rating.factor_scores][:2] == ["个人品德", "还款能力"]
    assert rating.scorecard.customer_type == CustomerType.FARM_HOUSEHOLD


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "AAA"),
        ("90", "AAA"),
        ("89.99", "AA"),
        ("80", "AA"),
        ("70", "A"),
        ("60", "B"),
        ("59.99", "C"),
        ("0", "C"),
    ],
)
def test_grade_bands(db, score, grade):
    assert grade_for(Decimal(score)) == grade


def test_grade_bands_are_configurable(db):
    GradeBand.objects.filter(grade="AAA").update(min_score=95)
    assert grade_for(Decimal("92")) == "AA"


def test_rating_is_valid_one_year_and_the_newest_applies(manager):
    customer = CustomerFactory(manager=manager)
    first = rated(customer, 65, on=DAY)
    assert first.valid_until == datetime.date(2027, 3, 1)
    second = rated(customer, 92, on=DAY + datetime.timedelta(days=30))
    ratings = CreditRating.objects.filter(customer=customer)
    assert ratings.count() == 2  # history kept
    assert ratings.current(DAY) == first
    assert ratings.current(DAY + datetime.timedelta(days=40)) == second
    assert ratings.current(datetime.date(2027, 4, 2)) is None  # both lapsed


def test_score_out_of_range_is_refused(manager):
    customer = CustomerFactory(manager=manager)
    with pytest.raises(ValidationError, match="0 到 100"):
        rated(customer, 101)


def test_every_factor_must_be_scored(manager):
    customer = CustomerFactory(manager=manager)
    scores = scores_for(CustomerType.FARM_HOUSEHOLD, 80)
    scores.popitem()
    with pytest.raises(ValidationError, match="请为"):
        rating_record(customer=customer, scores=scores, rated_by=manager, on=DAY)


def test_weights_must_add_up_to_100(manager):
    customer = CustomerFactory(manager=manager)
    Scorecard.objects.get(customer_type=CustomerType.FARM_HOUSEHOLD).factors.filter(
        criterion="guarantee"
    ).update(weight=5)
    with pytest.raises(ValidationError, match="100"):
        rated(customer, 80)


def test_rating_is_in_the_audit_trail(manager):
    rating = rated(CustomerFactory(manager=manager), 95)
    record = rating.history.get()
    assert record.history_user == manager
    assert record.history_change_reason == "customers.rating_record"
    assert record.grade == "AAA"


def test_auditor_and_other_branch_cannot_rate(manager, auditor, other_manager):
    customer = CustomerFactory(manager=manager)
    for user in (auditor, other_manager):
        with pytest.raises(PermissionDenied):
            rated(customer, 90, by=user)
