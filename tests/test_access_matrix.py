"""The access matrix: every URL × role × scope × read and write answers as
``tests/access_matrix.py`` says, and every URL pattern of the project has its rows.

The bank of ``tests.world`` is built once for the module (in a transaction rolled back at the
end); every request runs in a savepoint rolled back after it, so each one meets the same records
in the same states and a write that succeeds changes nothing for the next.
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from creditdesk.admin import AuditedAdmin, ReadOnlyAdmin
from customers.models import Scorecard
from tests.access_matrix import ROLES, ROWS, SCOPES, Row
from tests.factories import make_id_number
from tests.world import JPEG, PDF, World, world_in_rollback

# The world is built by a module-scoped fixture; pytest-django creates the test database only
# for sessions holding tests marked django_db, and this mark makes the module one of them.
pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """Every URL pattern of the project: (route as written, its name with namespace, kwargs)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}{pattern.name}" if pattern.name else route
            yield route, name, set(pattern.pattern.regex.groupindex), pattern.callback


def _is_admin(route: str, name: str) -> bool:
    return name.startswith("admin:") or route.startswith("admin/")


PATTERNS = list(url_patterns())
PATTERN_KWARGS: dict[str, set[str]] = {}
for _route, _name, _kwargs, _callback in PATTERNS:
    PATTERN_KWARGS.setdefault(_name, set()).update(_kwargs - {"format"})
ROUTES = sorted({row.route for row in ROWS})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


# --- sending one row's request ---


def _record(world: World, name: str, scope: str):
    if name in world.refs:
        return world.refs[name]
    obj = world.scopes[scope]
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def _is_scoped(row: Row, world: World) -> bool:
    return row.record is not None and row.record not in world.refs


def _context(world: World, row: Row, scope: str) -> dict:
    records = world.scopes[scope]
    record = _record(world, row.record, scope) if row.record else None
    card = Scorecard.objects.get(customer_type="farm_household")
    factors = list(card.factors.values_list("pk", flat=True))
    return {
        "pk": getattr(record, "pk", None),
        "id_number": getattr(record, "id_number", ""),
        "village": getattr(record, "village", ""),
        "customer": records.customer.pk,
        "second": records.second.pk,
        "manager": world.scopes["own"].owner.pk,
        "manager2": world.scopes["branch"].owner.pk,
        "product": world.refs["product"].pk,
        "today": timezone.localdate().isoformat(),
        "new_id": make_id_number(777, birth=timezone.localdate().replace(year=1985)),
        "factors": factors,
        "scores": {str(pk): "90" for pk in factors},
        "batch_scores": {str(getattr(record, "pk", 0)): {str(pk): "90" for pk in factors}},
        "pdf": lambda: SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
        "jpeg": lambda: SimpleUploadedFile("photo.jpg", JPEG, content_type="image/jpeg"),
    }


