"""A helper for the history tests: what history rows a block of code wrote, per app."""

from __future__ import annotations

from contextlib import contextmanager

from django.apps import apps
from django.db.models import Max

from creditdesk.history import decode_reason


def audited_models(app_label: str) -> list:
    return [m for m in apps.get_app_config(app_label).get_models() if hasattr(m, "history")]


def _marks(models) -> dict:
    return {m: m.history.aggregate(top=Max("history_id"))["top"] or 0 for m in models}


@contextmanager
def new_history(app_label: str):
    """Yields a list filled, after the block, with (model name, code, user id) of every history
    row the block wrote in ``app_label``'s models."""
    models = audited_models(app_label)
    marks = _marks(models)
    rows: list[tuple[str, str, int | None]] = []
    yield rows
    for model, mark in marks.items():
        for stored, user_id in model.history.filter(history_id__gt=mark).values_list(
            "history_change_reason", "history_user_id"
        ):
            rows.append((model.__name__, decode_reason(stored)[0], user_id))


def assert_audited(rows, *, user, codes) -> None:
    """Every row has the user (None only for ``job.`` codes) and a code of ``codes``."""
    assert rows, "the service wrote no history"
    for model, code, user_id in rows:
        assert code in codes, f"{model}: {code!r} is not a registered reason"
        expected = None if code.startswith("job.") else user.pk
        assert user_id == expected, f"{model}: {code} by {user_id}, expected {expected}"
