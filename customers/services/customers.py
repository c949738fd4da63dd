"""Opening, editing and reassigning a customer's file (建档, 修改, 移交)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from creditdesk.access import require_role
from creditdesk.history import audited_save
from creditdesk.models import Role, User
from customers import validators
from customers.models import PERSON_TYPES, Customer
from customers.reasons import CustomersReason
from customers.services.common import clean_phone, lock, only_fields
from customers.signals import customers_reassigned

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
IDENTITY_FIELDS = ("customer_type", "id_number")


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
    is_person = customer_type in PERSON_TYPES
    try:
        number = validators.clean_id_for_type(id_number, is_person=is_person)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from exc
    birth = validators.birth_date_from_id(number) if is_person else None
    return number, birth


def _check_manager(manager: User, *, by: User) -> None:
    """Who may be given a new file: a manager; a manager files their own, a head their branch's."""
    if manager.role != Role.MANAGER:
        raise ValidationError({"manager": _("管户人必须是客户经理。")})
    if by.role == Role.MANAGER and manager != by:
        raise PermissionDenied
    if by.role == Role.BRANCH_HEAD and not manager.branch.path.startswith(by.branch.path):
        raise ValidationError({"manager": _("只能交给本支行及下辖网点的客户经理。")})


@transaction.atomic
def customer_create(
    *,
    by: User,
    name: str,
    customer_type: str,
    id_number: str,
    manager: User | None = None,
    phone: str = "",
    reason: CustomersReason = CustomersReason.CREATE,
    **profile: Any,
) -> Customer:
    """Open a customer's file (建档). The manager defaults to the one creating it."""
    require_role(by, "customers.create")
    profile = only_fields(profile, (*PROFILE_FIELDS, "stage", "lost_reason"))
    manager = manager or by
    _check_manager(manager, by=by)
    number, birth = clean_identity(customer_type=customer_type, id_number=id_number)
    check_not_duplicate(number)
    customer = Customer(
        name=name.strip(),
        customer_type=customer_type,
        id_number=number,
        birth_date=birth,
        phone=clean_phone(phone),
        manager=manager,
        branch=manager.branch,
        **profile,
    )
    try:
        with transaction.atomic():
            audited_save(customer, by=by, reason=reason)
    except IntegrityError as exc:
        # Two managers saving the same number at once: the database decides, we explain.
        check_not_duplicate(number)
        raise ValidationError(_("保存失败，请重试。")) from exc
    return customer


@transaction.atomic
def customer_update(*, customer: Customer, by: User, changes: dict[str, Any]) -> Customer:
    """Change the file's profile; a new ID number (typo fixed) is checked like a new one."""
    customer = lock(Customer.objects, customer, by=by, action="customers.edit")
    changes = only_fields(changes, (*PROFILE_FIELDS, *IDENTITY_FIELDS))
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
        setattr(customer, field, clean_phone(value) if field == "phone" else value)
    return audited_save(customer, by=by, reason=CustomersReason.UPDATE)


@transaction.atomic
def customers_reassign(
    *, customers: Iterable[Customer], to_manager: User, by: User, reason: str
) -> int:
    """A branch head moves customers (one or many) to another manager of their branch.

    Sends ``customers_reassigned`` with the moved customers' ids, inside the transaction.
    """
    require_role(by, "customers.reassign")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写移交原因。")})
    if to_manager.role != Role.MANAGER or not to_manager.is_active:
        raise ValidationError({"to_manager": _("只能移交给在岗的客户经理。")})
    if by.role == Role.BRANCH_HEAD and not to_manager.branch.path.startswith(by.branch.path):
        raise ValidationError({"to_manager": _("只能移交给本支行及下辖网点的客户经理。")})
    pks = {c.pk for c in customers}
    if not pks:
        raise ValidationError(_("请至少选择一位客户。"))
    locked = list(Customer.objects.visible_to(by).select_for_update().filter(pk__in=pks))
    if len(locked) != len(pks):
        raise PermissionDenied
    moved = []
    for customer in locked:
        if customer.manager_id == to_manager.pk:
            continue
        customer.manager = to_manager
        customer.branch = to_manager.branch
        audited_save(
            customer,
            by=by,
            reason=CustomersReason.REASSIGN,
            note=reason,
            clean=False,
            update_fields=["manager", "branch", "updated_at"],
        )
        moved.append(customer.pk)
    if moved:
        customers_reassigned.send(sender=Customer, customer_ids=moved, by=by)
    return len(moved)
