"""Demo customers, loaded by `manage.py seed_demo`: about 60 files across types, villages,
stages and the three demo managers, with household members, finances, contacts and products;
then their ratings and credit lines, and one village batch under public notice.

Idempotent: customers are keyed by their (fixed) ID numbers; one that exists is left alone;
customers already rated are left alone, and the village batch is made once. Everything is
written through the services (or, for the rating configuration, the audited path).
"""

from __future__ import annotations

import datetime
import importlib
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric, uscc

from creditdesk.history import audited_save
from creditdesk.models import Role, User
from customers.models import (
    AcquisitionChannel,
    ContactKind,
    CreditLine,
    Customer,
    CustomerStatus,
    CustomerType,
    FarmTier,
    GradeBand,
    PipelineStage,
    Product,
    Relation,
    Scorecard,
    ScorecardFactor,
    Segment,
    VillageBatch,
)
from customers.reasons import CustomersReason
from customers.services import contacts, credit, household, marketing
from customers.services import customers as files
from customers.services import villages as village_services

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "海燕",
    "春生",
    "玉梅",
    "德福",
    "丽华",
    "国庆",
    "小军",
    "红梅",
    "永强",
    "金凤",
    "明亮",
    "淑珍",
    "长青",
    "晓东",
    "翠花",
    "卫东",
]
# (manager username, township, villages, county code of the ID numbers)
AREAS = [
    ("manager1", "城关镇", ["东村", "西村", "南湖村"], "330523"),
    ("manager2", "城关镇", ["北山村", "东村"], "330523"),
    ("manager3", "河口镇", ["桥头村", "柳林村", "石门村"], "330522"),
]
INDUSTRIES = {
    CustomerType.FARM_HOUSEHOLD: ["水稻种植", "茶叶种植", "生猪养殖", "毛竹加工", "白茶种植"],
    CustomerType.INDIVIDUAL_BUSINESS: ["农资店", "小超市", "农家乐", "汽修店", "早餐店"],
    CustomerType.SMALL_MICRO: ["竹制品厂", "茶叶合作社", "物流公司"],
    CustomerType.PRIVATE_ENTERPRISE: ["椅业有限公司", "食品有限公司"],
}
TYPES = (
    [CustomerType.FARM_HOUSEHOLD] * 12
    + [CustomerType.INDIVIDUAL_BUSINESS] * 5
    + [CustomerType.SMALL_MICRO] * 2
    + [CustomerType.PRIVATE_ENTERPRISE]
)
STAGES = (
    [PipelineStage.CUSTOMER] * 12
    + [PipelineStage.PROSPECT] * 4
    + [PipelineStage.CONTACTED, PipelineStage.INTERESTED, PipelineStage.APPLIED]
    + [PipelineStage.LOST]
)
LOST_REASONS = ["已在其他银行贷款", "外出务工，暂无需求", "利率比较后选择了他行"]


def _person_id(county: str, birth: datetime.date, seq: int) -> str:
    body = f"{county}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def _org_code(county: str, seq: int) -> str:
    body = f"92{county}MA{seq:07d}"[:17]
    return body + uscc.calc_check_digit(body)


