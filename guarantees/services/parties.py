"""Guarantors and their guarantees (保证): register a party, assess its strength, propose it
for an application, withdraw or end the guarantee."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_save
from creditdesk.models import User
from creditdesk.roles import APPROVER_ROLES
from customers import validators
from customers.models import Customer
from guarantees.models import (
    ZERO,
    Guarantee,
    GuaranteeStatus,
    Guarantor,
    PartyType,
    Relationship,
    Willingness,
)
from guarantees.reasons import GuaranteesReason
from guarantees.services.common import (
    OPEN_STATUSES,
    WITHDRAWABLE_STATUSES,
    field_error,
    lock,
    lock_application,
    only_fields,
    require_handler,
    require_independent_approver,
    require_keeper,
    require_status,
)

PARTY_FIELDS = (
    "party_type",
    "name",
    "id_number",
    "phone",
    "net_assets",
    "annual_income",
    "assessed_on",
    "notes",
)
STRENGTH_FIELDS = ("net_assets", "annual_income", "assessed_on", "notes", "phone")


def _clean_party(party: Guarantor) -> None:
    if party.party_type not in PartyType.values:
        raise ValidationError({"party_type": _("请选择保证人类型。")})
    try:
        party.id_number = validators.clean_id_for_type(
            party.id_number, is_person=party.party_type == PartyType.PERSON
        )
    except ValidationError as exc:
        raise field_error("id_number", exc) from exc
    if party.phone:
        try:
            party.phone = validators.clean_mobile(party.phone)
        except ValidationError as exc:
            raise field_error("phone", exc) from exc
    party.name = (party.name or "").strip()
    for field in ("net_assets", "annual_income"):
        value = getattr(party, field)
        if value is None:
            setattr(party, field, ZERO)
        elif value < 0:
            raise ValidationError({field: _("金额不能为负数。")})
    party.full_clean(exclude=["branch", "registered_by", "customer"], validate_unique=False)


def _strength_from_file(customer: Customer) -> dict[str, Decimal]:
    """A customer's latest financial snapshot as a first assessment: net assets and profit."""
    snapshot = customer.financials.order_by("-as_of").first()
    if snapshot is None:
        return {}
    return {
        "net_assets": max(snapshot.total_assets - snapshot.total_liabilities, ZERO),
        "annual_income": max(snapshot.net_profit, ZERO),
        "assessed_on": snapshot.as_of,
    }


def register_party(*, branch, by: User, values: dict[str, Any]) -> Guarantor:
    """A new party in ``branch`` (inside the caller's transaction). An existing customer with
    the same number is linked, and their latest snapshot fills strength not given."""
    values = only_fields(values, PARTY_FIELDS)
    party = Guarantor(branch=branch, registered_by=by, **values)
    _clean_party(party)
    if Guarantor.objects.filter(branch=branch, id_number=party.id_number).exists():
        raise ValidationError({"id_number": _("该保证人已在本机构登记，请直接选用。")})
    party.customer = Customer.objects.filter(id_number=party.id_number).first()
    if party.customer is not None:
        for field, value in _strength_from_file(party.customer).items():
            if not values.get(field):
                setattr(party, field, value)
    return audited_save(party, by=by, reason=GuaranteesReason.GUARANTOR_REGISTER, clean=False)


@transaction.atomic
def guarantor_register(*, by: User, values: dict[str, Any]) -> Guarantor:
    """Register a guarantor (person or organisation) in the caller's branch."""
    require_keeper(by)
    return register_party(branch=by.branch, by=by, values=values)


@transaction.atomic
def guarantor_assess(*, guarantor: Guarantor, by: User, values: dict[str, Any]) -> Guarantor:
    """Record a new assessment of the guarantor's strength (net assets, annual income)."""
    guarantor = lock(Guarantor.objects, guarantor, by=by)
    for field, value in only_fields(values, STRENGTH_FIELDS).items():
        setattr(guarantor, field, value)
    if guarantor.assessed_on is None:
        guarantor.assessed_on = timezone.localdate()
    _clean_party(guarantor)
    return audited_save(guarantor, by=by, reason=GuaranteesReason.GUARANTOR_ASSESS, clean=False)


def _party_for(application, by: User, guarantor, party: dict | None) -> Guarantor:
    if guarantor is not None:
        if not Guarantor.objects.visible_to(by).filter(pk=guarantor.pk).exists():
            raise ValidationError({"guarantor": _("无效的编号：没有这条记录。")})
        return guarantor
    if not party:
        raise ValidationError({"guarantor": _("请选择或登记保证人。")})
    branch = application.customer.branch
    number = (party.get("id_number") or "").replace(" ", "").upper()
    existing = Guarantor.objects.filter(branch=branch, id_number=number).first()
    if existing is not None and Guarantor.objects.visible_to(by).filter(pk=existing.pk).exists():
        return existing
    return register_party(branch=branch, by=by, values=party)


