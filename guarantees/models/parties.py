"""Guarantors (保证人) and their guarantees (保证) of loan applications."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.models import Customer
from customers.validators import mask_id
from guarantees.models.base import MONEY, ZERO, borrower_scope


class PartyType(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("企业法人")


class Willingness(models.TextChoices):
    """担保意愿: strength without willingness is zero (DOMAIN.md)."""

    STRONG = "strong", _("强")
    AVERAGE = "average", _("一般")
    WEAK = "weak", _("弱")
    REFUSES = "refuses", _("拒绝")


class Relationship(models.TextChoices):
    RELATIVE = "relative", _("亲属")
    FRIEND = "friend", _("朋友")
    NEIGHBOUR = "neighbour", _("同村邻里")
    BUSINESS_PARTNER = "business_partner", _("生意伙伴")
    SUPPLY_CHAIN = "supply_chain", _("上下游客户")
    EMPLOYER = "employer", _("雇主或单位")
    GROUP_MEMBER = "group_member", _("联保小组成员")
    GUARANTEE_COMPANY = "guarantee_company", _("担保公司")
    OTHER = "other", _("其他")


class GuaranteeStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟担保")
    ACTIVE = "active", _("已签合同")
    ENDED = "ended", _("已解除")
    WITHDRAWN = "withdrawn", _("已撤销")


#: Statuses in which a guarantee counts: towards coverage, contingent liability and circles.
LIVE = (GuaranteeStatus.PROPOSED, GuaranteeStatus.ACTIVE)

#: Every personal guarantee is joint and several (连带责任保证): the only liability stored.
JOINT_AND_SEVERAL = "joint_and_several"


class GuarantorQuerySet(models.QuerySet):
    def visible_to(self, user) -> GuarantorQuerySet:
        # A party is the branch's: managers of the branch (and heads above it) see it, so a
        # second manager can reuse a guarantor the first one assessed.
        return self.filter(scope_q(user, branch="branch", manager=None))


class Guarantor(models.Model):
    """A guarantor (保证人): a person or an organisation, a customer of the bank or not."""

    party_type = models.CharField(_("类型"), max_length=20, choices=PartyType.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    # Resident ID number or unified social credit code, compact and upper-case: the key of
    # the bank-wide figures (contingent liability, circles), whichever branch registered it.
    id_number = models.CharField(_("证件号码"), max_length=18, db_index=True)
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("本行客户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guarantor_parties",
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    net_assets = models.DecimalField(_("净资产（元）"), default=ZERO, **MONEY)
    annual_income = models.DecimalField(_("年收入（元）"), default=ZERO, **MONEY)
    assessed_on = models.DateField(
        _("实力评估日"), null=True, blank=True, validators=[reasonable_date]
    )
    notes = models.TextField(_("备注"), blank=True)
    branch = models.ForeignKey(
        Branch, verbose_name=_("登记机构"), on_delete=models.PROTECT, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = GuarantorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("保证人")
        verbose_name_plural = _("保证人")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["name", "id"], name="guarantor_list"),
            models.Index(fields=["branch", "name", "id"], name="guarantor_branch_list"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "id_number"], name="guarantor_unique_per_branch"
            ),
            models.CheckConstraint(
                condition=Q(party_type__in=PartyType.values), name="guarantor_type_valid"
            ),
            models.CheckConstraint(
                condition=Exact(Length("id_number"), 18), name="guarantor_id_number_18_chars"
            ),
            models.CheckConstraint(
                condition=Q(net_assets__gte=0) & Q(annual_income__gte=0),
                name="guarantor_strength_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id(self.id_number)

    def strength(self, income_years: Decimal) -> Decimal:
        """Assessed strength (担保实力): net assets plus ``income_years`` of income."""
        return (self.net_assets + self.annual_income * income_years).quantize(Decimal("0.01"))


class GuaranteeQuerySet(models.QuerySet):
    def visible_to(self, user) -> GuaranteeQuerySet:
        return self.filter(borrower_scope(user))

    def live(self) -> GuaranteeQuerySet:
        return self.filter(status__in=LIVE)


class Guarantee(models.Model):
    """A guarantee (保证) of one loan application by one guarantor: joint and several."""

    application = models.ForeignKey(
        "loans.LoanApplication",
        verbose_name=_("贷款申请"),
        on_delete=models.PROTECT,
        related_name="guarantees",
    )
    # The application's customer, kept here so that scope and circles need no join through
    # the floor above.
    borrower = models.ForeignKey(
        Customer, verbose_name=_("借款人"), on_delete=models.PROTECT, related_name="+"
    )
    guarantor = models.ForeignKey(
        Guarantor, verbose_name=_("保证人"), on_delete=models.PROTECT, related_name="guarantees"
    )
    group = models.ForeignKey(
        "guarantees.JointGroup",
        verbose_name=_("联保小组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guarantees",
    )
    relationship = models.CharField(_("与借款人关系"), max_length=30, choices=Relationship.choices)
    willingness = models.CharField(_("担保意愿"), max_length=20, choices=Willingness.choices)
    willingness_notes = models.TextField(_("意愿说明"), blank=True)
    amount = models.DecimalField(_("担保金额（元）"), **MONEY)
    liability = models.CharField(
        _("保证方式"),
        max_length=30,
        default=JOINT_AND_SEVERAL,
        editable=False,
        choices=[(JOINT_AND_SEVERAL, _("连带责任保证"))],
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=GuaranteeStatus.choices, default=GuaranteeStatus.PROPOSED
    )
    contract_number = models.CharField(
        _("保证合同编号"), max_length=30, null=True, blank=True, unique=True
    )
    signed_on = models.DateField(
        _("合同签订日"), null=True, blank=True, validators=[reasonable_date]
    )
    ended_on = models.DateField(_("解除日"), null=True, blank=True, validators=[reasonable_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = GuaranteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("保证")
        verbose_name_plural = _("保证")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(liability=JOINT_AND_SEVERAL), name="guarantee_joint_and_several"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="guarantee_amount_positive"),
            models.CheckConstraint(
                condition=Q(status__in=GuaranteeStatus.values), name="guarantee_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(willingness__in=Willingness.values),
                name="guarantee_willingness_valid",
            ),
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values),
                name="guarantee_relationship_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=GuaranteeStatus.ACTIVE) | Q(contract_number__isnull=False),
                name="guarantee_active_has_contract",
            ),
            models.UniqueConstraint(
                fields=["application", "guarantor"],
                condition=Q(status__in=["proposed", "active"]),
                name="guarantee_one_live_per_guarantor",
            ),
        ]
        indexes = [models.Index(fields=["status", "borrower"])]

    def __str__(self) -> str:
        return f"{self.guarantor} → {self.borrower}"
