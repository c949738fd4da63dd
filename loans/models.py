"""Loans: products, applications, the pre-loan investigation, approval, loans and repayments.

State changes happen only in loans/services.py; this module holds the records, their
constraints and the reads (QuerySet methods).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.scoping import scope_q
from customers.models import CreditLine, Customer, CustomerType
from loans.schedules import RepaymentMethod

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}
ZERO = Decimal("0.00")


def _scoped(user, prefix: str = "") -> Q:
    return scope_q(user, branch=f"{prefix}customer__branch", manager=f"{prefix}customer__manager")


def _duration_text(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return gettext("%(d)s 天 %(h)s 小时") % {"d": days, "h": hours}
    return gettext("%(h)s 小时 %(m)s 分钟") % {"h": hours, "m": minutes}


def _scoped_or_investigator(user, prefix: str) -> Q:
    """A manager also sees the applications they created or help to investigate (双人调查)."""
    q = _scoped(user, prefix)
    if user is None or not user.is_authenticated or user.role != "manager":
        return q  # (an empty Q for bank-wide roles must not be OR-ed: Q() | x == x)
    return (
        q
        | Q(**{f"{prefix}created_by": user})
        | Q(**{f"{prefix}investigation__second_investigator": user})
    )


# --- products -----------------------------------------------------------------------------


class GuaranteeKind(models.TextChoices):
    CREDIT = "credit", _("信用")
    GUARANTEE = "guarantee", _("保证")
    JOINT_GUARANTEE = "joint_guarantee", _("联保")
    MORTGAGE = "mortgage", _("抵押")
    PLEDGE = "pledge", _("质押")


class DocumentKind(models.TextChoices):
    APPLICANT_ID = "applicant_id", _("借款人身份证")
    SPOUSE_ID = "spouse_id", _("配偶身份证")
    CREDIT_AUTH = "credit_auth", _("征信查询授权书（本人）")
    SPOUSE_CREDIT_AUTH = "spouse_credit_auth", _("征信查询授权书（配偶）")
    FAMILY_CONSENT = "family_consent", _("家庭成员同意借款书")
    CREDIT_CERTIFICATE = "credit_certificate", _("评级授信证明（贷款证）")
    BUSINESS_LICENCE = "business_licence", _("营业执照")
    FINANCIAL_STATEMENTS = "financial_statements", _("财务报表")
    PROPERTY_CERTIFICATE = "property_certificate", _("房产证明")
    VISIT_PHOTO = "visit_photo", _("调查照片")
    OTHER = "other", _("其他")


#: Documents every application needs, by customer type (DOMAIN.md: personal loans need the IDs
#: of applicant and spouse, both credit-report authorisations and the family's consent;
#: enterprises add a business licence and financial statements).
BASE_DOCUMENTS = {
    CustomerType.FARM_HOUSEHOLD: [
        DocumentKind.APPLICANT_ID,
        DocumentKind.SPOUSE_ID,
        DocumentKind.CREDIT_AUTH,
        DocumentKind.SPOUSE_CREDIT_AUTH,
        DocumentKind.FAMILY_CONSENT,
    ],
    CustomerType.INDIVIDUAL_BUSINESS: [
        DocumentKind.APPLICANT_ID,
        DocumentKind.SPOUSE_ID,
        DocumentKind.CREDIT_AUTH,
        DocumentKind.SPOUSE_CREDIT_AUTH,
        DocumentKind.FAMILY_CONSENT,
        DocumentKind.BUSINESS_LICENCE,
    ],
    CustomerType.SMALL_MICRO: [
        DocumentKind.BUSINESS_LICENCE,
        DocumentKind.FINANCIAL_STATEMENTS,
        DocumentKind.CREDIT_AUTH,
    ],
    CustomerType.PRIVATE_ENTERPRISE: [
        DocumentKind.BUSINESS_LICENCE,
        DocumentKind.FINANCIAL_STATEMENTS,
        DocumentKind.CREDIT_AUTH,
    ],
}


class LoanProductQuerySet(models.QuerySet):
    def visible_to(self, user) -> LoanProductQuerySet:
        # Reference data: every signed-in member of staff reads the product catalogue.
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self

    def active(self) -> LoanProductQuerySet:
        return self.filter(is_active=True)


class LoanProduct(models.Model):
    """Loan product (贷款产品), configured by an administrator."""

    code = models.CharField(_("产品代码"), max_length=30, unique=True)
    name = models.CharField(_("产品名称"), max_length=100)
    customer_types = models.JSONField(
        _("适用客户类型"), default=list, help_text=_("客户类型代码列表，例如 farm_household。")
    )
    min_amount = models.DecimalField(_("最低金额（元）"), **MONEY)
    max_amount = models.DecimalField(_("最高金额（元）"), **MONEY)
    max_term_months = models.PositiveSmallIntegerField(_("最长期限（月）"))
    min_rate = models.DecimalField(_("最低年利率（%）"), **RATE)
    max_rate = models.DecimalField(_("最高年利率（%）"), **RATE)
    repayment_methods = models.JSONField(_("可选还款方式"), default=list)
    guarantee_kinds = models.JSONField(_("要求的担保方式"), default=list, blank=True)
    required_documents = models.JSONField(
        _("产品要求的材料"), default=list, blank=True, help_text=_("在客户类型基础材料之外。")
    )
    needs_rating = models.BooleanField(_("需有效信用评级"), default=False)
    needs_credit_line = models.BooleanField(_("需在授信额度内"), default=False)
    is_active = models.BooleanField(_("在售"), default=True)

    objects = LoanProductQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷款产品")
        verbose_name_plural = _("贷款产品")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__gt=0) & Q(max_amount__gte=models.F("min_amount")),
                name="product_amount_range_valid",
            ),
            models.CheckConstraint(
                condition=Q(min_rate__gte=0) & Q(max_rate__gte=models.F("min_rate")),
                name="product_rate_range_valid",
            ),
            models.CheckConstraint(
                condition=Q(max_term_months__gte=1), name="product_term_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def document_checklist(self, customer_type: str) -> list[str]:
        """The documents an application of this product and customer type needs."""
        kinds = list(BASE_DOCUMENTS.get(customer_type, []))
        for kind in self.required_documents:
            if kind not in kinds:
                kinds.append(kind)
        return kinds


# --- applications ---------------------------------------------------------------------------


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
        return self.filter(_scoped_or_investigator(user, ""))

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
    contract_signed_on = models.DateField(_("合同签订日"), null=True, blank=True)

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
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.customer} · {self.amount}"

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
        return self.filter(_scoped(user, "application__"))


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

    # --- investigation --------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Quality(models.TextChoices):
    GOOD = "good", _("好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("差")


class Answer(models.TextChoices):
    ANSWERED = "answered", _("能回答")
    UNKNOWN = "unknown", _("答不上来")


#: The "ask" items of the four methods (问): field name → label.
ASK_ITEMS = {
    "ask_production_sales": _("生产与销售"),
    "ask_receivables_payables": _("应收与应付"),
    "ask_upstream_downstream": _("上下游客户"),
    "ask_wages": _("工资发放"),
    "ask_water_power": _("水电用量"),
}
#: The five criteria of credit evaluation.
FIVE_CRITERIA = {
    "crit_morality": _("个人品德"),
    "crit_repayment": _("还款能力"),
    "crit_capital": _("资本实力"),
    "crit_environment": _("经营环境"),
    "crit_guarantee": _("担保条件"),
}


class InvestigationQuerySet(models.QuerySet):
    def visible_to(self, user) -> InvestigationQuerySet:
        return self.filter(_scoped_or_investigator(user, "application__"))


def _quality(label):
    return models.CharField(label, max_length=10, choices=Quality.choices, blank=True)


def _answer(label):
    return models.CharField(label, max_length=10, choices=Answer.choices, blank=True)


class Investigation(models.Model):
    """Pre-loan investigation (贷前调查): three qualities, four methods, two investigators."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.CASCADE, related_name="investigation"
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主调查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("协助调查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("协助调查人确认时间"), null=True, blank=True)
    visit_date = models.DateField(_("实地调查日期"), null=True, blank=True)
    # Three qualities (三品)
    character = _quality(_("人品"))
    character_evidence = models.TextField(_("人品依据"), blank=True)
    product_quality = _quality(_("产品"))
    product_evidence = models.TextField(_("产品依据"), blank=True)
    collateral = _quality(_("押品"))
    collateral_evidence = models.TextField(_("押品依据"), blank=True)
    # Four methods (四策): observe, hear, ask, match
    observe_notes = models.TextField(_("望：言谈举止与精神面貌"), blank=True)
    hear_sources = models.TextField(_("闻：口碑来源"), blank=True)
    hear_cross_checked = models.BooleanField(_("已多渠道交叉核实"), default=False)
    ask_production_sales = _answer(ASK_ITEMS["ask_production_sales"])
    ask_receivables_payables = _answer(ASK_ITEMS["ask_receivables_payables"])
    ask_upstream_downstream = _answer(ASK_ITEMS["ask_upstream_downstream"])
    ask_wages = _answer(ASK_ITEMS["ask_wages"])
    ask_water_power = _answer(ASK_ITEMS["ask_water_power"])
    ask_notes = models.TextField(_("问：记录"), blank=True)
    annual_sales = models.DecimalField(_("年销售收入（元）"), null=True, blank=True, **MONEY)
    profit_margin = models.DecimalField(_("销售利润率（%）"), default=Decimal("10"), **RATE)
    sales_growth = models.DecimalField(_("预计销售增长率（%）"), default=Decimal("0"), **RATE)
    own_funds = models.DecimalField(_("自有资金（元）"), default=ZERO, **MONEY)
    suggested_amount = models.DecimalField(_("建议金额（元）"), null=True, blank=True, **MONEY)
    suggested_term_months = models.PositiveSmallIntegerField(
        _("建议期限（月）"), null=True, blank=True
    )
    # Five criteria
    crit_morality = _quality(FIVE_CRITERIA["crit_morality"])
    crit_repayment = _quality(FIVE_CRITERIA["crit_repayment"])
    crit_capital = _quality(FIVE_CRITERIA["crit_capital"])
    crit_environment = _quality(FIVE_CRITERIA["crit_environment"])
    crit_guarantee = _quality(FIVE_CRITERIA["crit_guarantee"])
    report = models.TextField(_("调查报告"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvestigationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷前调查")
        verbose_name_plural = _("贷前调查")
        constraints = [
            models.CheckConstraint(
                condition=~Q(investigator=models.F("second_investigator")),
                name="investigation_two_people",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__in": [*Quality.values, ""]}),
                    name=f"investigation_{name}_valid",
                )
                for name in ("character", "product_quality", "collateral", *FIVE_CRITERIA)
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__in": [*Answer.values, ""]}),
                    name=f"investigation_{name}_valid",
                )
                for name in ASK_ITEMS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self._meta.verbose_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def other_borrowings_total(self) -> Decimal:
        return sum((b.amount for b in self.other_borrowings.all()), ZERO)

    def working_capital_need(self) -> Decimal | None:
        """New working-capital loan need (流动资金贷款需求测算), the regulator's formula:
        sales × (1 − margin) × (1 + growth) / turnover − own funds − other borrowings,
        where turnover = 12 / production cycle in months. None until sales are known."""
        if self.annual_sales is None:
            return None
        cycle = max(self.application.production_cycle_months, 1)
        turnover = Decimal(12) / Decimal(cycle)
        working_capital = (
            self.annual_sales
            * (1 - self.profit_margin / 100)
            * (1 + self.sales_growth / 100)
            / turnover
        )
        need = working_capital - self.own_funds - self.other_borrowings_total()
        return max(need, ZERO).quantize(Decimal("0.01"))

    def ask_answers(self) -> list[dict]:
        return [
            {
                "label": label,
                "value": getattr(self, name),
                "display": getattr(self, f"get_{name}_display")(),
            }
            for name, label in ASK_ITEMS.items()
        ]

    def criteria(self) -> list[dict]:
        return [
            {"label": label, "display": getattr(self, f"get_{name}_display")()}
            for name, label in FIVE_CRITERIA.items()
        ]


class OtherBorrowingQuerySet(models.QuerySet):
    def visible_to(self, user) -> OtherBorrowingQuerySet:
        return self.filter(_scoped(user, "investigation__application__"))


class OtherBorrowing(models.Model):
    """A debt the customer owes elsewhere (who else lent, and at what rate)."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="other_borrowings"
    )
    lender = models.CharField(_("出借人"), max_length=100)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    rate = models.DecimalField(_("年利率（%）"), null=True, blank=True, **RATE)

    objects = OtherBorrowingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("他行及民间借款")
        verbose_name_plural = _("他行及民间借款")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="borrowing_amount_positive"),
        ]

    # --- documents ------------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.lender} {self.amount}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        return self.filter(_scoped(user, "application__"))


def document_path(instance: Document, filename: str) -> str:
    return f"loans/{instance.application_id}/{instance.kind}-{filename}"


class Document(models.Model):
    """A scanned document of the credit file (PDF, JPEG or PNG, checked by content)."""

    application = models.ForeignKey(
        LoanApplication, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("材料类型"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("文件"), upload_to=document_path)
    content_type = models.CharField(_("文件格式"), max_length=30)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="document_content_type_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


# --- approval -------------------------------------------------------------------------------


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("同意")
    REJECT = "reject", _("否决")
    RETURN = "return", _("退回补充")
    REFER = "refer", _("提交审贷会")


class ApprovalDecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApprovalDecisionQuerySet:
        return self.filter(_scoped(user, "application__"))


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
        return self.filter(_scoped(user, "application__"))


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

    # --- loans ----------------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.member} {self.get_vote_display()}"


class LoanStatus(models.TextChoices):
    ACTIVE = "active", _("正常还款中")
    SETTLED = "settled", _("已结清")
    WRITTEN_OFF = "written_off", _("已核销")


class LoanQuerySet(models.QuerySet):
    def visible_to(self, user) -> LoanQuerySet:
        return self.filter(_scoped(user))

    def active(self) -> LoanQuerySet:
        return self.filter(status=LoanStatus.ACTIVE)

    def outstanding_total(self) -> Decimal:
        """Principal still owed on the active loans of this queryset."""
        total = self.active().aggregate(total=Sum("outstanding_principal"))["total"]
        return total if total is not None else ZERO

    def overdue(self, *, on: datetime.date) -> LoanQuerySet:
        """Loans with an instalment due before ``on`` and not fully paid."""
        return self.active().filter(next_due_date__lt=on)


class Loan(models.Model):
    """A disbursed loan (借据) under a signed contract."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.PROTECT, related_name="loan"
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="loans"
    )
    credit_line = models.ForeignKey(
        CreditLine,
        verbose_name=_("授信额度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    contract_number = models.CharField(_("合同编号"), max_length=30, unique=True)
    principal = models.DecimalField(_("贷款金额（元）"), **MONEY)
    annual_rate = models.DecimalField(_("年利率（%）"), **RATE)
    term_months = models.PositiveSmallIntegerField(_("期限（月）"))
    repayment_method = models.CharField(
        _("还款方式"), max_length=30, choices=RepaymentMethod.choices
    )
    disbursed_on = models.DateField(_("放款日"))
    maturity_date = models.DateField(_("到期日"))
    status = models.CharField(
        _("状态"), max_length=20, choices=LoanStatus.choices, default=LoanStatus.ACTIVE
    )
    outstanding_principal = models.DecimalField(_("贷款余额（元）"), **MONEY)
    paid_through = models.DateField(_("已还至"), null=True, blank=True)
    next_due_date = models.DateField(_("下次应还日"), null=True, blank=True)
    # The due date of the oldest unpaid instalment once it has passed: a date rather than a
    # day count, so that days past due need no nightly rewrite.
    overdue_since = models.DateField(_("逾期起始日"), null=True, blank=True)
    settled_on = models.DateField(_("结清日"), null=True, blank=True)

    objects = LoanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("贷款")
        verbose_name_plural = _("贷款")
        ordering = ["-disbursed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
            models.CheckConstraint(
                condition=Q(outstanding_principal__gte=0)
                & Q(outstanding_principal__lte=models.F("principal")),
                name="loan_outstanding_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LoanStatus.values), name="loan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(repayment_method__in=RepaymentMethod.values),
                name="loan_method_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_due_date"])]

    def __str__(self) -> str:
        return self.contract_number

    def get_absolute_url(self) -> str:
        return reverse("loans:loan_detail", args=[self.pk])

    def days_past_due(self, on: datetime.date | None = None) -> int:
        if self.overdue_since is None or self.status != LoanStatus.ACTIVE:
            return 0
        on = on or timezone.localdate()
        return max((on - self.overdue_since).days, 0)


class InstalmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> InstalmentQuerySet:
        return self.filter(_scoped(user, "loan__"))


class Instalment(models.Model):
    """One instalment of a loan's repayment schedule (还款计划), persisted at disbursement."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("期次"))
    due_date = models.DateField(_("应还日"))
    principal_due = models.DecimalField(_("应还本金"), **MONEY)
    interest_due = models.DecimalField(_("应还利息"), **MONEY)
    principal_paid = models.DecimalField(_("已还本金"), default=ZERO, **MONEY)
    interest_paid = models.DecimalField(_("已还利息"), default=ZERO, **MONEY)
    penalty_paid = models.DecimalField(_("已还罚息"), default=ZERO, **MONEY)
    # Penalty charged up to penalty_accrued_to, kept when overdue principal is paid in part so
    # that the earlier, larger overdue principal keeps its penalty (docs/interest.md).
    penalty_accrued = models.DecimalField(_("已计罚息"), default=ZERO, **MONEY)
    penalty_accrued_to = models.DateField(_("罚息计至"), null=True, blank=True)
    paid_on = models.DateField(_("结清日"), null=True, blank=True)

    objects = InstalmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("还款计划")
        verbose_name_plural = _("还款计划")
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_unique_number"),
            models.CheckConstraint(
                condition=Q(principal_paid__lte=models.F("principal_due"))
                & Q(interest_paid__lte=models.F("interest_due"))
                & Q(principal_paid__gte=0)
                & Q(interest_paid__gte=0),
                name="instalment_paid_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.loan_id} #{self.number}"

    @property
    def is_paid(self) -> bool:
        return self.principal_paid >= self.principal_due and self.interest_paid >= self.interest_due

    @property
    def total_due(self) -> Decimal:
        return self.principal_due + self.interest_due

    @property
    def remaining(self) -> Decimal:
        return self.total_due - self.principal_paid - self.interest_paid


class RepaymentQuerySet(models.QuerySet):
    def visible_to(self, user) -> RepaymentQuerySet:
        return self.filter(_scoped(user, "loan__"))


class Repayment(models.Model):
    """A repayment received (还款), split into penalty interest, interest and principal."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments")
    paid_on = models.DateField(_("还款日"))
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
        return self.filter(_scoped(user, "repayment__loan__"))


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
