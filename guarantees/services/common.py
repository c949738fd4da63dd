"""What every guarantees service shares: the user and record checks, the row lock, and the
questions asked of an application (the floor above: read through its attributes only)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_writer
from creditdesk.roles import APPROVER_ROLES, Role
from customers import validators

M = TypeVar("M", bound=models.Model)

#: Application statuses in which guarantees and collateral may be added: until the contract is
#: signed (an approval may be conditional on an additional guarantee).
OPEN_STATUSES = ("draft", "investigating", "returned", "submitted", "referred", "approved")
#: Statuses in which what was proposed may still be taken back (before any approval).
WITHDRAWABLE_STATUSES = ("draft", "investigating", "returned", "submitted", "referred")


#: Who keeps guarantee records: account managers and branch heads (the committee decides,
#: auditors read, administrators keep reference data).
KEEPERS = (Role.MANAGER, Role.BRANCH_HEAD)


def require_keeper(by, roles=KEEPERS) -> None:
    """A writer whose role keeps guarantee records, or is one of ``roles`` (403 otherwise)."""
    require_writer(by)
    if by.role not in roles:
        raise PermissionDenied(_("%(role)s不能办理此项业务。") % {"role": by.get_role_display()})


def lock(queryset: models.QuerySet, obj: M, *, by, roles=KEEPERS) -> M:
    """The record locked for the change, after checking that ``by`` has one of ``roles`` and
    sees it."""
    require_keeper(by, roles)
    require_in_scope(queryset, by, obj)
    return queryset.select_for_update().get(pk=obj.pk)


def only_fields(values: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    """The values, refused (never a TypeError) if any names a field the service does not take."""
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError(
            _("不能修改这些字段：%(fields)s。") % {"fields": "、".join(unknown)}, code="unknown"
        )
    return dict(values)


def lock_application(application, *, by):
    """The loan application locked (its own manager: no import of the floor above), after the
    writer and scope checks."""
    manager = type(application)._default_manager
    require_writer(by)
    require_in_scope(manager, by, application)
    return (
        manager.select_for_update(of=("self",))
        .select_related("customer__branch")
        .get(pk=application.pk)
    )


def require_handler(application, by) -> None:
    """The application's manager: who created it or who manages the customer."""
    require_keeper(by)
    if by.pk not in (application.created_by_id, application.customer.manager_id):
        raise ValidationError(_("只有经办客户经理可以办理此操作。"))


def require_status(application, allowed: Iterable[str], action: str) -> None:
    if application.status not in allowed:
        raise ValidationError(
            _("申请当前状态为“%(status)s”，不能%(action)s。")
            % {"status": application.get_status_display(), "action": action}
        )


def require_independent_approver(application, by) -> None:
    """An approver (branch head or committee) who neither handled, managed nor investigated
    the application (审贷分离)."""
    if by.role not in APPROVER_ROLES:
        raise PermissionDenied(_("只有审批人可以办理此操作。"))
    involved = {application.created_by_id, application.customer.manager_id}
    investigation = getattr(application, "investigation", None)
    if investigation is not None:
        involved |= {investigation.investigator_id, investigation.second_investigator_id}
    if by.pk in involved:
        raise ValidationError(_("审贷分离：您经办、调查或管护了该申请，不能审批。"))


def field_error(field: str, exc: ValidationError) -> ValidationError:
    return ValidationError({field: exc.messages})


def clean_any_id(value: str) -> str:
    """A resident ID number or a unified social credit code, whichever the number is."""
    number = (value or "").replace(" ", "").upper()
    if number[:17].isdigit():
        try:
            return validators.clean_resident_id(number)
        except ValidationError as person_error:
            try:
                return validators.clean_credit_code(number)
            except ValidationError:
                raise person_error from None
    return validators.clean_credit_code(number)
