"""Schemathesis over the OpenAPI schema, as each role: no 5xx, and every answer as documented
(status code, content type, headers, body) — for valid input and for input the schema forbids.

The API is called in-process through Django's WSGI handler, signed in by session cookie, inside
the test's transaction; every call runs in a savepoint rolled back afterwards, so each example
meets the bank of ``tests.world`` as built. Paths mostly get the ids of real records — the
caller's own, another manager's, another branch's — so that answers with data (where drift
hides: nulls, missing fields, bare lists) are checked too, not only 404s. A bounded stateful
run chains calls along the links schemathesis infers.

Bounded for CI (marked ``schemathesis``): 5 examples per operation and mode, derandomized (the
same examples every run), no shrinking, no example database: 15–30 s a role, about two minutes
in all on the project's 2-core machine (budget: 4). ``SCHEMATHESIS_EXAMPLES`` raises the count
for a longer hunt (``SCHEMATHESIS_EXAMPLES=50 .venv/bin/pytest tests/test_schemathesis.py``).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.world import SCOPES, world_in_rollback

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "5"))
ROLES = ("manager", "head", "committee", "auditor")
CALLS: Counter[int] = Counter()  # answers by class (2xx, 4xx, …) of the current role
CSRF = "schemathesisCsrfToken0123456789a"  # 32 letters and digits, sent as cookie and header
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

#: The world's record that fills ``{id}`` of each resource (its first path segment), by scope.
RECORDS = {
    "customers": "customer",
    "household-members": "member",
    "financial-snapshots": "snapshot",
    "contacts": "contact",
    "product-holdings": "holding",
    "credit-ratings": "rating",
    "credit-lines": "line_active",
    "village-batches": "batch_open",
    "batch-entries": "entry",
    "applications": "app_pending",
    "documents": "document",
    "loans": "loan",
    "inspections": "inspection_draft",
    "branches": "owner.branch",
    "users": "owner",
    "guarantors": "guarantor",
    "guarantees": "guarantee",
    "guarantee-structures": "app_pending",
    "collateral": "collateral",
    "pledges": "pledge",
    "joint-groups": "group",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


@contextmanager
def wsgi_app():
    """Django's WSGI handler, called in the test's thread and transaction. As Django's test
    client does, the handler must not close the connection at the end of each request (the
    test's transaction would go with it); a crash is kept to show beside the 500."""
    crashes: list[BaseException] = []

    def keep(sender, request=None, **kwargs):
        import sys

        crashes.append(sys.exc_info()[1])

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    got_request_exception.connect(keep)
    try:
        app = WSGIHandler()
        app.crashes = crashes
        yield app
    finally:
        got_request_exception.disconnect(keep)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _session(client) -> dict[str, str]:
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


def load_schema(app, client):
    """The schema as the signed-in user reads it (it is behind login), served to schemathesis
    with the WSGI application to call."""
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200, response.status_code
    # Django's test client reconnects close_old_connections when its request ends; the WSGI
    # calls that follow must not close the test's connection (on SQLite's in-memory database
    # closing does nothing, which hides this; on PostgreSQL it ends the transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_dict(json_bodies_only(response.json()))
    schema.app = app
    return schema


def json_bodies_only(document: dict) -> dict:
    """Request bodies in JSON, the API's language, wherever an operation takes JSON; multipart
    only where it is the only way (uploads). The form-encoded and multipart twins of JSON
    bodies are left out: Django's multipart parser drops a part whose name is not text, with
    the parts after it, and schemathesis then reads the refusal of a field it never saw
    arrive as "invalid data accepted"."""
    for operations in document["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for media_type in [m for m in content if m != "application/json"]:
                    del content[media_type]
    return document


def _resource(path: str) -> str:
    return path.strip("/").split("/")[1] if path.count("/") > 2 else ""


def _real_ids(world, role: str, path: str) -> list[str]:
    """Ids of the world's records for ``{id}`` in ``path``: every scope's (the caller's own,
    another manager's, another branch's), so scope answers are checked against the schema."""
    name = RECORDS.get(_resource(path))
    if "{id}" not in path or name is None:
        return []
    ids = []
    for scope in SCOPES:
        obj = world.scopes[scope]
        for part in name.split("."):
            obj = getattr(obj, part)
        ids.append(str(obj.pk))
    return ids


def _strategy(operation, mode: GenerationMode, ids: list[str]):
    generated = operation.as_strategy(generation_mode=mode)
    if not ids:
        return generated
    return st.one_of(
        generated,
        *(operation.as_strategy(generation_mode=mode, path_parameters={"id": i}) for i in ids),
    )


def exercise(schema, app, session: dict, world, role: str) -> list[str]:
    """Every operation, valid and invalid input: the failures, one line block each."""
    failures: list[str] = []
    headers = {"X-CSRFToken": CSRF}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 80, f"only {len(operations)} operations in the schema"
    for operation in operations:
        ids = _real_ids(world, role, operation.path)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            checks = CHECKS + ([negative_data_rejection] if mode.is_negative else [])
            check = _checker(operation, mode, ids, app, session, headers, checks)
            try:
                check()
            except Unsatisfiable:
                pass  # nothing to make invalid: no parameters, no body
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried
                failures.append(f"{operation.label} [{mode.value}]: {_short(str(exc))}")
    return failures


def _checker(operation, mode, ids, app, session, headers, checks):
    """One operation in one mode as a Hypothesis test: call, roll back, validate."""

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation, mode, ids))
    def check(case):
        cache.clear()  # the API's throttle counts calls: not what is tested here
        del app.crashes[:]
        with transaction.atomic():
            response = case.call(headers=headers, cookies=session)
            transaction.set_rollback(True)
        CALLS[response.status_code // 100] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis's FailureGroup
            crash = f"crash: {app.crashes[0]!r}\n" if app.crashes else ""
            raise AssertionError(f"{crash}{exc}") from None

    return check


def _short(message: str) -> str:
    message = re.sub(r"\n\s*\n", "\n", message)
    return message[:2500]


@pytest.mark.parametrize("role", ROLES)
def test_api_answers_as_documented(world, role, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    built, clients = world
    session = _session(clients[role])
    CALLS.clear()
    with wsgi_app() as app:
        schema = load_schema(app, clients[role])
        failures = exercise(schema, app, session, built, role)
    # Not only refusals: the records of the world answer with data to be checked.
    assert CALLS[2] > 100, f"answers by class: {dict(CALLS)}"
    assert not failures, f"{len(failures)} operations fail as {role}:\n\n" + "\n\n".join(failures)


def test_workflows_chained_as_a_manager(world, settings):
    """Stateful: calls chained along the links schemathesis infers (an application created,
    then read, changed, submitted; a contact logged, then closed…), each answer checked as
    above. The scenarios run in one savepoint, rolled back at the end."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    _built, clients = world
    session, headers = _session(clients["manager"]), {"X-CSRFToken": CSRF}
    with wsgi_app() as app:
        schema = load_schema(app, clients["manager"])

        class Workflows(schema.as_state_machine()):
            def before_call(self, case):
                cache.clear()

            def get_call_kwargs(self, case):
                return {"headers": headers, "cookies": session}

            def validate_response(self, response, case, additional_checks=None, **kwargs):
                CALLS[response.status_code // 100] += 1
                case.validate_response(response, checks=CHECKS, headers=headers)

        CALLS.clear()
        with transaction.atomic():
            Workflows.run(
                settings=hypothesis_settings(
                    max_examples=max(EXAMPLES * 2, 10),
                    stateful_step_count=6,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
            )
            transaction.set_rollback(True)
    assert CALLS[2] > 0, f"answers by class: {dict(CALLS)}"


def test_anonymous_callers_get_nothing(world, settings):
    """Without a session: the schema itself and every operation are refused (401/403)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    built, clients = world
    with wsgi_app() as app:
        assert clients["anonymous"].get("/api/schema/").status_code in (401, 403)
        assert clients["anonymous"].get("/api/docs/").status_code in (302, 401, 403)
        schema = load_schema(app, clients["manager"])
        answered = {}
        for result in schema.get_all_operations():
            operation = result.ok()
            ids = _real_ids(built, "manager", operation.path) or ["1"]
            case = operation.Case(
                path_parameters={"id": ids[0]} if "{id}" in operation.path else {}
            )
            cache.clear()
            with transaction.atomic():
                response = case.call()
                transaction.set_rollback(True)
            answered[operation.label] = response.status_code
    wrong = {label: code for label, code in answered.items() if code not in (401, 403)}
    assert answered and not wrong, f"answered an anonymous caller: {wrong}"
