"""Bad input, family by family: every form and every API endpoint family refuses malformed input
— wrong types, missing fields, huge numbers, negative money, 1000-character strings, impossible
dates, unknown choices, bad ids — with a 400 (the API), a form shown again with its errors or a
button's message (the web); never a 500, and nothing written.

"Nothing written" is counted: the rows of every table of the domain apps, their history rows
included, are the same after the request as before. Each request runs as 李客户经理 (or the
branch head or committee member where only they act) on records of the ``own`` scope of
``tests.world``, in a savepoint rolled back afterwards.
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from tests.world import World, world_in_rollback

pytestmark = pytest.mark.django_db

LONG = "长" * 1000
HUGE = "1" + "0" * 30
DOMAIN_APPS = ("customers", "loans", "postloan", "guarantees")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS
    }


def attempt(client: Client, method: str, url: str, data, *, as_json: bool):
    """The request, and whether any domain table changed, in a savepoint rolled back after."""
    with transaction.atomic():
        before = counts()
        if as_json:
            body = data if isinstance(data, str) else json.dumps(data)
            response = client.generic(method, url, body, "application/json")
        else:
            response = client.post(url, data)
        changed = {k: (before[k], v) for k, v in counts().items() if before[k] != v}
        transaction.set_rollback(True)
    return response, changed


def _pk(world: World, record: str) -> int:
    return getattr(world.scopes["own"], record).pk


# (family, role, URL with {pk}, record for {pk}, bad bodies)
WEB = [
    (
        "customer file",
        "manager",
        "/customers/new/",
        None,
        [
            {"name": "", "customer_type": "farm_household", "id_number": "110105198005170009"},
            {"name": LONG, "customer_type": "alien", "id_number": "123", "segment": "x"},
            {"name": "张三", "customer_type": "farm_household", "id_number": "11010519800517001X"},
        ],
    ),
    (
        "customer file",
        "manager",
        "/customers/{pk}/edit/",
        "customer",
        [{"name": LONG, "customer_type": "farm_household", "id_number": "abc", "status": "?"}],
    ),
    (
        "household",
        "manager",
        "/customers/{pk}/members/new/",
        "customer",
        [
            {"name": "王某", "relation": "cousin_twice_removed"},
            {"name": LONG, "relation": "spouse", "id_number": "999"},
            {"name": "王某", "relation": "spouse"},  # a spouse co-signs: needs an ID number
        ],
    ),
    (
        "household",
        "manager",
        "/customers/{pk}/financials/new/",
        "customer",
        [
            {"as_of": "2026-02-30", "revenue": "abc"},
            {"as_of": "9999-12-31", "revenue": HUGE, "net_profit": "-" + HUGE},
            {"as_of": "0001-01-01", "revenue": "100", "employees": "-5"},
        ],
    ),
    (
        "contact",
        "manager",
        "/customers/{pk}/contacts/new/",
        "customer",
        [
            {"kind": "seance", "occurred_on": "2026-01-01", "purpose": "x", "cost": "0"},
            {"kind": "gift", "occurred_on": "2026-13-45", "purpose": LONG, "cost": "-50"},
            {"kind": "meal", "occurred_on": "9999-12-31", "purpose": "x", "cost": HUGE},
        ],
    ),
    (
        "rating",
        "manager",
        "/customers/{pk}/credit/rate/",
        "customer",
        [{"factor_*": "150"}, {"factor_*": "-1"}, {"factor_*": "abc"}],
    ),
    (
        "credit line",
        "manager",
        "/customers/{pk}/credit/lines/new/",
        "customer_rated",
        [
            {"amount": "-100", "valid_from": "2026-01-01"},
            {"amount": HUGE, "valid_from": "2026-01-01"},
            {"amount": "1000", "valid_from": "0001-01-01", "valid_until": "9999-12-31"},
            {"amount": "1000", "valid_from": "2026-06-01", "valid_until": "2026-01-01"},
        ],
    ),
    (
        "credit line",
        "head",
        "/customers/credit/lines/{pk}/review/",
        "line_active",
        [{"passed": "perhaps"}, {}],
    ),
    (
        "credit line",
        "head",
        "/customers/credit/lines/{pk}/revoke/",
        "line_active",
        [{"reason": ""}, {"reason": LONG}],
    ),
    (
        "village batch",
        "manager",
        "/customers/credit/batches/new/?township=城关镇&village=own本村",
        None,
        [{"objection_days": "0"}, {"objection_days": "999"}, {"objection_days": "abc"}],
    ),
    (
        "village batch",
        "manager",
        "/customers/credit/entries/{pk}/resolve/",
        "entry_objected",
        [{"upheld": "maybe", "resolution": "x"}, {"upheld": "0", "resolution": ""}],
    ),
    (
        "application",
        "manager",
        "/loans/new/",
        None,
        [
            {"customer": "abc", "product": "1", "amount": "100000"},
            {"customer": "{customer}", "product": str(10**20), "amount": "-1", "term_months": "0"},
            {
                "customer": "{customer}",
                "product": "{product}",
                "amount": HUGE,
                "term_months": "100000",
                "repayment_method": "whenever",
                "proposed_rate": "-6",
                "purpose": LONG,
                "first_repayment_source": "x",
                "production_cycle_months": "-1",
            },
            {"customer": "{customer}", "product": "{product}", "second_investigator": "abc"},
        ],
    ),
    (
        "application",
        "manager",
        "/loans/{pk}/edit/",
        "app_draft",
        [{"amount": "-1", "term_months": "abc", "repayment_method": "?", "proposed_rate": HUGE}],
    ),
    (
        "investigation",
        "manager",
        "/loans/{pk}/investigation/start/",
        "app_draft",
        [{"second_investigator": "abc"}, {"second_investigator": str(10**20)}, {}],
    ),
    (
        "investigation",
        "manager",
        "/loans/{pk}/investigation/",
        "app_investigating",
        [
            {"b-TOTAL_FORMS": "0", "b-INITIAL_FORMS": "0", "profit_margin": "abc"},
            {
                "b-TOTAL_FORMS": "1",
                "b-INITIAL_FORMS": "0",
                "profit_margin": "10",
                "sales_growth": "5",
                "own_funds": "50000",
                "b-0-lender": "信用社",
                "b-0-amount": "-5000",  # a negative other borrowing was an IntegrityError (500)
            },
            {
                "b-TOTAL_FORMS": "0",
                "b-INITIAL_FORMS": "0",
                "profit_margin": HUGE,
                "sales_growth": "5",
                "own_funds": "-1",
                "visit_date": "9999-12-31",
                "character": "excellent",
            },
        ],
    ),
    (
        "review/approval",
        "head",
        "/loans/{pk}/review/",
        "app_pending",
        [
            {"action": "explode", "opinion": "x"},
            {"action": "approve", "opinion": ""},
            {"action": "approve", "opinion": "同意", "amount": "-5"},
        ],
    ),
    (
        "review/approval",
        "head",
        "/loans/{pk}/review/",
        "app_pending",
        # ReviewForm.term_months has no upper bound: the eligibility check's add_months()
        # overflowed (ValueError: year 4147200 is out of range), a 500.
        [{"action": "approve", "opinion": "同意", "term_months": "49742080"}],
    ),
    ("vote", "committee", "/loans/{pk}/vote/", "app_referred", [{"vote": "maybe"}, {}]),
    (
        "document upload",
        "manager",
        "/loans/{pk}/documents/",
        "app_draft",
        [
            {"kinds": "passport_of_mars", "files": "{text_file}"},
            {"kinds": "applicant_id"},
            {"kinds": "applicant_id", "files": "{text_file}"},
            {"held": "abc"},
            {"held": str(10**20)},
        ],
    ),
    (
        "contract",
        "manager",
        "/loans/{pk}/sign-contract/",
        "app_approved",
        [{"day": "garbage"}, {"day": "9999-12-31"}, {"day": "1999-01-02"}],
    ),
    (
        "disbursement",
        "manager",
        "/postloan/applications/{pk}/disburse/",
        "app_signed",
        [{"day": "2026-02-30"}, {"day": "9999-12-31"}, {"day": "1999-01-02"}],
    ),
    (
        "repayment",
        "manager",
        "/postloan/loans/{pk}/repayments/",
        "loan",
        [
            {"amount": "-100", "paid_on": "2026-01-01"},
            {"amount": "abc"},
            {"amount": HUGE, "paid_on": "9999-12-31"},
        ],
    ),
    (
        "inspection",
        "manager",
        "/postloan/inspections/{pk}/",
        "inspection_draft",
        [
            {"mode": "alien"},
            {"mode": "on_site", "inspected_on": "2026-02-30"},
            {"mode": "on_site", "signals": ["aliens"], "funds_use": "stolen"},
            {"mode": "on_site", "follow_up_by": "9999-12-31", "proposed_class": "great"},
        ],
    ),
    (
        "inspection submit",
        "manager",
        "/postloan/inspections/{pk}/submit/",
        "inspection_draft",
        [
            {"mode": "on_site", "inspected_on": "1999-01-02"},
            {"mode": "on_site", "funds_use": "", "inspected_on": "9999-12-31"},
        ],
    ),
    (
        "inspection photo",
        "manager",
        "/postloan/inspections/{pk}/photos/",
        "inspection_draft",
        [{"photo": "{text_file}"}, {"caption": LONG}],
    ),
    (
        "classification",
        "manager",
        "/postloan/loans/{pk}/classification/",
        "loan",
        [
            {"category": "great", "reason": "停产"},
            {"category": "loss", "reason": ""},
            {"category": "loss", "reason": LONG * 3},
            {"category": "normal", "reason": "已复产"},  # a second upgrade while one waits
        ],
    ),
    (
        "classification decision",
        "head",
        "/postloan/classification-proposals/{pk}/decide/",
        "class_proposal",
        [{"decision": "perhaps"}, {"decision": "reject", "opinion": ""}, {"opinion": LONG * 3}],
    ),
    (
        "restructure",
        "head",
        "/postloan/loans/{pk}/restructure/",
        "loan",
        [
            {"kind": "none", "observation_until": "2060-12-31"},
            {"kind": "refinanced", "observation_until": "2026-02-30"},
            {"kind": "refinanced", "observation_until": "1999-01-02"},
            {"kind": "restructured", "observation_until": "9999-12-31"},
        ],
    ),
]

# (family, role, method, URL with {pk}, record, bad bodies) — JSON unless a body is a string
API = [
    (
        "customers",
        "manager",
        "POST",
        "/api/customers/",
        None,
        [
            {},
            {"name": LONG, "customer_type": "alien", "id_number": 123},
            {"name": ["a"], "customer_type": "farm_household", "id_number": "110105198005170009"},
        ],
    ),
    (
        "customers",
        "manager",
        "PATCH",
        "/api/customers/{pk}/",
        "customer",
        [{"channel": "telepathy"}, {"segment": 5}, {"name": ""}, {"manager": "abc"}],
    ),
    (
        "customers",
        "manager",
        "POST",
        "/api/customers/{pk}/stage/",
        "customer",
        [{"stage": "ascended"}, {"stage": "lost"}],
    ),
    (
        "customers",
        "manager",
        "POST",
        "/api/customers/{pk}/products/",
        "customer",
        [{"products": ["gold_bars"]}, {"products": "deposit", "since": "9999-12-31"}],
    ),
    (
        "household",
        "manager",
        "POST",
        "/api/household-members/",
        None,
        [
            {"customer": "{customer}", "name": "王某", "relation": "cousin"},
            {"customer": str(10**20), "name": "王某", "relation": "child"},
            {"customer": "abc", "name": LONG, "relation": "child"},
        ],
    ),
    (
        "household",
        "manager",
        "POST",
        "/api/financial-snapshots/",
        None,
        [
            {"customer": "{customer}", "as_of": "9999-12-31", "revenue": HUGE},
            {"customer": "{customer}", "as_of": "2026-01-01", "total_assets": "-1"},
        ],
    ),
    (
        "contact",
        "manager",
        "POST",
        "/api/contacts/",
        None,
        [
            {"customer": "{customer}", "kind": "seance", "occurred_on": "2026-01-01"},
            {"customer": "{customer}", "kind": "gift", "occurred_on": "2026-02-30", "cost": -5},
        ],
    ),
    (
        "contact",
        "manager",
        "PATCH",
        "/api/contacts/{pk}/",
        "contact",
        [{"cost": HUGE}, {"follow_up_on": "0001-01-01"}, {"kind": ""}],
    ),
    (
        "rating",
        "manager",
        "POST",
        "/api/credit-ratings/",
        None,
        [
            {"customer": "{customer}", "scores": {"abc": 50}},
            {"customer": "{customer}", "scores": {"{factor}": 150}},
            {"customer": "{customer}", "scores": "all good"},
        ],
    ),
    (
        "credit line",
        "manager",
        "POST",
        "/api/credit-lines/",
        None,
        [
            {"customer": "{customer_rated}", "amount": "-100"},
            {"customer": "{customer_rated}", "amount": HUGE},
            {"customer": "{customer_rated}", "amount": "100", "valid_from": "0001-01-01"},
        ],
    ),
    (
        "credit line",
        "head",
        "POST",
        "/api/credit-lines/{pk}/review/",
        "line_active",
        [{"passed": "perhaps"}, {}],
    ),
    (
        "village batch",
        "manager",
        "POST",
        "/api/village-batches/",
        None,
        [
            {"township": "城关镇", "village": "own本村", "scores": {"abc": {}}},
            {"township": "城关镇", "village": "新村", "scores": {"{customer}": {"{factor}": 150}}},
            {"township": LONG, "village": "x", "scores": {}, "objection_days": 0},
        ],
    ),
    (
        "village batch",
        "manager",
        "POST",
        "/api/batch-entries/{pk}/resolve/",
        "entry_objected",
        [{"upheld": "maybe", "resolution": "x"}, {"resolution": "x"}],
    ),
    (
        "application",
        "manager",
        "POST",
        "/api/applications/",
        None,
        [
            {"customer": "{customer}", "product": "{product}", "amount": "-1"},
            {"customer": "{customer}", "product": "{product}", "amount": HUGE, "term_months": 0},
            {"customer": str(10**20), "product": "abc"},
        ],
    ),
    (
        "application",
        "manager",
        "PATCH",
        "/api/applications/{pk}/",
        "app_draft",
        [{"amount": "-1"}, {"repayment_method": "whenever"}, {"term_months": 0}],
    ),
    (
        "investigation",
        "manager",
        "POST",
        "/api/applications/{pk}/start-investigation/",
        "app_draft",
        [{"second_investigator": "abc"}, {"second_investigator": 10**20}, {}],
    ),
    (
        "investigation",
        "manager",
        "PUT",
        "/api/applications/{pk}/investigation/",
        "app_investigating",
        [
            {"other_borrowings": [{"lender": "信用社", "amount": "-5000"}]},
            {"visit_date": "9999-12-31"},
            {"character": "excellent", "profit_margin": "abc"},
        ],
    ),
    (
        "review/approval",
        "head",
        "POST",
        "/api/applications/{pk}/approve/",
        "app_pending",
        [{}, {"opinion": "同意", "amount": "-5"}, {"opinion": "同意", "term_months": 49742080}],
    ),
    ("vote", "committee", "POST", "/api/applications/{pk}/vote/", "app_referred", [{"vote": "?"}]),
    (
        "contract",
        "manager",
        "POST",
        "/api/applications/{pk}/sign-contract/",
        "app_approved",
        [{"day": "garbage"}, {"day": "9999-12-31"}, {"day": "1999-01-02"}],
    ),
    (
        "disbursement",
        "manager",
        "POST",
        "/api/applications/{pk}/disburse/",
        "app_signed",
        [{"day": "2026-02-30"}, {"day": "9999-12-31"}, {"day": "1999-01-02"}],
    ),
    (
        "repayment",
        "manager",
        "POST",
        "/api/loans/{pk}/repayments/",
        "loan",
        [{"amount": "-100"}, {"amount": "abc"}, {"amount": HUGE}, {"paid_on": "9999-12-31"}],
    ),
    (
        "inspections",
        "manager",
        "POST",
        "/api/inspections/",
        None,
        [
            {},
            {"loan": "abc"},
            {"loan": str(10**20)},
            {"loan": "{loan}", "mode": "alien", "signals": "aliens"},
            {"loan": "{loan}", "inspected_on": "9999-12-31", "findings": ["a"]},
        ],
    ),
    (
        "inspection draft",
        "manager",
        "PATCH",
        "/api/inspections/{pk}/",
        "inspection_draft",
        [
            {"signals": ["aliens"]},
            {"proposed_class": "great", "follow_up_by": "2026-02-30"},
            {"surprise": "perhaps", "funds_use": 7},
        ],
    ),
    (
        "classification",
        "manager",
        "POST",
        "/api/loans/{pk}/classification/",
        "loan",
        [
            {},
            {"category": "great", "reason": "x"},
            {"category": "loss", "reason": ""},
            {"category": ["loss"], "reason": LONG * 3},
        ],
    ),
    (
        "classification decision",
        "head",
        "POST",
        "/api/classification-proposals/{pk}/decide/",
        "class_proposal",
        [
            {},
            {"approve": "perhaps"},
            {"approve": False, "opinion": ""},
            {"approve": True, "opinion": LONG * 3},
        ],
    ),
    (
        "restructure",
        "head",
        "POST",
        "/api/loans/{pk}/restructure/",
        "loan",
        [
            {},
            {"kind": "none", "observation_until": "2060-12-31"},
            {"kind": "refinanced", "observation_until": "1999-01-02"},
            {"kind": "refinanced", "observation_until": "9999-12-31"},
        ],
    ),
    (
        "any body",
        "manager",
        "POST",
        "/api/contacts/",
        None,
        ["{not json", "[" * 100_000 + "]" * 100_000, json.dumps(["a", "list"])],
    ),
]

# URLs with ids that are no ids: every family answers 404 (never 500)
BAD_IDS = ["abc", str(10**20), "-1", "0"]
ID_URLS = [
    ("GET", "/api/customers/{id}/"),
    ("POST", "/api/credit-lines/{id}/approve/"),
    ("POST", "/api/village-batches/{id}/publish/"),
    ("POST", "/api/batch-entries/{id}/object/"),
    ("POST", "/api/contacts/{id}/done/"),
    ("POST", "/api/applications/{id}/submit/"),
    ("POST", "/api/applications/{id}/disburse/"),
    ("GET", "/api/loans/{id}/repayments/"),
    ("GET", "/api/inspections/{id}/"),
    ("POST", "/api/inspections/{id}/submit/"),
    ("POST", "/api/loans/{id}/classification/"),
    ("POST", "/api/classification-proposals/{id}/decide/"),
    ("GET", "/api/documents/{id}/download/"),
]


def _context(world: World) -> dict:
    own = world.scopes["own"]
    factor = world.refs["scorecard"].factors.order_by("pk").first()
    return {
        "customer": str(own.customer.pk),
        "customer_rated": str(own.customer_rated.pk),
        "product": str(world.refs["product"].pk),
        "factor": str(factor.pk),
        "loan": str(own.loan.pk),
    }


def _fill(value, context: dict, factors: list[int]):
    if isinstance(value, dict):
        filled = {}
        for key, item in value.items():
            if key == "factor_*":
                filled.update({f"factor_{pk}": item for pk in factors})
            else:
                filled[_fill(key, context, factors)] = _fill(item, context, factors)
        return filled
    if isinstance(value, list):
        return [_fill(item, context, factors) for item in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        name = value[1:-1]
        if name == "text_file":
            return SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", "text/html")
        return context.get(name, value)
    return value


def _has_errors(html: str) -> bool:
    return any(
        mark in html for mark in ("is-invalid", "errorlist", "alert-danger", "invalid-feedback")
    )


def _id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return f"{values[0]}: {values[2]}" + (
        f" {values[3]}" if values[2] in ("POST", "PUT", "PATCH", "GET") else ""
    )


@pytest.mark.parametrize("family, role, url, record, bodies", WEB, ids=[_id(c) for c in WEB])
def test_web_forms_refuse_bad_input(world, family, role, url, record, bodies):
    built, clients = world
    context = _context(built)
    factors = list(built.refs["scorecard"].factors.values_list("pk", flat=True))
    if record:
        url = url.replace("{pk}", str(_pk(built, record)))
    wrong = []
    for body in bodies:
        response, changed = attempt(
            clients[role], "POST", url, _fill(body, context, factors), as_json=False
        )
        html = response.content.decode(errors="replace")
        shown_again = response.status_code == 200 and _has_errors(html)
        refused_by_button = response.status_code == 302  # a button: its message, then back
        if changed or not (shown_again or refused_by_button):
            wrong.append(f"{str(body)[:120]} → {response.status_code}, written: {changed}")
    assert not wrong, f"{family} {url}:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "family, role, method, url, record, bodies", API, ids=[_id(c) for c in API]
)
def test_api_refuses_bad_input(world, family, role, method, url, record, bodies):
    built, clients = world
    context = _context(built)
    factors = list(built.refs["scorecard"].factors.values_list("pk", flat=True))
    if record:
        url = url.replace("{pk}", str(_pk(built, record)))
    wrong = []
    for body in bodies:
        filled = _fill(body, context, factors) if not isinstance(body, str) else body
        response, changed = attempt(clients[role], method, url, filled, as_json=True)
        if response.status_code != 400 or changed or not isinstance(response.json(), dict):
            wrong.append(f"{str(body)[:120]} → {response.status_code}, written: {changed}")
    assert not wrong, f"{family} {method} {url}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("method, url", ID_URLS)
def test_bad_ids_are_not_found(world, method, url):
    _built, clients = world
    wrong = []
    for bad in BAD_IDS:
        response, changed = attempt(
            clients["manager"], method, url.replace("{id}", bad), {}, as_json=True
        )
        if response.status_code != 404 or changed:
            wrong.append(f"{bad} → {response.status_code}, written: {changed}")
    assert not wrong, f"{method} {url}:\n" + "\n".join(wrong)


def test_the_status_of_an_application_is_not_for_patching(world):
    """``PATCH {"status": "approved"}`` is no way round the workflow: the field is not in the
    request's schema and is ignored; the application stays a draft."""
    built, clients = world
    draft = built.scopes["own"].app_draft
    with transaction.atomic():
        response = clients["manager"].patch(
            f"/api/applications/{draft.pk}/", {"status": "approved"}, "application/json"
        )
        draft.refresh_from_db()
        transaction.set_rollback(True)
    assert response.status_code == 200
    assert response.json()["status"] == draft.status == "draft"
