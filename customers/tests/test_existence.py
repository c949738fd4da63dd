"""Another branch's record answers exactly like one that does not exist (issue 8, finding 7):
the same status and the same body, in every filter and every related field of the API."""

import datetime

import pytest

from tests.factories import CustomerFactory

MISSING = 999_999_999

LIST_FILTERS = [
    "/api/customers/?manager={}",
    "/api/household-members/?customer={}",
    "/api/financial-snapshots/?customer={}",
    "/api/contacts/?customer={}",
    "/api/product-holdings/?customer={}",
    "/api/credit-ratings/?customer={}",
    "/api/credit-lines/?customer={}",
    "/api/batch-entries/?customer={}",
]


@pytest.fixture
def theirs(other_manager):
    """A customer of 河口支行: outside the scope of 城关支行's manager and head."""
    return CustomerFactory(manager=other_manager)


def _same_answer(api, url_for, other_id):
    other, missing = api.get(url_for(other_id)), api.get(url_for(MISSING))
    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    return other


@pytest.mark.parametrize("url", LIST_FILTERS)
@pytest.mark.parametrize("who", ["manager", "head"])
def test_a_filter_on_another_branchs_customer_answers_like_a_missing_one(
    url, who, request, theirs, other_manager, api_for
):
    api = api_for(request.getfixturevalue(who))
    other_id = other_manager.pk if "manager=" in url else theirs.pk
    response = _same_answer(api, url.format, other_id)
    # One answer for both: "not one of the choices" (the API offers ?manager= to managers too,
    # as its schema says: tests/test_schema_drift.py).
    assert response.status_code == 400


def test_the_filter_still_finds_the_users_own_records(customer_file, manager, api_for):
    response = api_for(manager).get(f"/api/contacts/?customer={customer_file.pk}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def _post_twice(api, url, body_for, other_id):
    other = api.post(url, body_for(other_id), format="json")
    missing = api.post(url, body_for(MISSING), format="json")
    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 400
    return other


TODAY = datetime.date.today().isoformat()
BODIES = {
    "/api/contacts/": lambda c: {"customer": c, "kind": "visit", "occurred_on": TODAY},
    "/api/household-members/": lambda c: {"customer": c, "name": "王秀英", "relation": "child"},
    "/api/financial-snapshots/": lambda c: {"customer": c, "as_of": TODAY},
    "/api/credit-ratings/": lambda c: {"customer": c, "scores": {}},
    "/api/credit-lines/": lambda c: {"customer": c, "amount": "10000.00"},
}


@pytest.mark.parametrize("url", BODIES)
def test_a_write_naming_another_branchs_customer_answers_like_a_missing_one(
    url, theirs, manager, api_for
):
    response = _post_twice(api_for(manager), url, BODIES[url], theirs.pk)
    assert "customer" in response.json()


def test_reassigning_to_another_branchs_manager_answers_like_a_missing_one(
    customer_file, head, other_manager, api_for
):
    response = _post_twice(
        api_for(head),
        "/api/customers/reassign/",
        lambda m: {"customers": [customer_file.pk], "to_manager": m, "reason": "调岗"},
        other_manager.pk,
    )
    assert "to_manager" in response.json()
