"""The one way a view or API view fetches a record for a user: 404 outside scope, 403 read-only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

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
