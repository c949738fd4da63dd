"""What the nightly job (夜间批处理) leaves behind: its run record and the alerts it raises."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from postloan.models.loan import Loan, scoped


class AlertKind(models.TextChoices):
    OVERDUE = "overdue", _("首日逾期")
    OVERDUE_10 = "overdue_10", _("逾期10天（报支行行长）")
    MATURITY = "maturity", _("30天内到期")
    CREDIT_LINE_EXPIRING = "credit_line_expiring", _("授信额度30天内到期")
    RATING_EXPIRING = "rating_expiring", _("信用评级30天内到期")
    REVALUATION_DUE = "revaluation_due", _("押品到期重估")
    MORTGAGE_UNREGISTERED = "mortgage_unregistered", _("抵押未办理登记")
    INSURANCE_EXPIRING = "insurance_expiring", _("押品保险到期或缺失")
    INSPECTION_OVERDUE = "inspection_overdue", _("贷后检查逾期")


class AlertQuerySet(models.QuerySet):
    def visible_to(self, user) -> AlertQuerySet:
        return self.filter(scoped(user, "loan__"))

    def open(self) -> AlertQuerySet:
        return self.filter(resolved_at__isnull=True)


class Alert(models.Model):
    """A post-loan alert (贷后预警) raised by the nightly job on a loan; resolved by the job
    when its condition no longer holds. At most one open alert per loan and kind."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("类型"), max_length=30, choices=AlertKind.choices)
    raised_on = models.DateField(_("预警日"))
    escalated_to_head = models.BooleanField(_("已报支行行长"), default=False)
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    # When the alert landed in the in-app notices: the job notifies each alert once, found
    # through the small partial index of those not yet notified.
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("贷后预警")
        verbose_name_plural = _("贷后预警")
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AlertKind.values), name="alert_kind_valid"),
            # The database, not the job, keeps alerts single: two runs, a re-run after a crash
            # or two schedulers all end with one open alert (INSERT … ON CONFLICT DO NOTHING).
            # Kind first: the job's per-kind lookups of open alerts use this index too.
            models.UniqueConstraint(
                fields=["kind", "loan"],
                condition=Q(resolved_at__isnull=True),
                name="alert_one_open_per_loan_and_kind",
            ),
        ]
        indexes = [
            models.Index(
                fields=["loan"], condition=Q(notified_at__isnull=True), name="alert_to_notify"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} · {self.get_kind_display()}"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class NightlyRun(models.Model):
    """One run of the nightly job for one business date (批处理日): at most one per date."""

    business_date = models.DateField(_("业务日期"), unique=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=1)
    counts = models.JSONField(_("变更统计"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("夜间批处理")
        verbose_name_plural = _("夜间批处理")
        ordering = ["-business_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="nightly_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business_date} {self.get_status_display()}"
