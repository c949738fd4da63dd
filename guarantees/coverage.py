"""The guarantee structure of an application and the coverage figure loan approval asks for.

Guarantees sit a floor below loans: ``loans`` imports this module, never the other way round,
so the application arrives as a plain object and is read only through its attributes
(``amount``, ``approved_amount``, ``customer``, and the reverse relations ``guarantees`` and
``pledges`` that this floor's string foreign keys give it).

INTERFACE (stable; loan approval calls ``coverage_ratio``):
    coverage_ratio(application) -> Decimal   covered value ÷ amount, 4 places; 0 if no amount
    covered_value(application) -> Decimal    yuan
    is_fully_covered(application) -> bool    ratio ≥ FULL_COVERAGE
    structure(application) -> Structure      rows, totals, warnings and verdict for the screens

THE RULE (DOMAIN.md, "effectiveness = strength × willingness"):
- amount to cover = the approved amount, else the requested one;
- a guarantor counts  min(amount guaranteed, available strength × willingness factor), where
  strength = net assets + annual income × the policy's income multiple, and available strength
  = strength − what the same person or organisation already guarantees for other loans,
  bank-wide (never below zero); "refuses" has factor 0;
- a pledge counts  min(amount secured, appraised value × the kind's loan-to-value cap − what
  the collateral secures for other loans) — collateral is never counted twice;
- an unregistered mortgage COUNTS (the borrower has given it) but is warned about, and it
  blocks disbursement until registered or waived (``guarantees.services.disbursement_problems``);
- only live records count: proposed (signed with the loan contract) and signed ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guarantees.models import LIVE, PLEDGE_LIVE, GuaranteePolicy, JointGroupMember
from guarantees.queries import (
    circle_of,
    contingent_liabilities,
    in_default,
    names_of,
    pledged_elsewhere,
)

FULL_COVERAGE = Decimal("1")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Verdict(models.TextChoices):
    COVERED = "covered", gettext_lazy("足额有效")
    COVERED_WITH_WARNINGS = "covered_with_warnings", gettext_lazy("足额，但有风险提示")
    NOT_COVERED = "not_covered", gettext_lazy("担保不足")
    NONE = "none", gettext_lazy("无担保")


@dataclass
class Warning:
    code: str
    message: str
    blocks_disbursement: bool = False


@dataclass
class GuarantorRow:
    guarantee: object
    strength: Decimal
    elsewhere: Decimal
    available: Decimal
    factor: Decimal
    effective: Decimal  # available strength × willingness factor
    counted: Decimal  # what it adds to coverage: at most the amount guaranteed


@dataclass
class CollateralRow:
    pledge: object
    lendable: Decimal
    elsewhere: Decimal
    counted: Decimal


@dataclass
class Structure:
    amount: Decimal
    guarantors: list[GuarantorRow] = field(default_factory=list)
    collateral: list[CollateralRow] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    circle: list[str] = field(default_factory=list)

    @property
    def guarantor_total(self) -> Decimal:
        return sum((row.counted for row in self.guarantors), ZERO)

    @property
    def collateral_total(self) -> Decimal:
        return sum((row.counted for row in self.collateral), ZERO)

    @property
    def covered(self) -> Decimal:
        return self.guarantor_total + self.collateral_total

    @property
    def ratio(self) -> Decimal:
        if not self.amount or self.amount <= 0:
            return Decimal("0")
        return (self.covered / self.amount).quantize(Decimal("0.0001"))

    @property
    def verdict(self) -> Verdict:
        if not self.guarantors and not self.collateral:
            return Verdict.NONE
        if self.ratio < FULL_COVERAGE:
            return Verdict.NOT_COVERED
        return Verdict.COVERED_WITH_WARNINGS if self.warnings else Verdict.COVERED

    @property
    def blocks_disbursement(self) -> bool:
        return any(w.blocks_disbursement for w in self.warnings)


def _amount(application) -> Decimal:
    return getattr(application, "approved_amount", None) or application.amount


def _guarantor_rows(application, policy, structure: Structure) -> None:
    guarantees = list(
        application.guarantees.filter(status__in=LIVE).select_related("guarantor").order_by("pk")
    )
    if not guarantees:
        return
    numbers = [g.guarantor.id_number for g in guarantees]
    elsewhere = contingent_liabilities(numbers, excluding_application=application)
    for guarantee in guarantees:
        party = guarantee.guarantor
        strength = party.strength(policy.income_years)
        other = elsewhere.get(party.id_number, ZERO)
        available = max(strength - other, ZERO)
        factor = policy.factor(guarantee.willingness)
        effective = (available * factor).quantize(CENT)
        structure.guarantors.append(
            GuarantorRow(
                guarantee=guarantee,
                strength=strength,
                elsewhere=other,
                available=available,
                factor=factor,
                effective=effective,
                counted=min(effective, guarantee.amount),
            )
        )
        if guarantee.willingness == "refuses":
            structure.warnings.append(
                Warning(
                    "refuses",
                    _("%(name)s 担保意愿为拒绝：有实力无意愿，担保有效性为零。") % {"name": party},
                )
            )
        if other + guarantee.amount > strength:
            structure.warnings.append(
                Warning(
                    "overextended",
                    _("%(name)s 在全行的担保责任 %(total)s 元超过其担保实力 %(strength)s 元。")
                    % {"name": party, "total": other + guarantee.amount, "strength": strength},
                )
            )


def _balance_warnings(policy, structure: Structure) -> None:
    rows = structure.guarantors
    if len(rows) > policy.max_guarantors:
        structure.warnings.append(
            Warning(
                "too_many",
                _("担保人 %(n)s 人，超过 %(max)s 人：人多意见难统一。")
                % {"n": len(rows), "max": policy.max_guarantors},
            )
        )
    if len(rows) < 2:
        return
    strongest = max(row.effective for row in rows)
    weakest = min(row.effective for row in rows)
    if strongest > 0 and (weakest <= 0 or strongest / weakest > policy.max_capacity_ratio):
        structure.warnings.append(
            Warning(
                "unequal",
                _(
                    "担保人实力相差悬殊（最强 %(max)s 元，最弱 %(min)s 元，超过 %(ratio)s 倍）："
                    "出险时易相互观望。"
                )
                % {"max": strongest, "min": weakest, "ratio": policy.max_capacity_ratio},
            )
        )
    levels = {row.guarantee.willingness for row in rows}
    if "strong" in levels and levels & {"weak", "refuses"}:
        structure.warnings.append(
            Warning("unequal_willingness", _("担保人意愿强弱悬殊：意愿弱者会拖延履行。"))
        )


def _collateral_rows(application, structure: Structure, today) -> None:
    pledges = list(
        application.pledges.filter(status__in=PLEDGE_LIVE)
        .select_related("collateral__kind", "collateral__customer", "waived_by")
        .order_by("pk")
    )
    if not pledges:
        return
    elsewhere = pledged_elsewhere(
        [p.collateral_id for p in pledges], excluding_application=application
    )
    for pledge in pledges:
        collateral = pledge.collateral
        other = elsewhere.get(collateral.pk, ZERO)
        lendable = collateral.lendable_value
        counted = max(min(pledge.amount_secured, lendable - other), ZERO)
        structure.collateral.append(
            CollateralRow(pledge=pledge, lendable=lendable, elsewhere=other, counted=counted)
        )
        if not collateral.is_registered:
            if pledge.is_waived:
                message = _("%(c)s 尚未办妥抵押登记：已由 %(by)s 豁免，先放款后登记。")
            else:
                message = _("%(c)s 尚未办妥抵押登记（他项权证）：计入覆盖率，但登记前不能放款。")
            structure.warnings.append(
                Warning(
                    "unregistered",
                    message % {"c": collateral, "by": pledge.waived_by},
                    blocks_disbursement=not pledge.is_waived,
                )
            )
        if collateral.insurance_problem(today):
            structure.warnings.append(
                Warning("insurance", _("%(c)s 的财产保险已过期或未投保。") % {"c": collateral})
            )
        if collateral.revaluation_due(today):
            structure.warnings.append(
                Warning(
                    "revaluation",
                    _("%(c)s 应于 %(day)s 重估，评估价值已过期。")
                    % {"c": collateral, "day": collateral.revaluation_due_on()},
                )
            )


def _circle_and_group_warnings(application, structure: Structure) -> None:
    customer = application.customer
    circle = circle_of(customer.id_number)
    if circle:
        names = names_of(circle)
        structure.circle = sorted(names.get(n, n) for n in circle)
        structure.warnings.append(
            Warning(
                "circle",
                _("互保圈：%(names)s 相互担保，一户出险将连锁传染。")
                % {"names": "、".join(structure.circle)},
            )
        )
    groups = {row.guarantee.group_id for row in structure.guarantors if row.guarantee.group_id}
    if not groups:
        return
    members = (
        JointGroupMember.objects.current().filter(group_id__in=groups).select_related("customer")
    )
    by_id = {m.customer_id: m.customer for m in members}
    for customer_id in sorted(in_default(by_id)):
        structure.warnings.append(
            Warning(
                "group_default",
                _("联保小组成员 %(name)s 有逾期贷款：小组担保能力受损。")
                % {"name": by_id[customer_id]},
            )
        )


def structure(application) -> Structure:
    """The guarantee structure of ``application``: rows, totals, ratio, warnings, verdict."""
    result = Structure(amount=_amount(application))
    if getattr(application, "pk", None) is None:
        return result
    policy = GuaranteePolicy.current()
    today = timezone.localdate()
    _guarantor_rows(application, policy, result)
    _balance_warnings(policy, result)
    _collateral_rows(application, result, today)
    _circle_and_group_warnings(application, result)
    return result


def covered_value(application) -> Decimal:
    """The effective value of the guarantees pledged for ``application`` (yuan)."""
    return structure(application).covered


def coverage_ratio(application) -> Decimal:
    """Effective guarantee value ÷ amount to be covered; Decimal("0") when nothing covers it."""
    amount = _amount(application)
    if not amount or amount <= 0:
        return Decimal("0")
    return (covered_value(application) / amount).quantize(Decimal("0.0001"))


def is_fully_covered(application) -> bool:
    return coverage_ratio(application) >= FULL_COVERAGE
