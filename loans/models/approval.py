"""Approval: the approvers' decisions (审批意见) and the credit committee's votes (审贷会)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from loans.models.application import LoanApplication
from loans.models.base import MONEY, scoped


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("同意")
    REJECT = "reject", _("否决")
    RETURN = "return", _("退回补充")
    REFER = "refer", _("提交审贷会")


class ApprovalDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApprovalDecisionQuerySet:
        return self.filter(scoped(user, "application__"))


class ApprovalDecision(models.Model):
    """An approver's signed opinion on an application (审批意见)."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("结论"), max_length=10, choices=DecisionKind.choices)
    opinion = models.TextField(_("审批意见"))
    conditions = models.TextField(_("审批条件"), blank=True)
    amount = models.DecimalField(_("批准金额（元）"), null=True, blank=True, **MONEY)
    term_months = models.PositiveSmallIntegerField(_("批准期限（月）"), null=True, blank=True)
    decided_at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = ApprovalDecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审批意见")
        verbose_name_plural = _("审批意见")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DecisionKind.values), name="decision_kind_valid"
            ),
            # At most one approval per application: concurrent approvers cannot both win.
            models.UniqueConstraint(
                fields=["application"], condition=Q(kind="approve"), name="one_approval_each"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.decided_by}"


class Vote(models.TextChoices):
    APPROVE = "approve", _("同意")
    REJECT = "reject", _("不同意")


class CommitteeVoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommitteeVoteQuerySet:
        return self.filter(scoped(user, "application__"))


class CommitteeVote(models.Model):
    """One credit-committee member's vote (审贷会表决) on a referred application."""

    application = models.ForeignKey(LoanApplication, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("委员"), on_delete=models.PROTECT, related_name="+"
    )
    vote = models.CharField(_("表决"), max_length=10, choices=Vote.choices)
    opinion = models.TextField(_("意见"), blank=True)
    voted_at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = CommitteeVoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审贷会表决")
        verbose_name_plural = _("审贷会表决")
        ordering = ["voted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="one_vote_per_member"),
            models.CheckConstraint(condition=Q(vote__in=Vote.values), name="vote_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_vote_display()}"
