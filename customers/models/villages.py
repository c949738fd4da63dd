"""Credit villages (信用村) and their batch rating and credit (整村评级授信)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.models.credit import CreditLine, CreditRating, FarmTier
from customers.models.customer import Customer, CustomerQuerySet, CustomerStatus, CustomerType


class CreditVillageQuerySet(models.QuerySet):
    def visible_to(self, user) -> CreditVillageQuerySet:
        return self.filter(scope_q(user, branch="branch", manager="manager"))


class CreditVillage(models.Model):
    """Credit village (信用村): the farm households of one village, rated and granted together."""

    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="credit_villages"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("包村客户经理"),
        on_delete=models.PROTECT,
        related_name="credit_villages",
    )
    township = models.CharField(_("乡镇"), max_length=50)
    name = models.CharField(_("行政村"), max_length=50)

    objects = CreditVillageQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("信用村")
        verbose_name_plural = _("信用村")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "township", "name"], name="credit_village_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township}{self.name}"

    def households(self) -> CustomerQuerySet:
        """The farm households whose address is this village, in the village's branch."""
        return Customer.objects.filter(
            customer_type=CustomerType.FARM_HOUSEHOLD,
            township=self.township,
            village=self.name,
            branch__path__startswith=self.branch.path,
        ).exclude(status=CustomerStatus.LOST)


class VillageBatchStatus(models.TextChoices):
    DRAFT = "draft", _("待公示")
    PUBLISHED = "published", _("公示中")
    EFFECTIVE = "effective", _("已生效")
    CANCELLED = "cancelled", _("已撤销")


class VillageBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> VillageBatchQuerySet:
        return self.filter(scope_q(user, branch="village__branch", manager="village__manager"))


class VillageBatch(models.Model):
    """Village batch rating and credit (整村评级授信): rated together, published, then granted."""

    village = models.ForeignKey(
        CreditVillage, verbose_name=_("信用村"), on_delete=models.PROTECT, related_name="batches"
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=VillageBatchStatus.choices,
        default=VillageBatchStatus.DRAFT,
    )
    rated_on = models.DateField(_("评级日"), validators=[reasonable_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    objection_days = models.PositiveSmallIntegerField(_("公示期（天）"), default=7)
    published_on = models.DateField(_("公示日"), null=True, blank=True)
    objection_until = models.DateField(_("异议截止日"), null=True, blank=True)
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

    objects = VillageBatchQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整村评级授信")
        verbose_name_plural = _("整村评级授信")
        ordering = ["-rated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VillageBatchStatus.values), name="village_batch_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(objection_days__gte=1), name="village_batch_objection_days_min"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.rated_on:%Y-%m-%d}"


class BatchEntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟授信")
    OBJECTED = "objected", _("有异议")
    EXCLUDED = "excluded", _("不予授信")
    EFFECTIVE = "effective", _("已生效")


class BatchEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> BatchEntryQuerySet:
        return self.filter(
            scope_q(user, branch="batch__village__branch", manager="batch__village__manager")
        )


class BatchEntry(models.Model):
    """One household of a village batch: its rating, tier, proposed line and any objection."""

    batch = models.ForeignKey(
        VillageBatch,
        verbose_name=_("整村评级授信"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("农户"), on_delete=models.PROTECT, related_name="batch_entries"
    )
    rating = models.ForeignKey(
        CreditRating, verbose_name=_("信用评级"), on_delete=models.PROTECT, related_name="+"
    )
    tier = models.ForeignKey(
        FarmTier, verbose_name=_("档次"), null=True, blank=True, on_delete=models.PROTECT
    )
    credit_line = models.OneToOneField(
        CreditLine,
        verbose_name=_("授信额度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batch_entry",
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=BatchEntryStatus.choices,
        default=BatchEntryStatus.PROPOSED,
    )
    objection = models.TextField(_("异议内容"), blank=True)
    objection_resolution = models.TextField(_("异议处理"), blank=True)

    objects = BatchEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("整村评级授信明细")
        verbose_name_plural = _("整村评级授信明细")
        ordering = ["batch", "customer__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "customer"], name="batch_entry_unique"),
            models.CheckConstraint(
                condition=Q(status__in=BatchEntryStatus.values), name="batch_entry_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} {self.customer}"

    @property
    def amount(self) -> Decimal | None:
        return self.credit_line.amount if self.credit_line_id else None