def seed(*, stdout=None) -> None:
    today = datetime.date.today()
    created = 0
    for area_index, (username, township, villages, county) in enumerate(AREAS):
        manager = User.objects.filter(username=username).first()
        if manager is None:
            continue
        for i in range(20):
            # One fixed generator per customer: the same files on every run.
            rng = random.Random(f"demo-{area_index}-{i}")
            customer_type = TYPES[i]
            stage = STAGES[i]
            person = customer_type in (
                CustomerType.FARM_HOUSEHOLD,
                CustomerType.INDIVIDUAL_BUSINESS,
            )
            birth = datetime.date(
                1983 + rng.randrange(17), 1 + rng.randrange(12), 1 + rng.randrange(28)
            )
            seq = area_index * 100 + i * 2 + 1
            surname = SURNAMES[(area_index * 7 + i) % len(SURNAMES)]
            given = GIVEN[(area_index * 3 + i * 7) % len(GIVEN)]
            village = villages[i % len(villages)]
            industry = rng.choice(INDUSTRIES[customer_type])
            if person:
                id_number = _person_id(county, birth, seq)
                name = surname + given
            else:
                id_number = _org_code(county, seq)
                name = (
                    f"安吉县{village}{industry}"
                    if customer_type == CustomerType.SMALL_MICRO
                    else f"{surname}氏{industry}"
                )
            if Customer.objects.filter(id_number=id_number).exists():
                continue
            customer = files.customer_create(
                by=manager,
                name=name,
                customer_type=customer_type,
                id_number=id_number,
                phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                township=township,
                village=village,
                address=f"{1 + i % 6}组{10 + i}号",
                industry=industry,
                channel=rng.choice(AcquisitionChannel.values),
                segment=Segment.GOLD
                if i in (0, 5)
                else (Segment.KEY if i in (1, 6, 17) else Segment.ORDINARY),
                status=CustomerStatus.ACTIVE
                if stage == PipelineStage.CUSTOMER
                else CustomerStatus.PROSPECT,
                notes=rng.choice(
                    ["", "喜欢钓鱼，逢年过节走动", "儿子在县城读高中", "上游供应商为县茶厂"]
                ),
                reason=CustomersReason.DEMO,
            )
            if stage != PipelineStage.PROSPECT:
                marketing.customer_move_stage(
                    customer=customer,
                    by=manager,
                    stage=stage,
                    lost_reason=rng.choice(LOST_REASONS) if stage == PipelineStage.LOST else "",
                )
            if i % 10 == 9:
                customer.status = CustomerStatus.DORMANT
                audited_save(
                    customer,
                    by=manager,
                    reason=CustomersReason.DEMO,
                    clean=False,
                    update_fields=["status"],
                )
            if person:
                spouse_birth = birth + datetime.timedelta(days=400)
                household.member_add(
                    customer=customer,
                    by=manager,
                    values={
                        "name": SURNAMES[(i + 3) % len(SURNAMES)] + GIVEN[(i + 5) % len(GIVEN)],
                        "relation": Relation.SPOUSE,
                        "id_number": _person_id(county, spouse_birth, seq + 1),
                        "occupation": "务农"
                        if customer_type == CustomerType.FARM_HOUSEHOLD
                        else "经营",
                    },
                )
            if stage == PipelineStage.CUSTOMER:
                base = Decimal(rng.randrange(8, 120) * 10000)
                for years_ago in (1, 0):
                    revenue = base * (Decimal("0.85") if years_ago else 1)
                    assets = revenue * Decimal("1.6")
                    household.snapshot_record(
                        customer=customer,
                        by=manager,
                        values={
                            "as_of": datetime.date(today.year - 1 - years_ago, 12, 31),
                            "revenue": revenue.quantize(Decimal("0.01")),
                            "net_profit": (revenue * Decimal("0.12")).quantize(Decimal("0.01")),
                            "total_assets": assets.quantize(Decimal("0.01")),
                            "total_liabilities": (assets * Decimal("0.35")).quantize(
                                Decimal("0.01")
                            ),
                            "current_assets": (assets * Decimal("0.4")).quantize(Decimal("0.01")),
                            "current_liabilities": (assets * Decimal("0.25")).quantize(
                                Decimal("0.01")
                            ),
                            "inventory": (revenue * Decimal("0.1")).quantize(Decimal("0.01")),
                            "receivables": (revenue * Decimal("0.08")).quantize(Decimal("0.01")),
                            "payables": (revenue * Decimal("0.05")).quantize(Decimal("0.01")),
                            "monthly_sales": (revenue / 12).quantize(Decimal("0.01")),
                            "employees": rng.randrange(0, 8) if person else rng.randrange(8, 60),
                            "power_kwh": Decimal(rng.randrange(200, 5000)),
                        },
                    )
                marketing.products_set(
                    customer=customer,
                    by=manager,
                    products=rng.sample(Product.values, k=rng.randrange(1, 4)),
                    since=today - datetime.timedelta(days=rng.randrange(30, 900)),
                )
            for k in range(rng.randrange(1, 4)):
                occurred = today - datetime.timedelta(days=rng.randrange(1, 120))
                follow = None
                if k == 0 and i % 3 == 0:
                    follow = today + datetime.timedelta(days=rng.randrange(-3, 10))
                    follow = max(follow, occurred)
                kind = rng.choice(ContactKind.values)
                contacts.contact_log(
                    customer=customer,
                    by=manager,
                    values={
                        "kind": kind,
                        "occurred_on": occurred,
                        "attendees": f"{manager.name}、{name}",
                        "purpose": rng.choice(
                            [
                                "了解春耕资金需求",
                                "贷后回访",
                                "介绍手机银行",
                                "商谈授信续期",
                                "生日问候",
                            ]
                        ),
                        "summary": rng.choice(
                            ["", "生产正常，计划扩大种植面积。", "上游客户回款较慢。"]
                        ),
                        "cost": Decimal("180.00")
                        if kind in (ContactKind.MEAL, ContactKind.GIFT)
                        else Decimal("0.00"),
                        "follow_up_on": follow,
                    },
                )
            created += 1
    if stdout is not None:
        stdout.write(f"customers: {created} new demo customers")
    _seed_credit(stdout=stdout)


