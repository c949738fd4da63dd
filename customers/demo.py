"""Demo customers, loaded by `manage.py seed_demo`: about 60 files across types, villages,
stages and the three demo managers, with household members, finances, contacts and products.

Idempotent: customers are keyed by their (fixed) ID numbers; one that exists is left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from stdnum.cn import ric, uscc

from creditdesk.models import User
from customers import services
from customers.models import (
    AcquisitionChannel,
    ContactKind,
    Customer,
    CustomerStatus,
    CustomerType,
    PipelineStage,
    Product,
    Relation,
    Segment,
)

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
            customer = services.customer_create(
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
                reason="演示数据",
            )
            if stage != PipelineStage.PROSPECT:
                services.customer_move_stage(
                    customer=customer,
                    by=manager,
                    stage=stage,
                    lost_reason=rng.choice(LOST_REASONS) if stage == PipelineStage.LOST else "",
                )
            if i % 10 == 9:
                customer.status = CustomerStatus.DORMANT
                customer._change_reason = "演示数据"
                customer.save(update_fields=["status"])
            if person:
                spouse_birth = birth + datetime.timedelta(days=400)
                services.member_add(
                    customer=customer,
                    by=manager,
                    name=SURNAMES[(i + 3) % len(SURNAMES)] + GIVEN[(i + 5) % len(GIVEN)],
                    relation=Relation.SPOUSE,
                    id_number=_person_id(county, spouse_birth, seq + 1),
                    occupation="务农" if customer_type == CustomerType.FARM_HOUSEHOLD else "经营",
                )
            if stage == PipelineStage.CUSTOMER:
                base = Decimal(rng.randrange(8, 120) * 10000)
                for years_ago in (1, 0):
                    revenue = base * (Decimal("0.85") if years_ago else 1)
                    assets = revenue * Decimal("1.6")
                    services.snapshot_record(
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
                services.products_set(
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
                services.contact_log(
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
    from customers import credit_demo  # ratings and lines of the customers just seeded

    credit_demo.seed(stdout=stdout)
