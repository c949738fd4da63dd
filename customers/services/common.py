"""What every customers service does first: check the user and the record, lock the row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from customers import validators

M = TypeVar("M", bound=models.Model)


def lock(queryset: models.QuerySet, obj: M, *, by, action: str) -> M:
    """The record locked for the change, after checking that ``by``'s role may do ``action``
    (a row of ``creditdesk.permissions_table``) and that ``by`` sees the record."""
    require_role(by, action)
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


def clean_phone(phone: str) -> str:
    if not phone:
        return ""
    try:
        return validators.clean_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
