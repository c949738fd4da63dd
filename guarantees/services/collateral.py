"""Collateral (押品): recorded on a customer's file, revalued, registered (他项权证), its
certificate kept in the vault, lent and returned, pledged to loans and released."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_save
from creditdesk.models import User
from creditdesk.roles import APPROVER_ROLES
from customers.models import Customer
from guarantees.models import (
    PLEDGE_LIVE,
    ZERO,
    Collateral,
    CollateralKind,
    CollateralStatus,
    Custody,
    CustodyMovement,
    Pledge,
    PledgeStatus,
)
from guarantees.reasons import GuaranteesReason
from guarantees.services.common import (
    OPEN_STATUSES,
    WITHDRAWABLE_STATUSES,
    clean_any_id,
    field_error,
    lock,
    lock_application,
    only_fields,
    require_handler,
    require_independent_approver,
    require_status,
)

COLLATERAL_FIELDS = (
    "kind",
    "description",
    "location",
    "owner_name",
    "owner_id_number",
    "owner_consent_on",
    "appraised_value",
    "appraiser",
    "appraised_on",
    "insurer",
    "insured_until",
)
REVALUE_FIELDS = ("appraised_value", "appraiser", "appraised_on", "insurer", "insured_until")

#: Where a certificate may go from where (权证出入库).
CUSTODY_MOVES = {
    Custody.NOT_HELD: (Custody.IN_VAULT,),
    Custody.IN_VAULT: (Custody.LENT_OUT, Custody.RETURNED),
    Custody.LENT_OUT: (Custody.IN_VAULT,),
    Custody.RETURNED: (),
}


def _clean_collateral(collateral: Collateral) -> None:
    kind = collateral.kind if collateral.kind_id else None
    if kind is None or not kind.is_active:
        raise ValidationError({"kind": _("请选择押品种类。")})
    try:
        collateral.owner_id_number = clean_any_id(collateral.owner_id_number)
    except ValidationError as exc:
        raise field_error("owner_id_number", exc) from exc
    today = timezone.localdate()
    if collateral.appraised_on and collateral.appraised_on > today:
        raise ValidationError({"appraised_on": _("评估日不能晚于今天。")})
    if collateral.third_party and collateral.owner_consent_on is None:
        raise ValidationError(
            {"owner_consent_on": _("押品属于第三人，须登记权利人书面同意抵押的日期。")}
        )
    collateral.full_clean(exclude=["customer", "kind", "created_by"], validate_constraints=False)


@transaction.atomic
def collateral_add(*, customer: Customer, by: User, values: dict[str, Any]) -> Collateral:
    """Record a collateral item on the customer's file (owned by them or a third party)."""
    customer = lock(Customer.objects, customer, by=by)
    values = only_fields(values, COLLATERAL_FIELDS)
    if not values.get("owner_id_number"):
        values["owner_id_number"] = customer.id_number
        values["owner_name"] = values.get("owner_name") or customer.name
    kind = values.get("kind")
    if kind is not None and not isinstance(kind, CollateralKind):
        values["kind"] = CollateralKind.objects.filter(pk=kind).first()
    collateral = Collateral(customer=customer, created_by=by, **values)
    _clean_collateral(collateral)
    return audited_save(collateral, by=by, reason=GuaranteesReason.COLLATERAL_ADD, clean=False)


@transaction.atomic
def collateral_revalue(*, collateral: Collateral, by: User, values: dict[str, Any]) -> Collateral:
    """A new appraisal or insurance: the value may not fall below what it already secures."""
    collateral = lock(Collateral.objects.select_related("kind", "customer"), collateral, by=by)
    for field, value in only_fields(values, REVALUE_FIELDS).items():
        setattr(collateral, field, value)
    _clean_collateral(collateral)
    secured = pledged_total(collateral)
    if secured > collateral.lendable_value:
        raise ValidationError(
            {
                "appraised_value": _(
                    "押品已担保 %(secured)s 元，新评估价值的可担保额 %(lendable)s 元不足。"
                )
                % {"secured": secured, "lendable": collateral.lendable_value}
            }
        )
    return audited_save(collateral, by=by, reason=GuaranteesReason.COLLATERAL_REVALUE, clean=False)


