"""Reference data an administrator configures: the guarantee policy and the collateral kinds."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guarantees.models.base import RATIO, reference_scope


class ReferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        q = reference_scope(user)
        return self.none() if q is None else self.filter(q)


class GuaranteePolicy(models.Model):
    """The guarantee policy (担保政策): willingness factors and the balance of guarantors.

    One row (pk 1), seeded by a migration and edited in the admin site. "Effectiveness =
    strength × willingness" (DOMAIN.md): a guarantor who refuses counts zero whatever the
    factors say."""

    factor_strong = models.DecimalField(_("担保意愿强：系数"), default=Decimal("1"), **RATIO)
    factor_average = models.DecimalField(_("担保意愿一般：系数"), default=Decimal("0.7"), **RATIO)
    factor_weak = models.DecimalField(_("担保意愿弱：系数"), default=Decimal("0.3"), **RATIO)
    income_years = models.DecimalField(
        _("计入担保实力的年收入倍数"),
        default=Decimal("1"),
        help_text=_("担保实力 = 净资产 + 年收入 × 此倍数。"),
        **RATIO,
    )
    max_capacity_ratio = models.DecimalField(
        _("担保人实力最大差距（倍）"),
        default=Decimal("3"),
        help_text=_("同一笔贷款的担保人，最强者的有效担保能力超过最弱者的此倍数即提示。"),
        **RATIO,
    )
    max_guarantors = models.PositiveSmallIntegerField(_("担保人数上限"), default=3)

    objects = ReferenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("担保政策")
        verbose_name_plural = _("担保政策")
        constraints = [
            models.CheckConstraint(
                condition=Q(factor_strong__gte=0, factor_strong__lte=1)
                & Q(factor_average__gte=0, factor_average__lte=1)
                & Q(factor_weak__gte=0, factor_weak__lte=1),
                name="policy_factors_in_0_1",
            ),
            models.CheckConstraint(
                condition=Q(max_capacity_ratio__gte=1), name="policy_capacity_ratio_at_least_1"
            ),
            models.CheckConstraint(
                condition=Q(max_guarantors__gte=1), name="policy_max_guarantors_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(_("担保政策"))

    @classmethod
    def current(cls) -> GuaranteePolicy:
        """The policy in force (the defaults if the row was deleted)."""
        return cls.objects.order_by("pk").first() or cls()

    def factor(self, willingness: str) -> Decimal:
        return {
            "strong": self.factor_strong,
            "average": self.factor_average,
            "weak": self.factor_weak,
        }.get(willingness, Decimal("0"))


class CollateralKind(models.Model):
    """A kind of collateral (押品种类) with its loan-to-value cap (抵押率) and revaluation
    interval."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    max_ltv = models.DecimalField(
        _("最高抵质押率"), help_text=_("例如 0.7000 表示评估价值的 70%。"), **RATIO
    )
    revaluation_months = models.PositiveSmallIntegerField(_("重估周期（月）"), default=12)
    needs_registration = models.BooleanField(_("须办理抵押登记（他项权证）"), default=True)
    needs_insurance = models.BooleanField(_("须投保财产险"), default=False)
    is_pledge = models.BooleanField(_("质押（否则为抵押）"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = ReferenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("押品种类")
        verbose_name_plural = _("押品种类")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_ltv__gt=0, max_ltv__lte=1), name="collateral_kind_ltv_in_0_1"
            ),
        ]

    def __str__(self) -> str:
        return self.name
