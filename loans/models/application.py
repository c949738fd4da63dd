"""Loan applications (贷款申请) and their workflow log."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from customers.models import CreditLine, Customer
from loans.models.base import MONEY, RATE, scoped, scoped_or_investigator
from loans.models.product import DocumentKind, LoanProduct
from loans.schedules import RepaymentMethod


def _duration_text(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return gettext("%(d)s 天 %(h)s 小时") % {"d": days, "h": hours}
    return gettext("%(h)s 小时 %(m)s 分钟") % {"h": hours, "m": minutes}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    INVESTIGATING = "investigating", _("调查中")
    SUBMITTED = "submitted", _("待审批")
    REFERRED = "referred", _("待审贷会审议")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已否决")
    CONTRACT_SIGNED = "contract_signed", _("已签合同")
    DISBURSED = "disbursed", _("已放款")
    SETTLED = "settled", _("已结清")
    WITHDRAWN = "withdrawn", _("已撤回")
    WRITTEN_OFF = "written_off", _("已核销")


#: Statuses in which the manager may still change the application and its investigation.
EDITABLE_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.INVESTIGATING,
    ApplicationStatus.RETURNED,
)
#: Statuses that wait for an approver.
PENDING_APPROVAL = (ApplicationStatus.SUBMITTED, ApplicationStatus.REFERRED)


class LoanApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> LoanApplicationQuerySet:
        return self.filter(scoped_or_investigator(user, ""))

    def for_list(self) -> LoanApplicationQuerySet:
        return self.select_related("customer", "product", "created_by")

    def approval_queue(self, user) -> LoanApplicationQuerySet:
        """What waits for ``user``: submitted applications in a head's scope, or referred
        ones for the committee; oldest first ("先到先审")."""
        statuses = (
            [ApplicationStatus.REFERRED] if user.is_committee else [ApplicationStatus.SUBMITTED]
        )
        return (
            self.visible_to(user)
            .filter(status__in=statuses)
            .for_list()
            .order_by("submitted_at", "pk")
        )


class LoanApplication(models.Model):
    """Loan application (贷款申请) prepared by the account manager."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="applications"
    )
    product = models.ForeignKey(
        LoanProduct, verbose_name=_("贷款产品"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("申请金额（元）"), **MONEY)
    term_months = models.PositiveSmallIntegerField(_("期限（月）"))
    purpose = models.CharField(_("借款用途"), max_length=200)
    repayment_method = models.CharField(
        _("还款方式"), max_length=30, choices=RepaymentMethod.choices
    )
    proposed_rate = models.DecimalField(_("拟定年利率（%）"), **RATE)
    first_repayment_source = models.CharField(_("第一还款来源"), max_length=200)
    second_repayment_source = models.CharField(_("第二还款来源"), max_length=200, blank=True)
    production_cycle_months = models.PositiveSmallIntegerField(_("生产经营周期（月）"), default=12)
    credit_line = models.ForeignKey(
        CreditLine,
        verbose_name=_("使用授信额度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办客户经理"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewer_comments = models.TextField(_("审查意见"), blank=True)
    # The approved terms: the contract and the schedule follow these, not the request.
    approved_amount = models.DecimalField(_("批准金额（元）"), null=True, blank=True, **MONEY)
    approved_term_months = models.PositiveSmallIntegerField(
        _("批准期限（月）"), null=True, blank=True
    )
    approved_rate = models.DecimalField(_("批准年利率（%）"), null=True, blank=True, **RATE)
    approval_conditions = models.TextField(_("审批条件"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    contract_number = models.CharField(
        _("合同编号"), max_length=30, null=True, blank=True, unique=True
    )
    contract_signed_on = models.DateField(
        _("合同签订日"), null=True, blank=True, validators=[reasonable_date]
    )

    objects = LoanApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷款申请")
        verbose_name_plural = _("贷款申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="application_amount_positive"),
            models.CheckConstraint(
                condition=Q(term_months__gte=1), name="application_term_positive"
            ),
            models.CheckConstraint(
                condition=Q(proposed_rate__gte=0), name="application_rate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(repayment_method__in=RepaymentMethod.values),
                name="application_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="application_approved_amount_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            # The list's order, and the same after a status filter.
            models.Index(fields=["-created_at", "-id"], name="application_list"),
            models.Index(fields=["status", "-created_at", "-id"], name="application_status_list"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {self.amount:,.2f}"

    def get_absolute_url(self) -> str:
        return reverse("loans:application_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def final_amount(self) -> Decimal:
        return self.approved_amount or self.amount

    @property
    def final_term_months(self) -> int:
        return self.approved_term_months or self.term_months

    @property
    def final_rate(self) -> Decimal:
        return self.approved_rate if self.approved_rate is not None else self.proposed_rate

    def document_checklist(self) -> list[dict]:
        """Each needed document kind with whether one has been uploaded."""
        have = {d.kind for d in self.documents.all()}
        return [
            {"kind": k, "label": DocumentKind(k).label, "present": k in have}
            for k in self.product.document_checklist(self.customer.customer_type)
        ]

    def missing_documents(self) -> list[dict]:
        return [row for row in self.document_checklist() if not row["present"]]

    def time_in_states(self) -> list[dict]:
        """The status timeline with how long the application stayed in each state."""
        rows = list(self.transitions.select_related("by").order_by("at", "pk"))
        result = []
        for i, row in enumerate(rows):
            end = rows[i + 1].at if i + 1 < len(rows) else timezone.now()
            result.append(
                {
                    "transition": row,
                    "duration": _duration_text(end - row.at),
                    "current": i + 1 == len(rows),
                }
            )
        return result


class ApplicationTransitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationTransitionQuerySet:
        return self.filter(scoped(user, "application__"))


class ApplicationTransition(models.Model):
    """One step of an application's workflow: who moved it, from which state to which, when."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        _("原状态"), max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("新状态"), max_length=20, choices=ApplicationStatus.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("说明"), blank=True)

    objects = ApplicationTransitionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=ApplicationStatus.values),
                name="transition_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
