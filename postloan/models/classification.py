"""Five-category risk classification (五级分类) of a loan, proposals to change it, and the
moves of a loan between categories and between days-past-due buckets (docs/classification.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from postloan.models.categories import LoanClass
from postloan.models.loan import Loan, scoped


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待行长审批")
    APPLIED = "applied", _("已生效")
    REJECTED = "rejected", _("已驳回")


class ClassificationProposalQuerySet(models.QuerySet):
    def visible_to(self, user) -> ClassificationProposalQuerySet:
        return self.filter(scoped(user, "loan__"))

    def pending(self) -> ClassificationProposalQuerySet:
        return self.filter(status=ProposalStatus.PENDING)


class ClassificationProposal(models.Model):
    """A manager's proposal to change a loan's category (风险分类调整): a worse one applies at
    once, a better one waits for the branch head."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="class_proposals")
    from_class = models.CharField(_("原分类"), max_length=20, choices=LoanClass.choices)
    category = models.CharField(_("拟调整为"), max_length=20, choices=LoanClass.choices)
    reason = models.TextField(_("理由"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提议人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("提议时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    opinion = models.TextField(_("审批意见"), blank=True)

    objects = ClassificationProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("风险分类调整")
        verbose_name_plural = _("风险分类调整")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="class_proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=LoanClass.values) & Q(from_class__in=LoanClass.values),
                name="class_proposal_category_valid",
            ),
            # One upgrade waiting per loan: a second would race the first to the head.
            models.UniqueConstraint(
                fields=["loan"],
                condition=Q(status="pending"),
                name="class_proposal_one_pending_per_loan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan} → {self.get_category_display()}"


class MoveKind(models.TextChoices):
    CLASSIFICATION = "classification", _("五级分类")
    DPD_BUCKET = "dpd_bucket", _("逾期天数段")


class LoanMoveQuerySet(models.QuerySet):
    def visible_to(self, user) -> LoanMoveQuerySet:
        return self.filter(scoped(user, "loan__"))


class LoanMove(models.Model):
    """A loan's move between categories or days-past-due buckets (分类迁徙): the history that
    migration reports read, written by the nightly job (no user) and by decisions."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="moves")
    kind = models.CharField(_("类别"), max_length=20, choices=MoveKind.choices)
    moved_on = models.DateField(_("日期"))
    from_value = models.CharField(_("原"), max_length=20)
    to_value = models.CharField(_("新"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("原因"), max_length=200)
    created_at = models.DateTimeField(_("记录时间"))

    objects = LoanMoveQuerySet.as_manager()

    class Meta:
        verbose_name = _("分类迁徙")
        verbose_name_plural = _("分类迁徙")
        ordering = ["-moved_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MoveKind.values), name="loan_move_kind"),
        ]
        indexes = [
            models.Index(fields=["loan", "kind", "moved_on"], name="loan_move_loan_kind_day")
        ]

    def __str__(self) -> str:
        return f"{self.loan_id} {self.kind} {self.from_value} → {self.to_value}"
