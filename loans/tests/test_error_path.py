"""No 500 from user input: a bad id in a custom action is a 404, a bad id in the body a 400,
and a refused form on a page is shown again with its error."""

import pytest

from loans.models import ApplicationStatus

ACTIONS = [
    "start-investigation",
    "confirm-investigation",
    "documents",
    "submit",
    "withdraw",
    "approve",
    "reject",
    "return",
    "refer",
    "vote",
    "sign-contract",
]


@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999999", "0"])
@pytest.mark.parametrize("action", ACTIONS)
def test_bad_id_in_a_custom_action_is_404(api_for, head, action, bad_id):
    r = api_for(head).post(f"/api/applications/{bad_id}/{action}/", {}, format="json")
    assert r.status_code == 404


@pytest.mark.parametrize("bad_id", ["abc", "", 999_999, None])
def test_bad_id_in_the_body_is_400(api_for, manager, draft, bad_id):
    r = api_for(manager).post(
        f"/api/applications/{draft.pk}/start-investigation/",
        {"second_investigator": bad_id},
        format="json",
    )
    assert r.status_code == 400
    assert "second_investigator" in r.json()


def test_invalid_start_investigation_form_is_shown_again_with_its_error(
    client_for, manager, other_manager, draft
):
    response = client_for(manager).post(
        f"/loans/{draft.pk}/investigation/start/", {"second_investigator": other_manager.pk}
    )
    assert response.status_code == 200
    assert 'id="start-investigation-error"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_start_investigation_form_starts_it(client_for, manager, manager2, draft):
    response = client_for(manager).post(
        f"/loans/{draft.pk}/investigation/start/", {"second_investigator": manager2.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/loans/{draft.pk}/investigation/"


def test_refused_review_keeps_the_opinion_typed(client_for, head, pending):
    pending.amount = pending.amount * 9  # beyond the head's authority
    pending.save()
    response = client_for(head).post(
        f"/loans/{pending.pk}/review/", {"opinion": "同意，按月走访", "action": "approve"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "超出您的审批权限" in html
    assert "同意，按月走访" in html