# --- Ratings, credit lines and a village batch (评级授信) ---

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
    line = credit.credit_line_propose(
        customer=customer, amount=amount, proposed_by=customer.manager, valid_from=valid_from
    )
    try:
        return credit.credit_line_approve(line=line, approver=approver, now=now)
    except ValidationError:  # above the head's authority: the committee decides
        return credit.credit_line_approve(line=line, approver=committee, now=now)


def ensure_config() -> None:
    """The default scorecards, grade bands and tiers, as migration 0002 installs them, in case
    a database was flushed (transactional tests do) after migrating. Idempotent."""
    defaults = importlib.import_module("customers.migrations.0002_credit_defaults")
    demo = CustomersReason.DEMO
    for customer_type, (name, weights) in defaults.SCORECARDS.items():
        if Scorecard.objects.filter(customer_type=customer_type).exists():
            continue
        card = audited_save(Scorecard(customer_type=customer_type, name=name), by=None, reason=demo)
        for position, ((criterion, label, guidance), weight) in enumerate(
            zip(defaults.CRITERIA, weights, strict=True)
        ):
            factor = ScorecardFactor(
                scorecard=card,
                criterion=criterion,
                name=label,
                guidance=guidance,
                weight=Decimal(weight),
                position=position,
            )
            audited_save(factor, by=None, reason=demo)
    for grade, minimum in defaults.BANDS:
        if not GradeBand.objects.filter(grade=grade).exists():
            audited_save(GradeBand(grade=grade, min_score=Decimal(minimum)), by=None, reason=demo)
    for position, (name, grade, cap) in enumerate(defaults.TIERS):
        if not FarmTier.objects.filter(grade=grade).exists():
            tier = FarmTier(name=name, grade=grade, cap=Decimal(cap), position=position)
            audited_save(tier, by=None, reason=demo)


def _seed_credit(*, stdout=None) -> None:
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
            credit.rating_record(
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
        rating = credit.rating_record(
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
            credit.credit_line_propose(
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
    village = village_services.credit_village_open(township=township, name=name, opened_by=manager)
    scores = {c.pk: _scores(c, PROFILES[i % (len(PROFILES) - 1)]) for i, c in enumerate(households)}
    batch = village_services.village_batch_rate(
        village=village, scores=scores, rated_by=manager, on=on
    )
    return village_services.village_batch_publish(batch=batch, published_by=manager, on=on)
