"""Village batch rating and credit (整村评级授信): rate, notice, objections, loan cards."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from customers.models import (
    BatchEntryStatus,
    CreditLineStatus,
    CustomerType,
    FarmTier,
    VillageBatchStatus,
)
from customers.services.villages import (
    credit_village_open,
    village_batch_make_effective,
    village_batch_object,
    village_batch_publish,
    village_batch_rate,
    village_batch_resolve,
)
from customers.tests.credit_helpers import DAY, household, money, scores_for

AFTER_WINDOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))


@pytest.fixture
def village_batch(manager):
    """Four households of 青禾村 scored AAA, AA, B and C; a neighbour village's is left out."""
    people = [household(manager, name=n) for n in ("张大山", "李二牛", "王三妹", "赵四")]
    household(manager, name="外村户", village="河西村")
    village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    scores = {
        c.pk: scores_for(CustomerType.FARM_HOUSEHOLD, s)
        for c, s in zip(people, (95, 85, 62, 40), strict=True)
    }
    batch = village_batch_rate(village=village, scores=scores, rated_by=manager, on=DAY)
    return batch, people


def entry_of(batch, customer):
    return batch.entries.get(customer=customer)


def test_rating_proposes_lines_by_tier(village_batch):
    batch, (aaa, aa, b, c) = village_batch
    assert batch.status == VillageBatchStatus.DRAFT
    assert batch.entries.count() == 4
    assert entry_of(batch, aaa).tier.name == "特优"
    assert entry_of(batch, aaa).credit_line.amount == money(60000)
    assert entry_of(batch, aa).credit_line.amount == money(30000)
    assert entry_of(batch, b).credit_line.amount == money(10000)
    assert entry_of(batch, b).credit_line.status == CreditLineStatus.PENDING
    assert entry_of(batch, c).status == BatchEntryStatus.EXCLUDED
    assert entry_of(batch, c).credit_line is None


def test_tier_caps_are_set_by_the_administrator(manager):
    FarmTier.objects.filter(name="特优").update(cap=80000)
    c = household(manager)
    village = credit_village_open(township="城关镇", name="青禾村", opened_by=manager)
    batch = village_batch_rate(
        village=village,
        scores={c.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 95)},
        rated_by=manager,
        on=DAY,
    )
    assert batch.entries.get().credit_line.amount == money(80000)


def test_full_flow_with_an_objection(village_batch, head):
    batch, (aaa, aa, b, _c) = village_batch
    manager = batch.created_by
    village_batch_publish(batch=batch, published_by=manager, on=DAY)
    batch.refresh_from_db()
    assert batch.objection_until == DAY + datetime.timedelta(days=7)

    village_batch_object(
        entry=entry_of(batch, aa),
        objection="村民反映其在外有未还借款",
        recorded_by=manager,
        on=DAY + datetime.timedelta(days=3),
    )
    village_batch_make_effective(batch=batch, approver=head, now=AFTER_WINDOW)

    batch.refresh_from_db()
    assert batch.status == VillageBatchStatus.EFFECTIVE
    assert batch.approved_by == head
    for customer in (aaa, b):
        entry = entry_of(batch, customer)
        assert entry.status == BatchEntryStatus.EFFECTIVE
        assert entry.credit_line.status == CreditLineStatus.ACTIVE
    numbers = sorted(entry_of(batch, c).credit_line.card_number for c in (aaa, b))
    assert numbers == ["B01-2026-00001", "B01-2026-00002"]
    # The household under objection is excluded until resolved.
    disputed = entry_of(batch, aa)
    assert disputed.status == BatchEntryStatus.OBJECTED
    assert disputed.credit_line.status == CreditLineStatus.PENDING
    assert disputed.credit_line.card_number is None

    village_batch_resolve(entry=disputed, upheld=True, resolution="核实属实", resolved_by=head)
    disputed.refresh_from_db()
    assert disputed.status == BatchEntryStatus.EXCLUDED
    assert disputed.credit_line.status == CreditLineStatus.REVOKED


def test_dismissed_objection_returns_the_household_to_the_list(village_batch, head):
    batch, (_aaa, aa, _b, _c) = village_batch
    manager = batch.created_by
    village_batch_publish(batch=batch, published_by=manager, on=DAY)
    village_batch_object(
        entry=entry_of(batch, aa), objection="有人举报", recorded_by=manager, on=DAY
    )
    village_batch_resolve(
        entry=entry_of(batch, aa), upheld=False, resolution="经核实不属实", resolved_by=manager
    )
    village_batch_make_effective(batch=batch, approver=head, now=AFTER_WINDOW)
    assert entry_of(batch, aa).credit_line.status == CreditLineStatus.ACTIVE


def test_nothing_takes_effect_before_the_window_ends(village_batch, head):
    batch, _people = village_batch
    with pytest.raises(ValidationError, match="先公示"):
        village_batch_make_effective(batch=batch, approver=head, now=AFTER_WINDOW)
    village_batch_publish(batch=batch, published_by=batch.created_by, on=DAY)
    last_day = timezone.make_aware(datetime.datetime(2026, 3, 9, 18, 0))
    with pytest.raises(ValidationError, match="期满后"):
        village_batch_make_effective(batch=batch, approver=head, now=last_day)
    batch.refresh_from_db()
    assert batch.status == VillageBatchStatus.PUBLISHED


def test_objections_only_during_the_window(village_batch):
    batch, (aaa, *_rest) = village_batch
    manager = batch.created_by
    with pytest.raises(ValidationError, match="公示期内"):
        village_batch_object(entry=entry_of(batch, aaa), objection="x", recorded_by=manager, on=DAY)
    village_batch_publish(batch=batch, published_by=manager, on=DAY)
    with pytest.raises(ValidationError, match="公示期内"):
        village_batch_object(
            entry=entry_of(batch, aaa),
            objection="x",
            recorded_by=manager,
            on=DAY + datetime.timedelta(days=8),
        )


def test_the_approver_needs_authority_for_the_largest_line(village_batch, head, manager):
    batch, _people = village_batch
    village_batch_publish(batch=batch, published_by=manager, on=DAY)
    with pytest.raises(PermissionDenied):  # not a manager's to approve (docs/roles.md)
        village_batch_make_effective(batch=batch, approver=manager, now=AFTER_WINDOW)
    from creditdesk.models import AuthorityLimit

    AuthorityLimit.objects.filter(role="branch_head", grade=2).update(max_credit_line=50000)
    with pytest.raises(ValidationError, match="超出您的审批权限"):
        village_batch_make_effective(batch=batch, approver=head, now=AFTER_WINDOW)


def test_one_open_batch_per_village(village_batch, manager):
    batch, people = village_batch
    with pytest.raises(ValidationError, match="未完成"):
        village_batch_rate(
            village=batch.village,
            scores={people[0].pk: scores_for(CustomerType.FARM_HOUSEHOLD, 90)},
            rated_by=manager,
            on=DAY,
        )
