"""Every change to a customer's file, one function each (web, API, import and admin call these).

Rules are checked here and broken rules raise ``ValidationError`` with a translated message.
Each change carries an audit reason (``_change_reason``) for the trail at /activity/….
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from creditdesk.models import Role, User
from creditdesk.scoping import can_write
from customers import validators
from customers.models import (
    Contact,
    ContactKind,
    Customer,
    CustomerStatus,
    CustomerType,
    FinancialSnapshot,
    HouseholdMember,
    PipelineStage,
    Product,
    ProductHolding,
    Relation,
)

#: Fields of the file a manager edits freely (identity and ownership have their own functions).
PROFILE_FIELDS = (
    "name",
    "phone",
    "township",
    "village",
    "address",
    "industry",
    "channel",
    "segment",
    "notes",
    "status",
)


def _require_writer(user: User) -> None:
    if not can_write(user):
        raise PermissionDenied


def duplicate_message(existing: Customer) -> str:
    """Who to ask about a number already on file — never the customer's own details."""
    return _("该证件号码已在本行建档，请联系管户客户经理 %(manager)s（%(branch)s）。") % {
        "manager": existing.manager.get_full_name(),
        "branch": existing.branch.name,
    }


def check_not_duplicate(id_number: str, *, exclude_pk: int | None = None) -> None:
    """One customer per ID number bank-wide: say who to ask when it exists already."""
    existing = (
        Customer.objects.select_related("manager", "branch")
        .filter(id_number=id_number)
        .exclude(pk=exclude_pk)
        .first()
    )
    if existing is not None:
        raise ValidationError({"id_number": duplicate_message(existing)}, code="duplicate")


def clean_identity(*, customer_type: str, id_number: str) -> tuple[str, datetime.date | None]:
    """The stored ID number and, for persons, the birth date it carries."""
    is_person = customer_type in (CustomerType.FARM_HOUSEHOLD, CustomerType.INDIVIDUAL_BUSINESS)
    try:
        number = validators.clean_id_for_type(id_number, is_person=is_person)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from exc
    birth = validators.birth_date_from_id(number) if is_person else None
    return number, birth


def _clean_phone(phone: str) -> str:
    if not phone:
        return ""
    try:
        return validators.clean_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc


@transaction.atomic
def customer_create(
    *,
    by: User,
    name: str,
    customer_type: str,
    id_number: str,
    manager: User | None = None,
    phone: str = "",
    reason: str = "",
    **profile: Any,
) -> Customer:
    """Open a customer's file (建档). The manager defaults to the one creating it."""
    _require_writer(by)
    manager = manager or by
    if manager.role != Role.MANAGER:
        raise ValidationError({"manager": _("管户人必须是客户经理。")})
    if by.role == Role.MANAGER and manager != by:
        raise PermissionDenied
    if by.role == Role.BRANCH_HEAD and not manager.branch.path.startswith(by.branch.path):
        raise ValidationError({"manager": _("只能交给本支行及下辖网点的客户经理。")})
    number, birth = clean_identity(customer_type=customer_type, id_number=id_number)
    check_not_duplicate(number)
    unknown = set(profile) - set(PROFILE_FIELDS) - {"stage", "lost_reason"}
    if unknown:
        raise TypeError(f"unknown customer fields: {sorted(unknown)}")
    customer = Customer(
        name=name.strip(),
        customer_type=customer_type,
        id_number=number,
        birth_date=birth,
        phone=_clean_phone(phone),
        manager=manager,
        branch=manager.branch,
        **profile,
    )
    customer.full_clean(validate_unique=False)
    customer._change_reason = reason or _("新建客户档案")
    customer._history_user = by
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError as exc:
        # Two managers saving the same number at once: the database decides, we explain.
        check_not_duplicate(number)
        raise ValidationError(_("保存失败，请重试。")) from exc
    return customer