def _move_custody(collateral: Collateral, to: str, *, by: User, holder="", note="") -> None:
    if to not in CUSTODY_MOVES.get(collateral.custody, ()):
        raise ValidationError(
            {
                "to": _("权证当前为“%(now)s”，不能变为“%(to)s”。")
                % {"now": collateral.get_custody_display(), "to": Custody(to).label}
            }
        )
    if to == Custody.LENT_OUT and not (holder or "").strip():
        raise ValidationError({"holder": _("请填写借用人。")})
    if to == Custody.RETURNED and collateral.status != CollateralStatus.RELEASED:
        raise ValidationError(_("押品尚未解押，权证不能退还权利人。"))
    movement = CustodyMovement(
        collateral=collateral,
        from_custody=collateral.custody,
        to_custody=to,
        holder=(holder or "").strip(),
        note=note,
        by=by,
    )
    audited_save(movement, by=by, reason=GuaranteesReason.CUSTODY_MOVE, exclude=["collateral"])
    collateral.custody = to
    collateral.custody_holder = movement.holder if to == Custody.LENT_OUT else ""
    audited_save(collateral, by=by, reason=GuaranteesReason.CUSTODY_MOVE, clean=False)


@transaction.atomic
def collateral_register(
    *,
    collateral: Collateral,
    by: User,
    certificate_number: str,
    registry: str,
    registered_on: datetime.date,
) -> Collateral:
    """The mortgage registered (他项权证 received): the certificate goes into the vault."""
    collateral = lock(Collateral.objects.select_related("kind", "customer"), collateral, by=by)
    if not (certificate_number or "").strip():
        raise ValidationError({"certificate_number": _("请填写他项权证号。")})
    if not (registry or "").strip():
        raise ValidationError({"registry": _("请填写登记机关。")})
    if registered_on is None or registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("登记日不能为空，也不能晚于今天。")})
    collateral.certificate_number = certificate_number.strip()
    collateral.registry = registry.strip()
    collateral.registered_on = registered_on
    audited_save(collateral, by=by, reason=GuaranteesReason.COLLATERAL_REGISTER)
    if collateral.custody == Custody.NOT_HELD:
        _move_custody(collateral, Custody.IN_VAULT, by=by, note=collateral.certificate_number)
    return collateral


@transaction.atomic
def custody_move(
    *, collateral: Collateral, by: User, to: str, holder: str = "", note: str = ""
) -> Collateral:
    """The certificate into the vault, lent out (to whom), back, or returned to the owner."""
    collateral = lock(Collateral.objects.select_related("kind", "customer"), collateral, by=by)
    _move_custody(collateral, to, by=by, holder=holder, note=note)
    return collateral


def pledged_total(collateral: Collateral, *, excluding: Pledge | None = None) -> Decimal:
    """What the collateral already secures (live pledges)."""
    pledges = collateral.pledges.filter(status__in=PLEDGE_LIVE)
    if excluding is not None:
        pledges = pledges.exclude(pk=excluding.pk)
    return pledges.aggregate(total=Sum("amount_secured"))["total"] or ZERO


