"""What history rows a block of code wrote in the guarantees models (who and why)."""

from __future__ import annotations

from contextlib import contextmanager

from django.apps import apps
from django.db.models import Max

from creditdesk.history import decode_reason
from guarantees.reasons import GuaranteesReason

CODES = set(GuaranteesReason.values)


@contextmanager
def new_history():
    models = [m for m in apps.get_app_config("guarantees").get_models() if hasattr(m, "history")]
    marks = {m: m.history.aggregate(top=Max("history_id"))["top"] or 0 for m in models}
    rows: list[tuple[str, str, int | None]] = []
    yield rows
    for model, mark in marks.items():
        for stored, user_id in model.history.filter(history_id__gt=mark).values_list(
            "history_change_reason", "history_user_id"
        ):
            rows.append((model.__name__, decode_reason(stored)[0], user_id))


def assert_audited(rows, *, user, code=None) -> None:
    """Rows were written, each by ``user`` with a registered code (``code`` among them)."""
    assert rows, "the service wrote no history"
    for model, stored, user_id in rows:
        assert stored in CODES, f"{model}: {stored!r} is not a registered reason"
        assert user_id == user.pk, f"{model}: {stored} by {user_id}, expected {user.pk}"
    if code is not None:
        assert code in {row[1] for row in rows}
