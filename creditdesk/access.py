"""The one way a view or API view fetches a record for a user: 404 outside scope, 403 read-only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from creditdesk.permissions_table import allowed_roles
from creditdesk.scoping import can_write


def get_for_user(queryset: QuerySet, user, *, write: bool = False, **lookup) -> Model:
    """Return the record from ``queryset.visible_to(user)`` or raise 404; 403 if ``write`` and
    the user may only read.

    A malformed id ("abc", 10**20) is a 404 like a missing one, and so is another scope's
    record: nobody learns from the answer whether a record exists.
    """
    try:
        obj = queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError, ValidationError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return obj


def require_writer(user) -> None:
    """Services call this first: auditors and inactive users change nothing (403)."""
    if not can_write(user):
        raise PermissionDenied(_("您没有修改权限。"))


def may(user, action: str) -> bool:
    """Whether the table lets the user's role do ``action``: pages show a button only then."""
    return can_write(user) and user.role in allowed_roles(action)


def require_role(user, action: str) -> None:
    """Services call this first: the user writes at all and their role may do ``action``
    (a row of ``creditdesk.permissions_table``, the table docs/roles.md shows); else 403.

    The role alone decides, for superusers too: an administrator manages reference data,
    not customer files. The row's scope condition is the service's own check.
    """
    require_writer(user)
    if user.role not in allowed_roles(action):
        raise PermissionDenied(_("%(role)s不能办理此项业务。") % {"role": user.get_role_display()})


def require_in_scope(queryset: QuerySet, user, obj: Model) -> None:
    """Services call this for every record they are handed: outside the user's scope is 403.

    (Views already answer 404 before a service runs; this is the backstop for the API, admin
    actions and any future caller.)
    """
    if not queryset.visible_to(user).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("该记录不在您的管辖范围内。"))
