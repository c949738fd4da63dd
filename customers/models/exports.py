"""Customer ledger exports written in the background (客户台账导出), for the requester only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class CustomerExportQuerySet(models.QuerySet):
    def visible_to(self, user) -> CustomerExportQuerySet:
        """The requester's own exports: the file holds full ID numbers and phones of the
        requester's scope at the time, so nobody else reads it, not even a head above them."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(requested_by=user)


def export_path(instance: CustomerExport, filename: str) -> str:
    return f"exports/customers/{instance.requested_by_id}/{instance.pk}.xlsx"


class CustomerExport(models.Model):
    """A customer ledger export (客户台账导出) too large to write inside a web request.

    Not a record of the bank (no history): a file and its progress, kept for the requester.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The list's filters as the requester had them (a query string), applied again, in the
    # requester's scope, when the task runs.
    query = models.CharField(_("筛选条件"), max_length=1000, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已写行数"), default=0)
    file = models.FileField(_("文件"), upload_to=export_path, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = CustomerExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("客户台账导出")
        verbose_name_plural = _("客户台账导出")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values), name="customer_export_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="export_inbox")]

    def __str__(self) -> str:
        return f"{self.requested_by_id} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("customers:export_status", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def download_name(self) -> str:
        return f"customers-{timezone.localtime(self.created_at):%Y%m%d-%H%M}.xlsx"
