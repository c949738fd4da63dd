"""The one way a view or API view fetches a record for a user: 404 outside scope, 403 read-only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from creditdesk.scoping import can_write


def get_for_user(queryset: QuerySet, user, *, write: bool = False, **lookup) -> Model:
    """Return the record from ``queryset.visible_to(user)`` or raise 404; 403 if ``write`` and
    the user may only read."""
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if write and not can_write(user):
        raise PermissionDenied
    return obj
