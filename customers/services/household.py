"""The household and its finances: members (a spouse co-signs) and dated snapshots."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creditdesk.history import audited_delete, audited_save
from creditdesk.models import User
from customers import validators
from customers.models import Customer, FinancialSnapshot, HouseholdMember, Relation
from customers.reasons import CustomersReason
from customers.services.common import clean_phone, lock, only_fields

HOUSEHOLD, SNAPSHOT = "customers.household", "customers.snapshot"
MEMBER_FIELDS = ("name", "relation", "id_number", "phone", "occupation", "co_signs")
SNAPSHOT_FIELDS = (
    "as_of",
    "revenue",
    "net_profit",
    "total_assets",
    "total_liabilities",
    "current_assets",
    "current_liabilities",
    "inventory",
    "receivables",
    "payables",
    "monthly_sales",
    "employees",
    "water_tons",
    "power_kwh",
    "notes",
)


def _clean_member(member: HouseholdMember) -> None:
    if member.id_number:
        try:
            member.id_number = validators.clean_resident_id(member.id_number)
        except ValidationError as exc:
            raise ValidationError({"id_number": exc.messages}) from exc
    member.phone = clean_phone(member.phone)
    if member.relation == Relation.SPOUSE and not member.id_number:
        raise ValidationError({"id_number": _("配偶需共同签字，请填写其身份证号码。")})
    if member.id_number and member.id_number == member.customer.id_number:
        raise ValidationError({"id_number": _("家庭成员的证件号码不能与客户本人相同。")})
    others = HouseholdMember.objects.filter(customer=member.customer).exclude(pk=member.pk)
    if member.relation == Relation.SPOUSE and others.filter(relation=Relation.SPOUSE).exists():
        raise ValidationError({"relation": _("该客户已登记配偶。")})
    if member.id_number and others.filter(id_number=member.id_number).exists():
        raise ValidationError({"id_number": _("该家庭成员已登记。")})
    member.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def member_add(*, customer: Customer, by: User, values: dict[str, Any]) -> HouseholdMember:
    """Add a household member; a spouse co-signs by default."""
    customer = lock(Customer.objects, customer, by=by, action=HOUSEHOLD)
    values = only_fields(values, MEMBER_FIELDS)
    if values.get("co_signs") is None:
        values["co_signs"] = values.get("relation") == Relation.SPOUSE
    values["name"] = (values.get("name") or "").strip()
    member = HouseholdMember(customer=customer, **values)
    _clean_member(member)
    return audited_save(member, by=by, reason=CustomersReason.MEMBER_ADD, clean=False)


@transaction.atomic
def member_update(*, member: HouseholdMember, by: User, changes: dict[str, Any]) -> HouseholdMember:
    member = lock(
        HouseholdMember.objects.select_related("customer"), member, by=by, action=HOUSEHOLD
    )
    for field, value in only_fields(changes, MEMBER_FIELDS).items():
        setattr(member, field, value)
    _clean_member(member)
    return audited_save(member, by=by, reason=CustomersReason.MEMBER_UPDATE, clean=False)


@transaction.atomic
def member_remove(*, member: HouseholdMember, by: User) -> None:
    member = lock(HouseholdMember.objects, member, by=by, action=HOUSEHOLD)
    audited_delete(member, by=by, reason=CustomersReason.MEMBER_REMOVE)


@transaction.atomic
def snapshot_record(*, customer: Customer, by: User, values: dict[str, Any]) -> FinancialSnapshot:
    """Record a dated business and financial snapshot; one per customer and day."""
    customer = lock(Customer.objects, customer, by=by, action=SNAPSHOT)
    values = only_fields(values, SNAPSHOT_FIELDS)
    if FinancialSnapshot.objects.filter(customer=customer, as_of=values.get("as_of")).exists():
        raise ValidationError({"as_of": _("该日期已有一份快照，请修改日期。")})
    snapshot = FinancialSnapshot(customer=customer, recorded_by=by, **values)
    snapshot.full_clean(validate_unique=False)
    if snapshot.as_of > datetime.date.today():
        raise ValidationError({"as_of": _("统计日期不能晚于今天。")})
    return audited_save(snapshot, by=by, reason=CustomersReason.SNAPSHOT_RECORD, clean=False)


@transaction.atomic
def snapshot_delete(*, snapshot: FinancialSnapshot, by: User) -> None:
    snapshot = lock(FinancialSnapshot.objects, snapshot, by=by, action=SNAPSHOT)
    audited_delete(snapshot, by=by, reason=CustomersReason.SNAPSHOT_DELETE)