@transaction.atomic
def customer_update(
    *, customer: Customer, by: User, changes: dict[str, Any], reason: str = ""
) -> Customer:
    """Change the file's profile; a new ID number (typo fixed) is checked like a new one."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    changes = dict(changes)
    if "customer_type" in changes or "id_number" in changes:
        customer_type = changes.pop("customer_type", customer.customer_type)
        number, birth = clean_identity(
            customer_type=customer_type, id_number=changes.pop("id_number", customer.id_number)
        )
        if number != customer.id_number:
            check_not_duplicate(number, exclude_pk=customer.pk)
        customer.customer_type, customer.id_number, customer.birth_date = (
            customer_type,
            number,
            birth,
        )
    for field, value in changes.items():
        if field not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {field}")
        setattr(customer, field, _clean_phone(value) if field == "phone" else value)
    customer.full_clean(validate_unique=False)
    customer._change_reason = reason or _("修改客户档案")
    customer._history_user = by
    customer.save()
    return customer


@transaction.atomic
def customer_move_stage(
    *, customer: Customer, by: User, stage: str, lost_reason: str = ""
) -> Customer:
    """Move a customer along the marketing pipeline; "lost" needs a reason."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    if stage not in PipelineStage.values:
        raise ValidationError({"stage": _("无效的营销阶段。")})
    lost_reason = (lost_reason or "").strip()
    if stage == PipelineStage.LOST and not lost_reason:
        raise ValidationError({"lost_reason": _("标记为流失时请写明原因。")})
    customer.stage = stage
    customer.lost_reason = lost_reason if stage == PipelineStage.LOST else ""
    if stage == PipelineStage.CUSTOMER and customer.status == CustomerStatus.PROSPECT:
        customer.status = CustomerStatus.ACTIVE
    elif stage == PipelineStage.LOST:
        customer.status = CustomerStatus.LOST
    customer._change_reason = _("营销阶段：%(stage)s") % {"stage": PipelineStage(stage).label} + (
        f"（{lost_reason}）" if lost_reason else ""
    )
    customer._history_user = by
    customer.save()
    return customer


@transaction.atomic
def customers_reassign(
    *, customers: Iterable[Customer], to_manager: User, by: User, reason: str
) -> int:
    """A branch head moves customers (one or many) to another manager of their branch."""
    _require_writer(by)
    reason = (reason or "").strip()
    if by.role != Role.BRANCH_HEAD and not by.is_superuser and by.role != Role.ADMIN:
        raise PermissionDenied
    if not reason:
        raise ValidationError({"reason": _("请填写移交原因。")})
    if to_manager.role != Role.MANAGER or not to_manager.is_active:
        raise ValidationError({"to_manager": _("只能移交给在岗的客户经理。")})
    if by.role == Role.BRANCH_HEAD and not to_manager.branch.path.startswith(by.branch.path):
        raise ValidationError({"to_manager": _("只能移交给本支行及下辖网点的客户经理。")})
    pks = [c.pk for c in customers]
    if not pks:
        raise ValidationError(_("请至少选择一位客户。"))
    locked = list(
        Customer.objects.visible_to(by)
        .select_for_update()
        .select_related("manager")
        .filter(pk__in=pks)
    )
    if len(locked) != len(set(pks)):
        raise PermissionDenied
    moved = 0
    for customer in locked:
        if customer.manager_id == to_manager.pk:
            continue
        customer._change_reason = _("客户移交：%(old)s → %(new)s；原因：%(reason)s") % {
            "old": customer.manager.get_full_name(),
            "new": to_manager.get_full_name(),
            "reason": reason,
        }
        customer._history_user = by
        customer.manager = to_manager
        customer.branch = to_manager.branch
        customer.save(update_fields=["manager", "branch", "updated_at"])
        moved += 1
    return moved


# --- household ---


def _clean_member(member: HouseholdMember) -> None:
    if member.id_number:
        try:
            member.id_number = validators.clean_resident_id(member.id_number)
        except ValidationError as exc:
            raise ValidationError({"id_number": exc.messages}) from exc
    member.phone = _clean_phone(member.phone)
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
def member_add(
    *,
    customer: Customer,
    by: User,
    name: str,
    relation: str,
    id_number: str = "",
    phone: str = "",
    occupation: str = "",
    co_signs: bool | None = None,
) -> HouseholdMember:
    """Add a household member; a spouse co-signs by default."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    member = HouseholdMember(
        customer=customer,
        name=name.strip(),
        relation=relation,
        id_number=id_number,
        phone=phone,
        occupation=occupation,
        co_signs=(relation == Relation.SPOUSE) if co_signs is None else co_signs,
    )
    _clean_member(member)
    member._change_reason = _("登记家庭成员")
    member._history_user = by
    member.save()
    return member


@transaction.atomic
def member_update(*, member: HouseholdMember, by: User, changes: dict[str, Any]) -> HouseholdMember:
    _require_writer(by)
    member = (
        HouseholdMember.objects.select_for_update().select_related("customer").get(pk=member.pk)
    )
    for field, value in changes.items():
        if field not in ("name", "relation", "id_number", "phone", "occupation", "co_signs"):
            raise TypeError(f"not a member field: {field}")
        setattr(member, field, value)
    _clean_member(member)
    member._change_reason = _("修改家庭成员")
    member._history_user = by
    member.save()
    return member


@transaction.atomic
def member_remove(*, member: HouseholdMember, by: User) -> None:
    _require_writer(by)
    member = HouseholdMember.objects.select_for_update().get(pk=member.pk)
    member._change_reason = _("删除家庭成员")
    member._history_user = by
    member.delete()


# --- financial profile ---

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


@transaction.atomic
def snapshot_record(*, customer: Customer, by: User, values: dict[str, Any]) -> FinancialSnapshot:
    """Record a dated business and financial snapshot; one per customer and day."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    unknown = set(values) - set(SNAPSHOT_FIELDS)
    if unknown:
        raise TypeError(f"not snapshot fields: {sorted(unknown)}")
    if FinancialSnapshot.objects.filter(customer=customer, as_of=values.get("as_of")).exists():
        raise ValidationError({"as_of": _("该日期已有一份快照，请修改日期。")})
    snapshot = FinancialSnapshot(customer=customer, recorded_by=by, **values)
    snapshot.full_clean(validate_unique=False)
    if snapshot.as_of > datetime.date.today():
        raise ValidationError({"as_of": _("统计日期不能晚于今天。")})
    snapshot._change_reason = _("记录经营财务快照")
    snapshot._history_user = by
    snapshot.save()
    return snapshot


