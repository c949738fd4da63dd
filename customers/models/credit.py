"""Rating and credit (评级授信): scorecards, grade bands, farm tiers, ratings, credit lines."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.models.customer import Customer, CustomerType


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

    def current(self, day: datetime.date) -> CreditRating | None:
        """The rating that applies on ``day``: the newest valid one supersedes older ones."""
        return self.valid_on(day).order_by("-valid_from", "-pk").first()


class CreditRating(models.Model):
    """Annual credit rating (信用评级) of a customer; history is kept, the newest applies."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="ratings"
    )
    grade = models.CharField(_("信用等级"), max_length=5, choices=RatingGrade.choices)
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("生效日"), validators=[reasonable_date])
    valid_until = models.DateField(_("到期日"), validators=[reasonable_date])
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评级人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The scorecard used and each factor's weight and score, copied so that later changes to
    # the scorecard do not rewrite past ratings.
    scorecard = models.ForeignKey(
        "Scorecard",
        verbose_name=_("评分卡"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    factor_scores = models.JSONField(_("各项得分"), default=list, blank=True)

    objects = CreditRatingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("信用评级")
        verbose_name_plural = _("信用评级")
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["-valid_from", "-id"], name="rating_list")]
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

    def pending(self) -> CreditLineQuerySet:
        return self.filter(status=CreditLineStatus.PENDING)

    def with_outstanding(self) -> CreditLineQuerySet:
        """Annotate ``drawn_total``, what :meth:`CreditLine.outstanding` reads, in one
        subquery for a whole list instead of one query per line (the loans floor's
        ``loans`` relation and its ``outstanding_total`` rule: active loans' principal)."""
        try:
            loan = self.model._meta.get_field("loans").related_model
        except FieldDoesNotExist:  # (loans not installed: nothing drawn)
            return self
        drawn = (
            loan._default_manager.filter(credit_line=models.OuterRef("pk"))
            .active()
            .order_by()
            .values("credit_line")
            .annotate(total=models.Sum("outstanding_principal"))
            .values("total")
        )
        return self.annotate(drawn_total=models.Subquery(drawn))

    def expiring(self, day: datetime.date, *, days: int = 30) -> CreditLineQuerySet:
        """Active lines ending within ``days`` of ``day``."""
        return self.filter(
            status=CreditLineStatus.ACTIVE,
            valid_until__gte=day,
            valid_until__lte=day + datetime.timedelta(days=days),
        )


class CreditLine(models.Model):
    """Credit line (授信额度, the "loan card" 贷款证): granted once, drawn and repaid within it."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="credit_lines"
    )
    amount = models.DecimalField(_("授信额度（元）"), max_digits=14, decimal_places=2)
    valid_from = models.DateField(_("生效日"), validators=[reasonable_date])
    valid_until = models.DateField(_("到期日"), validators=[reasonable_date])
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
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提议人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_review_on = models.DateField(_("年审日"), null=True, blank=True)
    # Loan card (贷款证) number, gapless per branch and year; issued when the line takes effect.
    card_number = models.CharField(
        _("贷款证编号"), max_length=30, null=True, blank=True, unique=True
    )
    note = models.TextField(_("说明"), blank=True)

    objects = CreditLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("授信额度")
        verbose_name_plural = _("授信额度")
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["-valid_from", "-id"], name="credit_line_list")]
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
        if hasattr(self, "drawn_total"):  # CreditLineQuerySet.with_outstanding()
            return self.drawn_total if self.drawn_total is not None else Decimal("0.00")
        loans = getattr(self, "loans", None)
        if loans is None:
            return Decimal("0.00")
        return loans.all().outstanding_total()

    def available(self) -> Decimal:
        """What may still be drawn: line − outstanding, never below zero."""
        return max(self.amount - self.outstanding(), Decimal("0.00"))


class RatingCriterion(models.TextChoices):
    """The five criteria of credit evaluation a scorecard's factors belong to."""

    MORALITY = "morality", _("个人品德")
    REPAYMENT = "repayment", _("还款能力")
    CAPITAL = "capital", _("资本实力")
    ENVIRONMENT = "environment", _("经营环境")
    GUARANTEE = "guarantee", _("担保状况")


class Scorecard(models.Model):
    """Rating scorecard (评分卡) of one customer type; administrators set its factors."""

    customer_type = models.CharField(
        _("客户类型"), max_length=30, choices=CustomerType.choices, unique=True
    )
    name = models.CharField(_("名称"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评分卡")
        verbose_name_plural = _("评分卡")
        ordering = ["customer_type"]
        constraints = [
            models.CheckConstraint(
                condition=Q(customer_type__in=CustomerType.values),
                name="scorecard_customer_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def total_weight(self) -> Decimal:
        return sum((f.weight for f in self.factors.all()), Decimal("0"))


class ScorecardFactor(models.Model):
    """One factor of a scorecard, scored 0–100 and weighted in percent."""

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("评分卡"), on_delete=models.CASCADE, related_name="factors"
    )
    criterion = models.CharField(_("评价要素"), max_length=20, choices=RatingCriterion.choices)
    name = models.CharField(_("评分项"), max_length=100)
    guidance = models.CharField(_("评分说明"), max_length=255, blank=True)
    weight = models.DecimalField(_("权重（%）"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["scorecard", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0) & Q(weight__lte=100), name="scorecard_factor_weight"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=RatingCriterion.values),
                name="scorecard_factor_criterion_valid",
            ),
            models.UniqueConstraint(
                fields=["scorecard", "name"], name="scorecard_factor_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class GradeBandQuerySet(models.QuerySet):
    def grade_for(self, score: Decimal) -> str | None:
        """The grade of the highest band whose minimum the score reaches."""
        band = self.filter(min_score__lte=score).order_by("-min_score").first()
        return band.grade if band else None


class GradeBand(models.Model):
    """Grade band (等级标准): the lowest weighted score that earns a grade."""

    grade = models.CharField(_("信用等级"), max_length=5, choices=RatingGrade.choices, unique=True)
    min_score = models.DecimalField(_("最低得分"), max_digits=5, decimal_places=2, unique=True)

    objects = GradeBandQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("等级标准")
        verbose_name_plural = _("等级标准")
        ordering = ["-min_score"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__gte=0) & Q(min_score__lte=100), name="grade_band_0_100"
            ),
            models.CheckConstraint(
                condition=Q(grade__in=RatingGrade.values), name="grade_band_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade} ≥ {self.min_score}"


class FarmTierQuerySet(models.QuerySet):
    def for_grade(self, grade: str) -> FarmTier | None:
        return self.filter(grade=grade).first()


class FarmTier(models.Model):
    """Farm-household credit tier (农户授信档次), e.g. 特优 60,000 yuan, mapped from a grade."""

    name = models.CharField(_("档次"), max_length=20, unique=True)
    grade = models.CharField(
        _("对应信用等级"), max_length=5, choices=RatingGrade.choices, unique=True
    )
    cap = models.DecimalField(_("授信上限（元）"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = FarmTierQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("农户授信档次")
        verbose_name_plural = _("农户授信档次")
        ordering = ["position", "-cap"]
        constraints = [
            models.CheckConstraint(condition=Q(cap__gt=0), name="farm_tier_cap_positive"),
            models.CheckConstraint(
                condition=Q(grade__in=RatingGrade.values), name="farm_tier_grade_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.cap}"