def _fill(value, context: dict):
    """``row.data`` with its placeholders replaced (see tests/access_matrix.py)."""
    if isinstance(value, dict):
        filled = {}
        for key, item in value.items():
            if key == "factor_*":
                filled.update({f"factor_{pk}": item for pk in context["factors"]})
            elif key == "household_*":
                customer = context["pk"]
                filled[f"include_{customer}"] = "on"
                filled.update({f"s_{customer}_{pk}": item for pk in context["factors"]})
            else:
                filled[key] = _fill(item, context)
        return filled
    if isinstance(value, list):
        return [_fill(item, context) for item in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        name = value[1:-1]
        if name in context:
            made = context[name]
            return made() if callable(made) else made
    return value


def request(client: Client, method: str, url: str, data=None, *, as_json: bool = False):
    """One request in a savepoint rolled back afterwards, the client's cookies kept as they were
    (a logout or a flash message must not reach the next request)."""
    cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
    cache.clear()  # throttles and lockouts count per request here, not across the matrix
    with transaction.atomic():
        if as_json:
            response = client.generic(method, url, json.dumps(data), "application/json")
        elif method in ("GET", "POST"):
            response = getattr(client, method.lower())(url, data or {})
        else:
            response = client.generic(method, url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def send(world: World, client: Client, row: Row, scope: str, *, url_format: str = ""):
    context = _context(world, row, scope)
    kwargs = dict(row.kwargs)
    if row.record and "pk" in PATTERN_KWARGS[row.route]:
        kwargs["pk"] = context["pk"]
    if url_format:
        kwargs["format"] = url_format
    url = reverse(row.route, kwargs=kwargs or None)
    if row.query:
        url += "?" + urlencode(_fill(row.query, context))
    data = _fill(row.data, context) if row.data is not None else None
    as_json = url.startswith("/api/") and data is not None and "file" not in data
    return request(client, row.method, url, data, as_json=as_json)


# --- answers in the table's notation ---


def _parse(expect: str, scoped: bool) -> list[list[str]]:
    parts = [part.split() for part in expect.split("|")]
    assert len(parts) == len(ROLES), f"{expect!r}: one part per role {ROLES}"
    for part in parts:
        assert len(part) in ((1, 3) if scoped else (1,)), f"{expect!r}: 1 or 3 codes a role"
    return parts


def _collapse(codes: list[str]) -> str:
    return codes[0] if len(set(codes)) == 1 else " ".join(codes)


def _normal(expect: str, scoped: bool) -> str:
    return " | ".join(_collapse(codes) for codes in _parse(expect, scoped))


def answers(world: World, clients: dict, row: Row) -> str:
    """The row's answers in the table's notation, e.g. ``302 | 200 404 404 | … | 200``.
    An anonymous visitor's redirect must lead to the login page: anywhere else is shown."""
    parts = []
    for role in ROLES:
        codes = []
        for scope in SCOPES if _is_scoped(row, world) else ("own",):
            response = send(world, clients[role], row, scope)
            code = str(response.status_code)
            if role == "anonymous" and code == "302" and row.method == "GET":
                location = response["Location"]
                if not location.startswith(LOGIN):
                    code = f"302→{location}"
            codes.append(code)
        parts.append(_collapse(codes))
    return " | ".join(parts)


# --- the tests ---


def test_every_url_pattern_has_rows():
    """A URL pattern without a row fails here: add its rows to tests/access_matrix.py."""
    routed = {row.route for row in ROWS}
    missing = sorted(
        {
            f"{name}  ({route})"
            for route, name, kwargs, _callback in PATTERNS
            if not _is_admin(route, name) and name not in routed and "format" not in kwargs
        }
    )
    assert not missing, "URL patterns without rows in tests/access_matrix.py:\n" + "\n".join(
        missing
    )


def _offered_methods(callback) -> set[str]:
    """The HTTP methods an API view answers (a viewset's router actions, an APIView's
    handlers), without HEAD and OPTIONS."""
    if getattr(callback, "actions", None):
        methods = set(callback.actions)
    else:
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        methods = {m for m in getattr(cls, "http_method_names", []) if hasattr(cls, m)}
    return {m.upper() for m in methods} - {"HEAD", "OPTIONS"}


def test_every_api_method_has_a_row():
    """Each method an API route accepts is in the matrix — writes too, not only GET."""
    rows = {(row.route, row.method) for row in ROWS}
    missing = sorted(
        {
            f"{name} {method}"
            for route, name, _kwargs, callback in PATTERNS
            if route.startswith("api/")
            for method in _offered_methods(callback)
            if (name, method) not in rows
        }
    )
    assert not missing, "API methods without a row in tests/access_matrix.py:\n" + "\n".join(
        missing
    )


def test_every_row_names_a_url_and_its_record():
    unknown = sorted(row.route for row in ROWS if row.route not in PATTERN_KWARGS)
    assert not unknown, f"rows naming no URL pattern: {unknown}"
    for row in ROWS:
        if "pk" in PATTERN_KWARGS[row.route]:
            assert row.record, f"{row.route} has <pk>: the row names its record"


@pytest.mark.parametrize("route", ROUTES)
def test_answers(world, route):
    built, clients = world
    mismatches = []
    for row in (r for r in ROWS if r.route == route):
        got = answers(built, clients, row)
        if got != _normal(row.expect, _is_scoped(row, built)):
            mismatches.append(
                f"{row.method} {row.record or ''}\n  expected {row.expect}\n  got      {got}"
            )
    assert not mismatches, f"{route}:\n" + "\n".join(mismatches)


FORMAT_TWINS = {name for _r, name, kwargs, _c in PATTERNS if "format" in kwargs}


def test_format_twins_answer_like_their_route(world):
    """Where a router still adds ``.json`` twins, ``/api/x/1/act.json`` is the same gate as
    ``/api/x/1/act/`` — and never a 500 for the ``format`` argument an action does not take."""
    built, clients = world
    differences = []
    for row in (r for r in ROWS if r.route in FORMAT_TWINS):
        for role in ("anonymous", "manager"):
            plain = send(built, clients[role], row, "own").status_code
            twin = send(built, clients[role], row, "own", url_format="json").status_code
            if plain != twin:
                differences.append(f"{row.method} {row.route} {role}: {plain}, .json {twin}")
    assert not differences, "\n".join(differences)


def test_admin_site_is_for_administrators_only(world):
    """The admin's own URLs as one family: anonymous visitors and staff other than the
    administrator are sent to the admin login from every page; the administrator reads every
    changelist and adds reference data, never records that carry a bank rule."""
    _built, clients = world
    wrong = []
    pages = [reverse("admin:index")]
    adds = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if isinstance(model_admin, ReadOnlyAdmin):
            adds[reverse(f"admin:{opts.app_label}_{opts.model_name}_add")] = 403
        elif isinstance(model_admin, AuditedAdmin):
            adds[reverse(f"admin:{opts.app_label}_{opts.model_name}_add")] = 200
    for role in ROLES:
        for url in pages + list(adds):
            response = request(clients[role], "GET", url)
            if role == "admin":
                expected = adds.get(url, 200)
                if response.status_code != expected:
                    wrong.append(f"{role} GET {url}: {response.status_code}, expected {expected}")
            elif response.status_code != 302 or not response["Location"].startswith(ADMIN_LOGIN):
                wrong.append(f"{role} GET {url}: {response.status_code}, expected the admin login")
        if role != "admin":
            response = request(clients[role], "POST", reverse("admin:customers_scorecard_add"))
            if response.status_code != 302 or not response["Location"].startswith(ADMIN_LOGIN):
                wrong.append(f"{role} POST scorecard add: {response.status_code}")
    assert not wrong, "\n".join(wrong)
