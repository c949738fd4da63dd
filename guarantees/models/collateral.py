"""Collateral (押品), its custody, and the pledges (抵押/质押) that secure loans with it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.models import Customer
from guarantees.models.base import MONEY, borrower_scope
from guarantees.models.policy import CollateralKind


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for clamp in (0, 1, 2, 3):
        try:
            return day.replace(year=year, month=month, day=day.day - clamp)
        except ValueError:
            continue
    return day


class CollateralStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    RELEASED = "released", _("已解押")


class Custody(models.TextChoices):
    """Where the registration certificate (他项权证) or pledged document is."""

    NOT_HELD = "not_held", _("未入库")
    IN_VAULT = "in_vault", _("在库保管")
    LENT_OUT = "lent_out", _("已借出")
    RETURNED = "returned", _("已退还权利人")


class CollateralQuerySet(models.QuerySet):
    def visible_to(self, user) -> CollateralQuerySet:
        return self.filter(scope_q(user, branch="customer__branch", manager="customer__manager"))


class Collateral(models.Model):
    """A collateral item (押品) on a customer's file, owned by them or by a third party."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("提供押品的客户"),
        on_delete=models.PROTECT,
        related_name="collateral",
    )
    kind = models.ForeignKey(
        CollateralKind, verbose_name=_("押品种类"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(_("押品描述"), max_length=200)
    location = models.CharField(_("坐落或存放地点"), max_length=200, blank=True)
    owner_name = models.CharField(_("权利人"), max_length=100)
    owner_id_number = models.CharField(_("权利人证件号码"), max_length=18)
    owner_consent_on = models.DateField(
        _("第三人同意抵押日"),
        null=True,
        blank=True,
        help_text=_("押品属于第三人时，须登记其书面同意。"),
        validators=[reasonable_date],
    )
    appraised_value = models.DecimalField(_("评估价值（元）"), **MONEY)
    appraiser = models.CharField(_("评估机构或评估人"), max_length=100)
    appraised_on = models.DateField(_("评估日"), validators=[reasonable_date])
    certificate_number = models.CharField(_("他项权证号"), max_length=50, blank=True)
    registry = models.CharField(_("登记机关"), max_length=100, blank=True)
    registered_on = models.DateField(
        _("登记日"), null=True, blank=True, validators=[reasonable_date]
    )
    insurer = models.CharField(_("保险公司"), max_length=100, blank=True)
    insured_until = models.DateField(
        _("保险到期日"), null=True, blank=True, validators=[reasonable_date]
    )
    custody = models.CharField(
        _("权证保管状态"), max_length=20, choices=Custody.choices, default=Custody.NOT_HELD
    )
    custody_holder = models.CharField(_("借出给"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=CollateralStatus.choices, default=CollateralStatus.ACTIVE
    )
    released_on = models.DateField(_("解押日"), null=True, blank=True, validators=[reasonable_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = CollateralQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("押品")
        verbose_name_plural = _("押品")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appraised_value__gt=0), name="collateral_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(custody__in=Custody.values), name="collateral_custody_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CollateralStatus.values), name="collateral_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(custody=Custody.LENT_OUT) | ~Q(custody_holder=""),
                name="collateral_lent_out_to_someone",
            ),
            models.CheckConstraint(
                condition=Q(registered_on__isnull=True) | ~Q(certificate_number=""),
                name="collateral_registered_has_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.description}"

    @property
    def lendable_value(self) -> Decimal:
        """Appraised value × the kind's loan-to-value cap: the most it may secure in all."""
        return (self.appraised_value * self.kind.max_ltv).quantize(Decimal("0.01"))

    @property
    def is_registered(self) -> bool:
        return not self.kind.needs_registration or self.registered_on is not None

    @property
    def third_party(self) -> bool:
        return self.owner_id_number != self.customer.id_number

    def revaluation_due_on(self) -> datetime.date:
        return _add_months(self.appraised_on, self.kind.revaluation_months)

    def revaluation_due(self, on: datetime.date | None = None) -> bool:
        return self.revaluation_due_on() <= (on or timezone.localdate())

    def insurance_problem(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.insured_until is not None:
            return self.insured_until < on
        return self.kind.needs_insurance


class CustodyMovementQuerySet(models.QuerySet):
    def visible_to(self, user) -> CustodyMovementQuerySet:
        return self.filter(
            scope_q(
                user, branch="collateral__customer__branch", manager="collateral__customer__manager"
            )
        )


class CustodyMovement(models.Model):
    """One move of a registration certificate (权证出入库): into the vault, lent, returned."""

    collateral = models.ForeignKey(
        Collateral, on_delete=models.CASCADE, related_name="custody_movements"
    )
    from_custody = models.CharField(_("原状态"), max_length=20, choices=Custody.choices)
    to_custody = models.CharField(_("新状态"), max_length=20, choices=Custody.choices)
    holder = models.CharField(_("经手或借用人"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = CustodyMovementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("权证出入库记录")
        verbose_name_plural = _("权证出入库记录")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_custody__in=Custody.values), name="custody_movement_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_custody_display()} → {self.get_to_custody_display()}"


class PledgeStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟抵质押")
    ACTIVE = "active", _("已签合同")
    RELEASED = "released", _("已解除")
    WITHDRAWN = "withdrawn", _("已撤销")


PLEDGE_LIVE = (PledgeStatus.PROPOSED, PledgeStatus.ACTIVE)


class PledgeQuerySet(models.QuerySet):
    def visible_to(self, user) -> PledgeQuerySet:
        return self.filter(borrower_scope(user))

    def live(self) -> PledgeQuerySet:
        return self.filter(status__in=PLEDGE_LIVE)


class Pledge(models.Model):
    """Collateral securing one loan application (抵押/质押) up to an amount."""

    application = models.ForeignKey(
        "loans.LoanApplication",
        verbose_name=_("贷款申请"),
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    borrower = models.ForeignKey(
        Customer, verbose_name=_("借款人"), on_delete=models.PROTECT, related_name="+"
    )
    collateral = models.ForeignKey(
        Collateral, verbose_name=_("押品"), on_delete=models.PROTECT, related_name="pledges"
    )
    amount_secured = models.DecimalField(_("担保债权金额（元）"), **MONEY)
    status = models.CharField(
        _("状态"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PROPOSED
    )
    contract_number = models.CharField(
        _("抵质押合同编号"), max_length=30, null=True, blank=True, unique=True
    )
    signed_on = models.DateField(
        _("合同签订日"), null=True, blank=True, validators=[reasonable_date]
    )
    released_on = models.DateField(_("解除日"), null=True, blank=True, validators=[reasonable_date])
    # An approver may let the loan be disbursed before the mortgage is registered.
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("豁免人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    waived_at = models.DateTimeField(_("豁免时间"), null=True, blank=True)
    waiver_reason = models.TextField(_("先放款后登记的理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = PledgeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("抵质押")
        verbose_name_plural = _("抵质押")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_secured__gt=0), name="pledge_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PledgeStatus.values), name="pledge_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PledgeStatus.ACTIVE) | Q(contract_number__isnull=False),
                name="pledge_active_has_contract",
            ),
            models.CheckConstraint(
                condition=Q(waived_by__isnull=True) | ~Q(waiver_reason=""),
                name="pledge_waiver_has_reason",
            ),
            models.UniqueConstraint(
                fields=["application", "collateral"],
                condition=Q(status__in=["proposed", "active"]),
                name="pledge_one_live_per_collateral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collateral} → {self.borrower}"

    @property
    def is_waived(self) -> bool:
        return self.waived_by_id is not None