@transaction.atomic
def snapshot_delete(*, snapshot: FinancialSnapshot, by: User) -> None:
    _require_writer(by)
    snapshot = FinancialSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    snapshot._change_reason = _("删除经营财务快照")
    snapshot._history_user = by
    snapshot.delete()


# --- contacts ---

CONTACT_FIELDS = (
    "kind",
    "occurred_on",
    "attendees",
    "purpose",
    "summary",
    "cost",
    "follow_up_on",
)


def _clean_contact(contact: Contact) -> None:
    if contact.kind not in ContactKind.values:
        raise ValidationError({"kind": _("无效的接触方式。")})
    if contact.occurred_on and contact.occurred_on > datetime.date.today():
        raise ValidationError({"occurred_on": _("接触日期不能晚于今天；计划中的事请填跟进日期。")})
    if contact.follow_up_on and contact.occurred_on and contact.follow_up_on < contact.occurred_on:
        raise ValidationError({"follow_up_on": _("跟进日期不能早于接触日期。")})
    if contact.cost is None:
        contact.cost = Decimal("0.00")
    contact.full_clean(validate_unique=False)


@transaction.atomic
def contact_log(*, customer: Customer, by: User, values: dict[str, Any]) -> Contact:
    """Log a visit, call, message, meal or gift, with an optional follow-up date."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"not contact fields: {sorted(unknown)}")
    contact = Contact(customer=customer, created_by=by, **values)
    _clean_contact(contact)
    contact._change_reason = _("记录客户接触")
    contact._history_user = by
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, by: User, values: dict[str, Any]) -> Contact:
    _require_writer(by)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    for field, value in values.items():
        if field not in CONTACT_FIELDS:
            raise TypeError(f"not a contact field: {field}")
        setattr(contact, field, value)
    if contact.follow_up_on is None:
        contact.follow_up_done = False
    _clean_contact(contact)
    contact._change_reason = _("修改接触记录")
    contact._history_user = by
    contact.save()
    return contact


@transaction.atomic
def contact_follow_up_done(*, contact: Contact, by: User) -> Contact:
    """Mark a promised follow-up as done: it leaves the home page."""
    _require_writer(by)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.follow_up_on is None:
        raise ValidationError(_("这条记录没有跟进日期。"))
    contact.follow_up_done = True
    contact._change_reason = _("完成跟进")
    contact._history_user = by
    contact.save(update_fields=["follow_up_done"])
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, by: User) -> None:
    _require_writer(by)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact._change_reason = _("删除接触记录")
    contact._history_user = by
    contact.delete()


# --- cross-selling ---


@transaction.atomic
def products_set(
    *, customer: Customer, by: User, products: Iterable[str], since: datetime.date | None = None
) -> list[ProductHolding]:
    """Set the products the customer holds: added ones get ``since``, removed ones go."""
    _require_writer(by)
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    wanted = set(products)
    if wanted - set(Product.values):
        raise ValidationError({"products": _("无效的产品。")})
    held = {h.product: h for h in ProductHolding.objects.filter(customer=customer)}
    for product, holding in held.items():
        if product not in wanted:
            holding._change_reason = _("停用产品")
            holding._history_user = by
            holding.delete()
    for product in sorted(wanted - set(held)):
        holding = ProductHolding(customer=customer, product=product, since=since)
        holding._change_reason = _("开通产品")
        holding._history_user = by
        holding.save()
    return list(ProductHolding.objects.filter(customer=customer))