@transaction.atomic
def pledge_propose(
    *, application, collateral: Collateral, by: User, amount_secured: Decimal
) -> Pledge:
    """Secure the application with the collateral up to ``amount_secured``: never beyond what
    the collateral may still secure (its lendable value less what it secures already)."""
    application = lock_application(application, by=by)
    require_handler(application, by)
    require_status(application, OPEN_STATUSES, _("追加抵质押"))
    collateral = lock(Collateral.objects.select_related("kind", "customer"), collateral, by=by)
    if collateral.status != CollateralStatus.ACTIVE:
        raise ValidationError({"collateral": _("押品已解押，不能再担保。")})
    if amount_secured is None or amount_secured <= 0:
        raise ValidationError({"amount_secured": _("担保债权金额须大于零。")})
    if amount_secured > application.amount:
        raise ValidationError({"amount_secured": _("担保债权金额不能超过申请金额。")})
    if application.pledges.live().filter(collateral=collateral).exists():
        raise ValidationError({"collateral": _("该押品已为本笔贷款担保。")})
    already = pledged_total(collateral)
    if already + amount_secured > collateral.lendable_value:
        raise ValidationError(
            {
                "amount_secured": _(
                    "押品可担保额 %(lendable)s 元（评估价值 × 抵质押率），已为其他贷款担保 "
                    "%(already)s 元，最多还能担保 %(left)s 元。"
                )
                % {
                    "lendable": collateral.lendable_value,
                    "already": already,
                    "left": max(collateral.lendable_value - already, ZERO),
                }
            }
        )
    pledge = Pledge(
        application=application,
        borrower=application.customer,
        collateral=collateral,
        amount_secured=amount_secured,
        created_by=by,
    )
    return audited_save(
        pledge,
        by=by,
        reason=GuaranteesReason.PLEDGE_PROPOSE,
        exclude=["application", "borrower", "collateral", "created_by"],
    )


@transaction.atomic
def pledge_withdraw(*, pledge: Pledge, by: User) -> Pledge:
    """Take back a proposed pledge before the application is approved."""
    pledge = lock(Pledge.objects, pledge, by=by)
    application = lock_application(pledge.application, by=by)
    require_handler(application, by)
    require_status(application, WITHDRAWABLE_STATUSES, _("撤销抵质押"))
    if pledge.status != PledgeStatus.PROPOSED:
        raise ValidationError(_("只能撤销尚未签订合同的抵质押。"))
    pledge.status = PledgeStatus.WITHDRAWN
    return audited_save(pledge, by=by, reason=GuaranteesReason.PLEDGE_WITHDRAW)


@transaction.atomic
def pledge_waive_registration(*, pledge: Pledge, by: User, reason: str) -> Pledge:
    """An independent approver lets the loan be disbursed before the mortgage is registered
    (先放款后登记), with a reason: the waiver and who gave it stay in the record."""
    pledge = lock(
        Pledge.objects.select_related("collateral__kind"), pledge, by=by, roles=APPROVER_ROLES
    )
    application = lock_application(pledge.application, by=by)
    require_independent_approver(application, by)
    if pledge.status not in PLEDGE_LIVE:
        raise ValidationError(_("该抵质押已解除或撤销。"))
    if pledge.collateral.is_registered:
        raise ValidationError(_("抵押已登记，无需豁免。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写先放款后登记的理由。")})
    pledge.waived_by = by
    pledge.waived_at = timezone.now()
    pledge.waiver_reason = reason.strip()
    return audited_save(
        pledge, by=by, reason=GuaranteesReason.PLEDGE_WAIVE, note=reason, clean=False
    )


def release_collateral_if_free(collateral: Collateral, *, by: User, on: datetime.date) -> bool:
    """Release the collateral once no live pledge holds it; True if released."""
    if collateral.status != CollateralStatus.ACTIVE or collateral.pledges.live().exists():
        return False
    collateral.status = CollateralStatus.RELEASED
    collateral.released_on = on
    audited_save(collateral, by=by, reason=GuaranteesReason.COLLATERAL_RELEASE, clean=False)
    return True


@transaction.atomic
def collateral_release(
    *, collateral: Collateral, by: User, on: datetime.date | None = None
) -> Collateral:
    """Release collateral that secures no loan any more (解押)."""
    collateral = lock(Collateral.objects, collateral, by=by)
    if collateral.status != CollateralStatus.ACTIVE:
        raise ValidationError(_("押品已解押。"))
    if collateral.pledges.live().exists():
        raise ValidationError(_("押品仍在为贷款担保，贷款结清后方可解押。"))
    release_collateral_if_free(collateral, by=by, on=on or timezone.localdate())
    return collateral
