"""Customers (客户): the file an account manager keeps, their rating and their credit line."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q


class CustomerType(models.TextChoices):
    FARM_HOUSEHOLD = "farm_household", _("农户")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    SMALL_MICRO = "small_micro", _("小微企业")
    PRIVATE_ENTERPRISE = "private_enterprise", _("民营企业")


#: Customer types that are natural persons, identified by a resident ID number (GB 11643);
#: the others are organisations with a unified social credit code (GB 32100).
PERSON_TYPES = (CustomerType.FARM_HOUSEHOLD, CustomerType.INDIVIDUAL_BUSINESS)


class CustomerStatus(models.TextChoices):
    PROSPECT = "prospect", _("潜在客户")
    ACTIVE = "active", _("正常")
    DORMANT = "dormant", _("休眠")
    LOST = "lost", _("流失")


class CustomerQuerySet(models.QuerySet):
    def visible_to(self, user) -> CustomerQuerySet:
        return self.filter(scope_q(user, branch="branch", manager="manager"))


class Customer(models.Model):
    """A customer's file (客户档案): a farm household, individual business or enterprise."""

    name = models.CharField(_("客户名称"), max_length=100)
    customer_type = models.CharField(_("客户类型"), max_length=30, choices=CustomerType.choices)
    # Resident ID number for persons, unified social credit code for organisations; stored
    # compact and upper-case so that one customer per number holds bank-wide.
    id_number = models.CharField(_("证件号码"), max_length=18, unique=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True, editable=False)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="customers"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管户客户经理"),
        on_delete=models.PROTECT,
        related_name="customers",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=CustomerStatus.choices, default=CustomerStatus.PROSPECT
    )
    created_at = models.DateTimeField(_("建档时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CustomerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("客户")
        verbose_name_plural = _("客户")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer_type__in=CustomerType.values), name="customer_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CustomerStatus.values), name="customer_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["manager", "status"]), models.Index(fields=["branch"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.customer_type in PERSON_TYPES

    def age_on(self, day: datetime.date) -> int | None:
        """Age in whole years on ``day`` (persons only)."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class RatingGrade(models.TextChoices):
    AAA = "AAA", "AAA"
    AA = "AA", "AA"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


class CreditRatingQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditRatingQuerySet:
        return self.filter(scope_q(user, branch="customer__branch", manager="customer__manager"))

    def valid_on(self, day: datetime.date) -> CreditRatingQuerySet:
        return self.filter(valid_from__lte=day, valid_until__gte=day)


class CreditRating(models.Model):
    """Annual credit rating (信用评级) of a customer; history is kept, the newest applies."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="ratings"
    )
    grade = models.CharField(_("信用等级"), max_length=5, choices=RatingGrade.choices)
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("生效日"))
    valid_until = models.DateField(_("到期日"))
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评级人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreditRatingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("信用评级")
        verbose_name_plural = _("信用评级")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")), name="rating_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="rating_score_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.grade}"


class CreditLineStatus(models.TextChoices):
    PENDING = "pending", _("待生效")
    ACTIVE = "active", _("有效")
    EXPIRED = "expired", _("已到期")
    REVOKED = "revoked", _("已撤销")


class CreditLineQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditLineQuerySet:
        return self.filter(scope_q(user, branch="customer__branch", manager="customer__manager"))

    def in_force_on(self, day: datetime.date) -> CreditLineQuerySet:
        return self.filter(
            status=CreditLineStatus.ACTIVE, valid_from__lte=day, valid_until__gte=day
        )


class CreditLine(models.Model):
    """Credit line (授信额度, the "loan card" 贷款证): granted once, drawn and repaid within it."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="credit_lines"
    )
    amount = models.DecimalField(_("授信额度（元）"), max_digits=14, decimal_places=2)
    valid_from = models.DateField(_("生效日"))
    valid_until = models.DateField(_("到期日"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=CreditLineStatus.choices,
        default=CreditLineStatus.PENDING,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreditLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("授信额度")
        verbose_name_plural = _("授信额度")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="credit_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="credit_line_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CreditLineStatus.values), name="credit_line_status_valid"
            ),
            models.UniqueConstraint(
                fields=["customer"],
                condition=Q(status="active"),
                name="credit_line_one_active_per_customer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.amount}"

    def outstanding(self) -> Decimal:
        """Principal outstanding on loans drawn under this line.

        Loans sit a floor above customers: ``loans.Loan`` points here with
        ``related_name="loans"`` and its QuerySet offers ``outstanding_total()``. Until that
        relation exists nothing is drawn.
        """
        loans = getattr(self, "loans", None)
        if loans is None:
            return Decimal("0.00")
        return loans.all().outstanding_total()

    def available(self) -> Decimal:
        """What may still be drawn: line − outstanding, never below zero."""
        return max(self.amount - self.outstanding(), Decimal("0.00"))
