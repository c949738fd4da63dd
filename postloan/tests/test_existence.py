"""Another branch's customer, branch or manager answers exactly like one that does not exist
in the loan list's filters (issue 8, finding 7)."""

import pytest

from tests.factories import CustomerFactory

MISSING = 999_999_999


@pytest.mark.parametrize("field", ["customer", "branch", "manager"])
@pytest.mark.parametrize("who", ["manager", "head"])
def test_a_loan_filter_on_another_branch_answers_like_a_missing_one(
    field, who, request, other_manager, other_head, api_for
):
    other_id = {
        "customer": CustomerFactory(manager=other_manager).pk,
        "branch": other_head.branch_id,
        "manager": other_manager.pk,
    }[field]
    api = api_for(request.getfixturevalue(who))
    other = api.get(f"/api/loans/?{field}={other_id}")
    missing = api.get(f"/api/loans/?{field}={MISSING}")
    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 400
