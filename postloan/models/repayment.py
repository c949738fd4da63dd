"""Repayments received (还款) and their allocation to the instalments (还款分配)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from loans.models import MONEY, ZERO
from postloan.models.loan import Instalment, Loan, scoped


class RepaymentQuerySet(models.QuerySet):
    def visible_to(self, user) -> RepaymentQuerySet:
        return self.filter(scoped(user, "loan__"))


class Repayment(models.Model):
    """A repayment received (还款), split into penalty interest, interest and principal."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments")
    paid_on = models.DateField(_("还款日"), validators=[reasonable_date])
    amount = models.DecimalField(_("还款金额（元）"), **MONEY)
    to_penalty = models.DecimalField(_("归还罚息"), default=ZERO, **MONEY)
    to_interest = models.DecimalField(_("归还利息"), default=ZERO, **MONEY)
    to_principal = models.DecimalField(_("归还本金"), default=ZERO, **MONEY)
    prepaid_principal = models.DecimalField(_("其中提前还本"), default=ZERO, **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RepaymentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("还款记录")
        verbose_name_plural = _("还款记录")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_amount_positive"),
            # (That the parts add up to the amount is checked in the service: SQLite compares
            # decimals as floats, so an equality constraint would fail on cents.)
            models.CheckConstraint(
                condition=Q(to_penalty__gte=0) & Q(to_interest__gte=0) & Q(to_principal__gte=0),
                name="repayment_parts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class RepaymentLineQuerySet(models.QuerySet):
    def visible_to(self, user) -> RepaymentLineQuerySet:
        return self.filter(scoped(user, "repayment__loan__"))


class RepaymentLine(models.Model):
    """The part of a repayment applied to one instalment."""

    repayment = models.ForeignKey(Repayment, on_delete=models.CASCADE, related_name="lines")
    instalment = models.ForeignKey(Instalment, on_delete=models.PROTECT, related_name="lines")
    to_penalty = models.DecimalField(_("罚息"), default=ZERO, **MONEY)
    to_interest = models.DecimalField(_("利息"), default=ZERO, **MONEY)
    to_principal = models.DecimalField(_("本金"), default=ZERO, **MONEY)

    objects = RepaymentLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("还款分配")
        verbose_name_plural = _("还款分配")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_penalty__gte=0) & Q(to_interest__gte=0) & Q(to_principal__gte=0),
                name="repayment_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instalment} {self.to_principal}"
