"""Loan products (贷款产品) and the documents each needs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import CustomerType
from loans.models.base import MONEY, RATE


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
