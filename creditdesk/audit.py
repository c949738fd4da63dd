"""Reading the audit trail kept by django-simple-history (see docs/audit-trail.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    reason: str
    changes: list[Change]


def _label(obj: Model, field: str) -> str:
    try:
        return str(obj._meta.get_field(field).verbose_name)
    except Exception:
        return field


def history_entries(obj: Model) -> list[Entry]:
    """Every version of ``obj``, newest first, with the fields that changed.

    One query for the versions and their users; diffs are computed in memory from neighbours
    rather than through ``prev_record`` (a query per row).
    """
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    entries: list[Entry] = []
    previous = None
    for record in records:
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [Change(c.field, _label(obj, c.field), c.old, c.new) for c in delta.changes]
        entries.append(
            Entry(
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return entries
