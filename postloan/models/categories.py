"""The categories a loan is sorted into: the five risk categories (五级分类), restructuring
marks and days-past-due buckets, and the floor the rules set (docs/classification.md)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoanClass(models.TextChoices):
    """The five categories, best first: the order is the order of severity."""

    NORMAL = "normal", _("正常")
    SPECIAL_MENTION = "special_mention", _("关注")
    SUBSTANDARD = "substandard", _("次级")
    DOUBTFUL = "doubtful", _("可疑")
    LOSS = "loss", _("损失")

    @classmethod
    def rank(cls, value: str) -> int:
        return cls.values.index(value)

    @classmethod
    def worse(cls, a: str, b: str) -> str:
        return a if cls.rank(a) >= cls.rank(b) else b


class Restructure(models.TextChoices):
    """Why a loan cannot sit in "normal" during its observation period."""

    NONE = "none", _("无")
    RESTRUCTURED = "restructured", _("重组贷款")
    REFINANCED = "refinanced", _("借新还旧")


class DpdBucket(models.TextChoices):
    """Days-past-due buckets (逾期天数段), the edges of the classification floor included."""

    CURRENT = "0", _("未逾期")
    D1_30 = "1-30", _("逾期1–30天")
    D31_60 = "31-60", _("逾期31–60天")
    D61_90 = "61-90", _("逾期61–90天")
    D91_180 = "91-180", _("逾期91–180天")
    D181_270 = "181-270", _("逾期181–270天")
    D271_360 = "271-360", _("逾期271–360天")
    OVER_360 = "361+", _("逾期360天以上")


#: Upper edge (days, inclusive) of each bucket but the last.
BUCKET_EDGES = [(0, "0"), (30, "1-30"), (60, "31-60"), (90, "61-90"), (180, "91-180")]
BUCKET_EDGES += [(270, "181-270"), (360, "271-360")]


def dpd_bucket(days: int) -> str:
    for edge, bucket in BUCKET_EDGES:
        if days <= edge:
            return bucket
    return DpdBucket.OVER_360


def classification_floor(
    *, days_past_due: int, restructure: str, observation_until: datetime.date | None, on
) -> str:
    """The least severe category the rules allow (办法 arts. 11–14, 22): any overdue amount →
    special mention, over 90 days → substandard, over 270 → doubtful, over 360 → loss; a
    restructured or refinanced loan in its observation period is at least special mention."""
    if days_past_due > 360:
        return LoanClass.LOSS
    if days_past_due > 270:
        return LoanClass.DOUBTFUL
    if days_past_due > 90:
        return LoanClass.SUBSTANDARD
    observed = restructure != Restructure.NONE and (
        observation_until is not None and observation_until >= on
    )
    if days_past_due > 0 or observed:
        return LoanClass.SPECIAL_MENTION
    return LoanClass.NORMAL
