"""Post-loan inspections (贷后检查): the record of a visit or a desk review of one loan, its
photos, and the early-warning signals (预警信号) it raised. The plan — when each loan is next
due — lives on the loan (``Loan.next_inspection_due``), kept by
``postloan.services.inspections``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from postloan.models.categories import LoanClass
from postloan.models.loan import Loan, scoped


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class InspectionMode(models.TextChoices):
    ON_SITE = "on_site", _("现场检查")
    OFF_SITE = "off_site", _("非现场检查")


class FundsUse(models.TextChoices):
    AS_AGREED = "as_agreed", _("按约定用途使用")
    NOT_YET = "not_yet", _("尚未使用")
    PARTLY_DIVERTED = "partly_diverted", _("部分挪用")
    DIVERTED = "diverted", _("挪作他用")


class Condition(models.TextChoices):
    GOOD = "good", _("正常")
    CONCERN = "concern", _("有隐患")
    WORSE = "worse", _("恶化")
    NOT_APPLICABLE = "n_a", _("不适用")


class WarningSignal(models.TextChoices):
    """The early-warning checklist (预警信号) of an inspection."""

    FUNDS_DIVERTED = "funds_diverted", _("贷款资金被挪用")
    SALES_DOWN = "sales_down", _("经营下滑、销售收入明显减少")
    STOPPED = "stopped", _("停产、半停产或歇业")
    UNREACHABLE = "unreachable", _("借款人失联或下落不明")
    MORE_DEBT = "more_debt", _("多头借贷、民间借贷或对外担保增加")
    LAWSUIT = "lawsuit", _("涉及诉讼或被强制执行")
    FAMILY = "family", _("家庭重大变故（疾病、离婚、死亡）")
    BAD_HABITS = "bad_habits", _("赌博等不良嗜好")
    DISASTER = "disaster", _("自然灾害或疫病影响生产")
    GUARANTOR_WEAKER = "guarantor_weaker", _("保证人经营或财务状况恶化")
    COLLATERAL_LOSS = "collateral_loss", _("抵押物价值下降、损毁或被查封")
    ARREARS_ELSEWHERE = "arrears_elsewhere", _("拖欠工资、税款、水电费或他行贷款")


def valid_signals(value) -> None:
    if not isinstance(value, list) or any(item not in WarningSignal.values for item in value):
        raise ValidationError(_("预警信号不在清单中。"), code="invalid_signal")


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user) -> InspectionQuerySet:
        return self.filter(scoped(user, "loan__"))

    def submitted(self) -> InspectionQuerySet:
        return self.filter(status=InspectionStatus.SUBMITTED)

    def drafts(self) -> InspectionQuerySet:
        return self.filter(status=InspectionStatus.DRAFT)

    def latest_per_loan(self) -> InspectionQuerySet:
        """The latest submitted inspection of each loan (by date, then by id)."""
        latest = (
            Inspection.objects.submitted()
            .filter(loan=OuterRef("loan"))
            .order_by("-inspected_on", "-pk")
            .values("pk")[:1]
        )
        return self.submitted().filter(pk=Subquery(latest))

    def warnings(self) -> InspectionQuerySet:
        """The early-warning board (预警看板): active loans whose latest inspection raised a
        signal. A later inspection without signals takes the loan off the board."""
        return (
            self.latest_per_loan()
            .filter(loan__status="active", has_signals=True)
            .select_related("loan__customer", "loan__manager", "inspector")
            .order_by("-inspected_on", "-pk")
        )


class Inspection(models.Model):
    """A post-loan inspection (贷后检查) of one loan; a draft until the inspector submits it."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("贷款"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("检查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    mode = models.CharField(
        _("检查方式"), max_length=20, choices=InspectionMode.choices, default=InspectionMode.ON_SITE
    )
    surprise = models.BooleanField(_("突击检查"), default=False)
    due_on = models.DateField(_("计划检查日"), null=True, blank=True)
    inspected_on = models.DateField(
        _("检查日期"), null=True, blank=True, validators=[reasonable_date]
    )
    funds_use = models.CharField(_("资金用途"), max_length=20, choices=FundsUse.choices, blank=True)
    funds_note = models.TextField(_("资金用途说明"), blank=True)
    business_condition = models.CharField(
        _("经营状况"), max_length=10, choices=Condition.choices, blank=True
    )
    guarantor_condition = models.CharField(
        _("保证人状况"), max_length=10, choices=Condition.choices, blank=True
    )
    collateral_condition = models.CharField(
        _("抵押物状况"), max_length=10, choices=Condition.choices, blank=True
    )
    findings = models.TextField(_("检查情况"), blank=True)
    signals = models.JSONField(_("预警信号"), default=list, blank=True, validators=[valid_signals])
    # Kept beside the list so that the board and the digest filter on an indexed boolean
    # rather than on JSON, which the two databases query differently.
    has_signals = models.BooleanField(_("有预警信号"), default=False, editable=False)
    proposed_class = models.CharField(
        _("建议风险分类"), max_length=20, choices=LoanClass.choices, blank=True
    )
    proposal_reason = models.TextField(_("分类理由"), blank=True)
    follow_up = models.TextField(_("后续措施"), blank=True)
    follow_up_by = models.DateField(
        _("措施完成期限"), null=True, blank=True, validators=[reasonable_date]
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷后检查")
        verbose_name_plural = _("贷后检查")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=InspectionStatus.values), name="inspection_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=InspectionMode.values), name="inspection_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(funds_use__in=[*FundsUse.values, ""]),
                name="inspection_funds_use_valid",
            ),
            models.CheckConstraint(
                condition=Q(business_condition__in=[*Condition.values, ""])
                & Q(guarantor_condition__in=[*Condition.values, ""])
                & Q(collateral_condition__in=[*Condition.values, ""]),
                name="inspection_conditions_valid",
            ),
            models.CheckConstraint(
                condition=Q(proposed_class__in=[*LoanClass.values, ""]),
                name="inspection_proposed_class_valid",
            ),
            # A submitted inspection has its date and its findings on use of funds.
            models.CheckConstraint(
                condition=Q(status=InspectionStatus.DRAFT)
                | (
                    Q(inspected_on__isnull=False) & Q(submitted_at__isnull=False) & ~Q(funds_use="")
                ),
                name="inspection_submitted_complete",
            ),
            # One draft per loan: a second "start" continues the first.
            models.UniqueConstraint(
                fields=["loan"],
                condition=Q(status=InspectionStatus.DRAFT),
                name="inspection_one_draft_per_loan",
            ),
        ]
        indexes = [
            models.Index(fields=["loan", "status", "inspected_on"]),
            models.Index(fields=["status", "has_signals"]),
        ]

    def __str__(self) -> str:
        return f"{self.loan} · {self.get_mode_display()}"

    def get_absolute_url(self) -> str:
        return reverse("postloan:inspection", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == InspectionStatus.DRAFT

    def signal_labels(self) -> list[str]:
        labels = dict(WarningSignal.choices)
        return [str(labels.get(code, code)) for code in self.signals]


PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png"}


def photo_path(instance: InspectionPhoto, filename: str) -> str:
    """A name the server chooses, with the extension of the sniffed content type."""
    return f"postloan/inspections/{uuid.uuid4().hex}{PHOTO_TYPES[instance.content_type]}"


class InspectionPhotoQuerySet(models.QuerySet):
    def visible_to(self, user) -> InspectionPhotoQuerySet:
        return self.filter(scoped(user, "inspection__loan__"))


class InspectionPhoto(models.Model):
    """A photo taken at an inspection (检查照片): JPEG or PNG, checked by content."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("贷后检查"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to=photo_path, max_length=200)
    content_type = models.CharField(_("文件格式"), max_length=30)
    size = models.PositiveIntegerField(_("大小（字节）"))
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = InspectionPhotoQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查照片")
        verbose_name_plural = _("检查照片")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=list(PHOTO_TYPES)), name="inspection_photo_type"
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.original_name or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("postloan:inspection_photo", args=[self.pk])

    @property
    def download_name(self) -> str:
        return f"inspection-{self.inspection_id}-{self.pk}{PHOTO_TYPES[self.content_type]}"
