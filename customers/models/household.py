"""The household and its finances (家庭成员, 经营与财务状况): the material of "ask" (问)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from customers.models.customer import Customer, customer_scope


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("配偶")
    PARENT = "parent", _("父母")
    CHILD = "child", _("子女")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class HouseholdMemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> HouseholdMemberQuerySet:
        return self.filter(customer_scope(user))


class HouseholdMember(models.Model):
    """A household member (家庭成员): the spouse co-signs, so their ID is kept too."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("关系"), max_length=20, choices=Relation.choices)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    occupation = models.CharField(_("职业"), max_length=100, blank=True)
    co_signs = models.BooleanField(_("共同签字"), default=False)

    objects = HouseholdMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["customer", "relation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values), name="member_relation_valid"
            ),
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(relation="spouse"),
                name="member_one_spouse_per_customer",
            ),
            models.UniqueConstraint(
                fields=["customer", "id_number"],
                condition=~Q(id_number=""),
                name="member_id_unique_in_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class FinancialSnapshotQuerySet(models.QuerySet):
    def visible_to(self, user) -> FinancialSnapshotQuerySet:
        return self.filter(customer_scope(user))


def _ratio(numerator, denominator) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.1"))


class FinancialSnapshot(models.Model):
    """A dated business and financial profile (经营与财务状况): the material of "ask" (问)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="financials"
    )
    as_of = models.DateField(_("统计日期"), validators=[reasonable_date])
    revenue = models.DecimalField(_("年营业收入（元）"), max_digits=14, decimal_places=2)
    net_profit = models.DecimalField(_("年净利润（元）"), max_digits=14, decimal_places=2)
    total_assets = models.DecimalField(_("总资产（元）"), max_digits=14, decimal_places=2)
    total_liabilities = models.DecimalField(_("总负债（元）"), max_digits=14, decimal_places=2)
    current_assets = models.DecimalField(
        _("流动资产（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    current_liabilities = models.DecimalField(
        _("流动负债（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    inventory = models.DecimalField(
        _("存货（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    receivables = models.DecimalField(
        _("应收账款（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    payables = models.DecimalField(
        _("应付账款（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    monthly_sales = models.DecimalField(
        _("月销售额（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    employees = models.PositiveIntegerField(_("雇工人数"), default=0)
    water_tons = models.DecimalField(
        _("月用水量（吨）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    power_kwh = models.DecimalField(
        _("月用电量（千瓦时）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FinancialSnapshotQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("经营财务快照")
        verbose_name_plural = _("经营财务快照")
        ordering = ["customer", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "as_of"], name="snapshot_one_per_day"),
            models.CheckConstraint(
                condition=Q(revenue__gte=0)
                & Q(total_assets__gte=0)
                & Q(total_liabilities__gte=0)
                & Q(inventory__gte=0)
                & Q(receivables__gte=0)
                & Q(payables__gte=0)
                & Q(monthly_sales__gte=0),
                name="snapshot_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.as_of}"

    @property
    def debt_ratio(self) -> Decimal | None:
        """资产负债率 %: liabilities / assets."""
        return _ratio(self.total_liabilities, self.total_assets)

    @property
    def current_ratio(self) -> Decimal | None:
        """流动比率: current assets / current liabilities (a multiple, not a percentage)."""
        if self.current_assets is None or not self.current_liabilities:
            return None
        return (self.current_assets / self.current_liabilities).quantize(Decimal("0.01"))

    @property
    def margin(self) -> Decimal | None:
        """销售净利率 %: profit / revenue."""
        return _ratio(self.net_profit, self.revenue)

    def growth_on(self, previous: FinancialSnapshot | None) -> Decimal | None:
        """营业收入增长率 % on an earlier snapshot."""
        if previous is None or not previous.revenue:
            return None
        return _ratio(self.revenue - previous.revenue, previous.revenue)
