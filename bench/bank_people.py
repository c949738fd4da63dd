"""Customers for the bank generator (``bench/bank.py``): names, identity numbers, phones.

Identity numbers are built from a running number, so they are unique across every run of the
generator, and carry correct check digits: resident ID numbers (GB 11643, 居民身份证号码) with
a county code that existed in every birth year used, so python-stdnum's strict
``stdnum.cn.ric.validate`` accepts them, and unified social credit codes (GB 32100,
统一社会信用代码) whose embedded organisation code (GB 11714) has its own check digit too.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from stdnum.cn import ric, uscc

#: County codes valid for every birth year 1955–2005 in python-stdnum's table of places.
REGIONS = ("110101", "110105", "310104", "430121", "360121", "522701")
FIRST_BIRTH = datetime.date(1961, 1, 1)
BIRTH_DAYS = 14_600  # 1961-01-01 … 2000-12-22: 25–65 years old today
_DAY_STEP = 7_919  # a prime coprime with BIRTH_DAYS: consecutive customers, scattered birthdays

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "建国华明伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛超秀兰霞平刚桂英玉兰凤春梅海燕红梅金凤德福志刚振华文斌永健子涵雨轩浩然欣怡俊杰家豪晓东慧敏春生秋菊冬梅"  # noqa: E501
TOWNSHIPS = ("城关镇", "河口镇", "桥头镇", "青山乡", "白沙镇", "石门乡", "新丰镇", "龙泉乡")
VILLAGES = ("东村", "西村", "南湾村", "北岗村", "柳树村", "杏花村", "大塘村", "上坪村", "下洋村")
FARM_TRADES = ("水稻种植", "生猪养殖", "茶叶种植", "蔬菜大棚", "柑橘种植", "水产养殖", "肉牛养殖")
SHOP_TRADES = ("农资经营", "小超市", "餐饮", "汽车修理", "建材零售", "服装零售", "物流运输")
FIRM_WORDS = ("丰收", "绿源", "兴农", "宏达", "金穗", "恒通", "惠民", "鑫盛", "众诚", "华茂")
FIRM_KINDS = ("农业专业合作社", "农业开发有限公司", "商贸有限公司", "食品有限公司", "建材有限公司")
CHANNELS = (
    "customer_referral",
    "friend_referral",
    "colleague_referral",
    "dormant_revisit",
    "cold_visit",
    "walk_in",
    "supply_chain",
)
#: Customer types and their shares (farm households dominate a rural bank's book).
TYPES = (
    ("farm_household", 0.70),
    ("individual_business", 0.18),
    ("small_micro", 0.08),
    ("private_enterprise", 0.04),
)
PERSON_TYPES = ("farm_household", "individual_business")


def resident_id(number: int) -> str:
    """The ``number``-th resident ID number: unique for number < 6 × 14,600 × 1,000."""
    region = REGIONS[number % len(REGIONS)]
    rest = number // len(REGIONS)
    birth = FIRST_BIRTH + datetime.timedelta(days=(rest * _DAY_STEP) % BIRTH_DAYS)
    sequence = (rest // BIRTH_DAYS) % 1000
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # (stdnum ignores the last character)


def organisation_code(number: int) -> str:
    """An organisation code (GB 11714): eight digits and their check character."""
    digits = f"{(number * 7 + 13_579) % 10**8:08d}"  # ×7 is a bijection modulo 10⁸
    total = sum(int(d) * w for d, w in zip(digits, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return digits + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(number: int) -> str:
    """The ``number``-th unified social credit code: registered by industry and commerce
    (9), an enterprise (1), a county, the organisation code and the check character."""
    body = f"91{REGIONS[number % len(REGIONS)]}{organisation_code(number)}"
    return body + uscc.calc_check_digit(body)


def customers(first: int, count: int, *, seed: int, as_of: datetime.date) -> Iterator[dict]:
    """``count`` customers numbered from ``first`` (their identity numbers follow the number,
    the rest is drawn from a generator seeded with ``seed`` and ``first``)."""
    rng = random.Random(seed * 1_000_003 + first)  # noqa: S311 - test data, not secrets
    kinds = [k for k, _share in TYPES]
    weights = [share for _k, share in TYPES]
    for number in range(first, first + count):
        kind = rng.choices(kinds, weights)[0]
        township = rng.choice(TOWNSHIPS)
        village = rng.choice(VILLAGES)
        if kind in PERSON_TYPES:
            id_number = resident_id(number)
            birth = ric.get_birth_date(id_number)
            name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
            trade = rng.choice(FARM_TRADES if kind == "farm_household" else SHOP_TRADES)
        else:
            id_number = credit_code(number)
            birth = None
            name = f"{township[:2]}{rng.choice(FIRM_WORDS)}{rng.choice(FIRM_KINDS)}"
            trade = rng.choice(SHOP_TRADES + FARM_TRADES)
        yield {
            "name": name,
            "customer_type": kind,
            "id_number": id_number,
            "birth_date": birth,
            "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            "township": township,
            "village": village,
            "address": f"{township}{village}{rng.randint(1, 99)}组{rng.randint(1, 60)}号",
            "industry": trade,
            "channel": rng.choice(CHANNELS),
            "segment": rng.choices(("ordinary", "key", "gold"), (0.85, 0.12, 0.03))[0],
            "created_on": as_of - datetime.timedelta(days=rng.randint(60, 2_000)),
        }