def propose_guarantee(
    application,
    *,
    by: User,
    guarantor: Guarantor,
    amount: Decimal,
    relationship: str,
    willingness: str,
    willingness_notes: str = "",
    group=None,
    reason=GuaranteesReason.GUARANTEE_PROPOSE,
) -> Guarantee:
    """One guarantee of the (locked) application, its rules checked."""
    if guarantor.id_number == application.customer.id_number:
        raise ValidationError({"guarantor": _("借款人不能为自己的贷款担保。")})
    if relationship not in Relationship.values:
        raise ValidationError({"relationship": _("请选择与借款人的关系。")})
    if willingness not in Willingness.values:
        raise ValidationError({"willingness": _("请选择担保意愿。")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("担保金额须大于零。")})
    if amount > application.amount:
        raise ValidationError({"amount": _("担保金额不能超过申请金额。")})
    if application.guarantees.live().filter(guarantor__id_number=guarantor.id_number).exists():
        raise ValidationError({"guarantor": _("该保证人已为本笔贷款担保。")})
    guarantee = Guarantee(
        application=application,
        borrower=application.customer,
        guarantor=guarantor,
        group=group,
        amount=amount,
        relationship=relationship,
        willingness=willingness,
        willingness_notes=willingness_notes,
        created_by=by,
    )
    guarantee.full_clean(
        exclude=["application", "borrower", "guarantor", "group", "created_by"],
        validate_constraints=False,
    )
    return audited_save(guarantee, by=by, reason=reason, clean=False)


@transaction.atomic
def guarantee_propose(
    *,
    application,
    by: User,
    amount: Decimal,
    relationship: str,
    willingness: str,
    willingness_notes: str = "",
    guarantor: Guarantor | None = None,
    party: dict[str, Any] | None = None,
) -> Guarantee:
    """Add a guarantor to an application: an existing party (``guarantor``) or a new one
    (``party``: type, name, ID number or credit code, strength). Always joint and several."""
    application = lock_application(application, by=by)
    require_handler(application, by)
    require_status(application, OPEN_STATUSES, _("追加担保"))
    guarantor = _party_for(application, by, guarantor, party)
    return propose_guarantee(
        application,
        by=by,
        guarantor=guarantor,
        amount=amount,
        relationship=relationship,
        willingness=willingness,
        willingness_notes=willingness_notes,
    )


@transaction.atomic
def guarantee_withdraw(*, guarantee: Guarantee, by: User) -> Guarantee:
    """Take back a proposed guarantee before the application is approved."""
    guarantee = lock(Guarantee.objects, guarantee, by=by)
    application = lock_application(guarantee.application, by=by)
    require_handler(application, by)
    require_status(application, WITHDRAWABLE_STATUSES, _("撤销担保"))
    if guarantee.status != GuaranteeStatus.PROPOSED:
        raise ValidationError(_("只能撤销尚未签订合同的担保。"))
    guarantee.status = GuaranteeStatus.WITHDRAWN
    return audited_save(guarantee, by=by, reason=GuaranteesReason.GUARANTEE_WITHDRAW)


def end_guarantee(guarantee: Guarantee, *, by: User, on: datetime.date, reason, note="") -> None:
    guarantee.status = GuaranteeStatus.ENDED
    guarantee.ended_on = on
    audited_save(guarantee, by=by, reason=reason, note=note)


@transaction.atomic
def guarantee_end(
    *, guarantee: Guarantee, by: User, reason: str, on: datetime.date | None = None
) -> Guarantee:
    """Release a guarantor from a signed guarantee before the loan is settled: a credit
    decision, so an independent approver's, with a reason. (Settlement ends them all.)"""
    guarantee = lock(Guarantee.objects, guarantee, by=by, roles=APPROVER_ROLES)
    application = lock_application(guarantee.application, by=by)
    require_independent_approver(application, by)
    if guarantee.status != GuaranteeStatus.ACTIVE:
        raise ValidationError(_("只能解除已签订合同的担保。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写解除担保的理由。")})
    end_guarantee(
        guarantee,
        by=by,
        on=on or timezone.localdate(),
        reason=GuaranteesReason.GUARANTEE_END,
        note=reason,
    )
    return guarantee
