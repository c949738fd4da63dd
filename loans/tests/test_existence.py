"""Another branch's customer answers exactly like one that does not exist (issue 8, finding 7)."""

import pytest

from tests.factories import CustomerFactory

MISSING = 999_999_999


@pytest.fixture
def theirs(other_manager):
    return CustomerFactory(manager=other_manager)


def _draft_body(customer_id, product):
    return {
        "customer": customer_id,
        "product": product.pk,
        "amount": "100000.00",
        "term_months": 12,
        "purpose": "购买饲料",
        "repayment_method": "equal_instalment",
        "proposed_rate": "6.5000",
        "first_repayment_source": "生猪销售收入",
    }


def test_creating_an_application_for_another_branchs_customer_answers_like_a_missing_one(
    theirs, product, manager, api_for
):
    api = api_for(manager)
    other = api.post("/api/applications/", _draft_body(theirs.pk, product), format="json")
    missing = api.post("/api/applications/", _draft_body(MISSING, product), format="json")
    assert other.status_code == missing.status_code == 400
    # The same message, but for the id it repeats back.
    assert other.content.decode().replace(
        str(theirs.pk), "<id>"
    ) == missing.content.decode().replace(str(MISSING), "<id>")
    assert list(other.json()) == ["customer"]


@pytest.mark.parametrize("who", ["manager", "head"])
def test_filtering_applications_by_another_branchs_customer_answers_like_a_missing_one(
    who, request, theirs, api_for
):
    api = api_for(request.getfixturevalue(who))
    other = api.get(f"/api/applications/?customer={theirs.pk}")
    missing = api.get(f"/api/applications/?customer={MISSING}")
    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 400


def test_the_filter_still_finds_the_users_own_applications(draft, manager, api_for):
    response = api_for(manager).get(f"/api/applications/?customer={draft.customer_id}")
    assert response.status_code == 200 and response.json()["count"] == 1
