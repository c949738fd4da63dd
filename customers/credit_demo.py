"""Demo ratings and credit lines, and one village batch under public notice.

Called at the end of ``customers.demo.seed``; uses the demo managers' customers. Idempotent:
customers already rated are left alone, and the village batch is made once.
"""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from creditdesk.models import Role, User
from customers import credit_services as services
from customers.models import (
    CreditLine,
    Customer,
    CustomerType,
    FarmTier,
    Scorecard,
    VillageBatch,
)

# Scores by criterion for a household of each kind; the grade follows from the bands.
PROFILES = [
    {"morality": 95, "repayment": 92, "capital": 85, "environment": 90, "guarantee": 88},  # AAA
    {"morality": 90, "repayment": 82, "capital": 75, "environment": 80, "guarantee": 78},  # AA
    {"morality": 80, "repayment": 72, "capital": 65, "environment": 70, "guarantee": 66},  # A
    {"morality": 70, "repayment": 62, "capital": 55, "environment": 60, "guarantee": 58},  # B
    {"morality": 50, "repayment": 45, "capital": 40, "environment": 60, "guarantee": 30},  # C
]
BUSINESS_LINES = [Decimal("80000"), Decimal("150000"), Decimal("120000"), Decimal("50000")]
BATCH_VILLAGE = ("城关镇", "南湖村")


def _scores(customer: Customer, profile: dict) -> dict:
    card = Scorecard.objects.get(customer_type=customer.customer_type)
    return {f.pk: profile[f.criterion] for f in card.factors.all()}


def _approver_for(customer: Customer) -> User | None:
    path = customer.branch.path
    heads = User.objects.filter(role=Role.BRANCH_HEAD, is_active=True).select_related("branch")
    for head in heads:
        if path.startswith(head.branch.path) and head.pk != customer.manager_id:
            return head
    return None


def _line_amount(customer: Customer, grade: str, index: int) -> Decimal | None:
    if customer.customer_type == CustomerType.FARM_HOUSEHOLD:
        tier = FarmTier.objects.for_grade(grade)
        return tier.cap if tier else None
    return BUSINESS_LINES[index % len(BUSINESS_LINES)]


def _grant(customer, amount, *, valid_from, approver, committee, now) -> CreditLine:
    line = services.credit_line_propose(
        customer=customer, amount=amount, proposed_by=customer.manager, valid_from=valid_from
    )
    try:
        return services.credit_line_approve(line=line, approver=approver, now=now)
    except ValidationError:  # above the head's authority: the committee decides
        return services.credit_line_approve(line=line, approver=committee, now=now)


def ensure_config() -> None:
    """The default scorecards, grade bands and tiers, as migration 0003 installs them, in case
    a database was flushed (transactional tests do) after migrating. Idempotent."""
    defaults = importlib.import_module("customers.migrations.0002_credit_defaults")
    defaults.seed(django_apps, None)


def seed(*, stdout=None) -> None:
    ensure_config()
    today = timezone.localdate()
    now = timezone.now()
    committee = User.objects.filter(role=Role.COMMITTEE, is_active=True).first()
    customers = (
        Customer.objects.filter(manager__username__in=["manager1", "manager2", "manager3"])
        .exclude(status="prospect")
        .exclude(township=BATCH_VILLAGE[0], village=BATCH_VILLAGE[1])
        .select_related("branch", "manager")
        .order_by("pk")
    )
    rated = lines = 0
    for index, customer in enumerate(customers):
        if customer.ratings.exists() or index % 5 == 4:
            continue  # already seeded, or left unrated on purpose
        profile = PROFILES[index % len(PROFILES)]
        approver = _approver_for(customer)
        if index % 7 == 3:
            # A line granted nearly two years ago, ending within 30 days, then re-rated.
            services.rating_record(
                customer=customer,
                scores=_scores(customer, PROFILES[1]),
                rated_by=customer.manager,
                on=today - datetime.timedelta(days=700),
            )
            amount = _line_amount(customer, "AA", index)
            _grant(
                customer,
                amount,
                valid_from=today - datetime.timedelta(days=700),
                approver=approver,
                committee=committee,
                now=now,
            )
            lines += 1
        on = today - datetime.timedelta(days=350 if index % 6 == 1 else 40 + index)
        rating = services.rating_record(
            customer=customer, scores=_scores(customer, profile), rated_by=customer.manager, on=on
        )
        rated += 1
        if customer.credit_lines.exists():
            continue
        amount = _line_amount(customer, rating.grade, index)
        if amount is None or rating.grade == "C":
            continue
        if index % 4 == 2:
            # Left for the branch head's approval queue.
            services.credit_line_propose(
                customer=customer, amount=amount, proposed_by=customer.manager, valid_from=on
            )
        else:
            _grant(customer, amount, valid_from=on, approver=approver, committee=committee, now=now)
        lines += 1
    batch = _village_batch(today)
    if stdout is not None:
        stdout.write(
            f"credit: {rated} ratings, {lines} credit lines"
            + (f", village batch of {batch.village}" if batch else "")
        )


def _village_batch(today: datetime.date) -> VillageBatch | None:
    """A batch for 城关镇南湖村 published two days ago: the notice is up, objections open."""
    township, name = BATCH_VILLAGE
    if VillageBatch.objects.filter(village__township=township, village__name=name).exists():
        return None
    manager = User.objects.filter(username="manager1").first()
    if manager is None:
        return None
    households = list(
        manager.customers.filter(
            customer_type=CustomerType.FARM_HOUSEHOLD, township=township, village=name
        )
        .exclude(status="lost")
        .order_by("pk")
    )
    if not households:
        return None
    on = today - datetime.timedelta(days=2)
    village = services.credit_village_open(township=township, name=name, opened_by=manager)
    scores = {c.pk: _scores(c, PROFILES[i % (len(PROFILES) - 1)]) for i, c in enumerate(households)}
    batch = services.village_batch_rate(village=village, scores=scores, rated_by=manager, on=on)
    return services.village_batch_publish(batch=batch, published_by=manager, on=on)
