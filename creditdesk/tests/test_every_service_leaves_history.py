"""Every service that changes an audited model is walked by its app's history test.

Each public ``@transaction.atomic`` function in ``<app>/services`` (module or package) must be
called in one of ``<app>/tests/test_history*.py``, which asserts the history row, its user and
its reason code. A new service without such a test fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["creditdesk", "customers", "guarantees", "loans", "postloan"]


def _atomic_services(app: str) -> list[str]:
    files = [ROOT / app / "services.py", *sorted((ROOT / app / "services").glob("*.py"))]
    names = []
    for path in files:
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if any("atomic" in ast.unparse(d) for d in node.decorator_list):
                names.append(node.name)
    return names


def _history_tests(app: str) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / app / "tests").glob("test_history*.py")
    )


@pytest.mark.parametrize("app", APPS)
def test_each_service_is_walked_by_a_history_test(app):
    source = _history_tests(app)
    missing = [name for name in _atomic_services(app) if f"{name}(" not in source]
    assert missing == [], f"{app}: services without a history test: {missing}"


def test_the_walk_finds_the_services():
    # The check above must not pass by finding nothing.
    assert "branch_save" in _atomic_services("creditdesk")
    assert len(_atomic_services("customers")) >= 10
    assert len(_atomic_services("loans")) >= 10


#: Reasons written with no member of staff behind them: nightly jobs and the demo organisation.
def _unattended(code: str) -> bool:
    return code.startswith("job.") or code == "creditdesk.demo"


def test_the_whole_demo_bank_was_written_through_the_audited_path(db):
    from django.apps import apps
    from django.core.management import call_command

    from creditdesk.history import decode_reason, known_reason_codes

    call_command("seed_demo")
    known = known_reason_codes()
    problems = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS or not hasattr(model, "history"):
            continue
        for stored, user_id in model.history.values_list(
            "history_change_reason", "history_user_id"
        ).distinct():
            code, _note = decode_reason(stored)
            if code not in known:
                problems.append(f"{model.__name__}: unregistered reason {stored!r}")
            elif user_id is None and not _unattended(code):
                problems.append(f"{model.__name__}: {code} with no user")
    assert sorted(set(problems)) == []
