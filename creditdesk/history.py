"""The one write path for audited records (django-simple-history).

Every service saves an audited model through these helpers, so that each change leaves a
history row with *who* (the member of staff, or None for a system job) and *why* (a reason
code). Reasons are stored as codes, never as sentences, and shown in the reader's language:
each app declares its codes as a ``TextChoices`` in ``<app>/reasons.py``, prefixed with the
app's label (``"loans.approve"``). A note typed by a person (a reassignment's reason, say) is
kept after the code, separated by ``|``.

- :func:`audited_save` / :func:`audited_delete`: one record.
- :func:`audited_bulk_create` / :func:`audited_bulk_update`: many records, history written in
  the same transaction by simple-history's bulk helpers.
- :func:`audited_update`: a set-based ``UPDATE`` (nightly jobs); reads only the rows it
  changes, then writes their history rows in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from creditdesk.constraints import readable

M = TypeVar("M", bound=models.Model)

SEPARATOR = "|"
#: Rows per statement in set-based updates: bounded memory, whatever the job's size.
CHUNK = 2000


def encode_reason(reason: str | Enum, note: str = "") -> str:
    code = reason.value if isinstance(reason, Enum) else str(reason)
    if SEPARATOR in code or not code:
        raise ValueError(f"not a reason code: {code!r}")
    note = " ".join((note or "").split())
    return f"{code}{SEPARATOR}{note}" if note else code


def decode_reason(stored: str | None) -> tuple[str, str]:
    """(code, note) of a stored reason."""
    code, _sep, note = (stored or "").partition(SEPARATOR)
    return code, note


@cache
def _reason_labels() -> dict[str, Any]:
    from creditdesk.discovery import app_modules

    labels: dict[str, Any] = {}
    for module in app_modules("reasons"):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, models.TextChoices):
                labels.update(dict(value.choices))
    return labels


def known_reason_codes() -> set[str]:
    return set(_reason_labels())


def reason_text(stored: str | None) -> str:
    """The stored reason in the reader's language (label, then the typed note if any)."""
    code, note = decode_reason(stored)
    if not code:
        return ""
    label = _reason_labels().get(code)
    text = str(label) if label is not None else code
    return _("%(reason)s：%(note)s") % {"reason": text, "note": note} if note else text


def audited_save(
    instance: M,
    *,
    by,
    reason: str | Enum,
    note: str = "",
    clean: bool = True,
    exclude: Sequence[str] | None = None,
    update_fields: Sequence[str] | None = None,
) -> M:
    """Validate (``full_clean``), then save with who and why in the record's history."""
    if clean:
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as exc:  # a constraint's name → a sentence beside its field
            raise readable(instance, exc) from None
    instance._history_user = by
    instance._change_reason = encode_reason(reason, note)
    instance.save(update_fields=update_fields)
    return instance


def audited_delete(instance: models.Model, *, by, reason: str | Enum, note: str = "") -> None:
    instance._history_user = by
    instance._change_reason = encode_reason(reason, note)
    instance.delete()


def _clean_fields(objs: Iterable[models.Model], exclude: Sequence[str] | None) -> None:
    # Field validation only: uniqueness and constraints are the database's job here, where a
    # query per row would defeat the point of writing in bulk.
    for obj in objs:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


@transaction.atomic
def audited_bulk_create(
    model: type[M],
    objs: list[M],
    *,
    by,
    reason: str | Enum,
    note: str = "",
    exclude: Sequence[str] | None = None,
) -> list[M]:
    _clean_fields(objs, exclude)
    return bulk_create_with_history(
        objs,
        model,
        default_user=by,
        default_change_reason=encode_reason(reason, note),
        default_date=timezone.now(),
    )


@transaction.atomic
def audited_bulk_update(
    model: type[M],
    objs: list[M],
    fields: Sequence[str],
    *,
    by,
    reason: str | Enum,
    note: str = "",
) -> int:
    if not objs:
        return 0
    _clean_fields(objs, exclude=None)
    return bulk_update_with_history(
        objs,
        model,
        list(fields),
        default_user=by,
        default_change_reason=encode_reason(reason, note),
        default_date=timezone.now(),
    )


@transaction.atomic
def audited_update(
    queryset: models.QuerySet, *, by, reason: str | Enum, note: str = "", **values
) -> int:
    """``queryset.update(**values)`` that leaves a history row for every row it changed.

    Work and memory scale with the rows changed, not the rows read: the ids of the matching
    rows are taken first (locked), then each chunk is updated and its new state copied into
    the history table in one bulk insert.
    """
    model = queryset.model
    manager = model._default_manager
    ids = list(queryset.select_for_update().values_list("pk", flat=True))
    stored_reason = encode_reason(reason, note)
    now = timezone.now()
    changed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        changed += manager.filter(pk__in=chunk).update(**values)
        model.history.bulk_history_create(
            list(manager.filter(pk__in=chunk)),
            update=True,
            default_user=by,
            default_change_reason=stored_reason,
            default_date=now,
        )
    return changed
