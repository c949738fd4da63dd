"""Reading the audit trail kept by django-simple-history (see docs/audit-trail.md).

What a reader sees is the bank's words, not the database's: field labels, choice labels,
people's and records' names instead of ids, money as money, and the reason of each change in
the reader's language (:func:`creditdesk.history.reason_text`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from creditdesk.history import reason_text


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    reason: str
    changes: list[Change]


def money_text(value: Decimal) -> str:
    """Yuan as staff read them: thousands separated, two places (not a rounding rule: see
    loans.schedules.money)."""
    return f"{value:,.2f}"


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _display(field: models.Field | None, value, names: dict) -> object:
    """One stored value as a reader should see it; None stays None (shown as a dash)."""
    if value is None or field is None:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), f"#{value}")
    if isinstance(field, models.BooleanField):
        return _("是") if value else _("否")
    if isinstance(field, models.DecimalField) and field.decimal_places == 2:
        return money_text(Decimal(value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _related_names(model: type[models.Model], raw: list[tuple[str, object, object]]) -> dict:
    """Names of every record a foreign key in the diffs points at: one query per model."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for name, old, new in raw:
        field = _field(model, name)
        if isinstance(field, models.ForeignKey):
            wanted[field.related_model] |= {v for v in (old, new) if v is not None}
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


def history_entries(model: type[models.Model], pk) -> list[Entry]:
    """Every version of the record ``pk`` of ``model``, newest first, with what changed.

    Works for a deleted record too (its history outlives it). One query for the versions and
    their users, one per kind of related record named in the changes; diffs are computed in
    memory from neighbours rather than through ``prev_record`` (a query per row).
    """
    records = list(
        model.history.filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    deltas: list[list[tuple[str, object, object]]] = []
    previous = None
    for record in records:
        raw = []
        if previous is not None:
            raw = [(c.field, c.old, c.new) for c in record.diff_against(previous).changes]
        deltas.append(raw)
        previous = record
    names = _related_names(model, [row for raw in deltas for row in raw])
    entries = []
    for record, raw in zip(records, deltas, strict=True):
        changes = []
        for name, old, new in raw:
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
            changes.append(
                Change(name, label, _display(field, old, names), _display(field, new, names))
            )
        entries.append(
            Entry(
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                reason=reason_text(record.history_change_reason),
                changes=changes,
            )
        )
    entries.reverse()
    return entries


def last_version(model: type[models.Model], pk):
    """The last historical version of a record (for a deleted one, what it was), or None."""
    return model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
