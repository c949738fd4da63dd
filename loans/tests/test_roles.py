"""The role × action table (docs/roles.md), walked for origination: every row's service is
called as each role; an allowed role succeeds, any other gets 403 (issue 8, finding 4). And
documents go only into an application still with the manager."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from creditdesk.permissions_table import COLUMNS, TABLE
from loans import services
from loans.models import ApplicationStatus
from loans.tests.conftest import GOOD_FINDINGS, make_application, pdf, submitted

FIXTURE = {
    "manager": "manager",
    "branch_head": "head",
    "committee": "committee",
    "auditor": "auditor",
    "admin": "admin_user",
}


def _draft(people):
    return make_application(people["customer"], people["product"], people["manager"])


def _pending(people):
    return submitted(_draft(people), people["manager"], people["manager2"])


def _referred(people):
    application = _pending(people)
    services.application_refer(application=application, reviewer=people["head"], opinion="超权限")
    return application


def create(user, people):
    make_application(people["customer"], people["product"], user)


def edit(user, people):
    services.application_update(application=_draft(people), user=user, purpose="购买种猪")


def investigate(user, people):
    application = _draft(people)
    services.application_start_investigation(
        application=application, user=people["manager"], second_investigator=people["manager2"]
    )
    services.investigation_update(application=application, user=user, data=GOOD_FINDINGS)


def documents(user, people):
    services.document_upload(
        application=_draft(people), user=user, kind="applicant_id", upload=pdf()
    )


def return_(user, people):
    # A head returns what was submitted to them; the committee what was referred to it.
    application = _referred(people) if user == people["committee"] else _pending(people)
    services.application_return(application=application, reviewer=user, comments="补充流水")


def decide(user, people):
    services.application_approve(application=_pending(people), approver=user, opinion="同意")


def vote(user, people):
    services.committee_vote(application=_referred(people), member=user, vote="approve")


def sign_contract(user, people):
    application = _pending(people)
    services.application_approve(application=application, approver=people["head"], opinion="同意")
    services.application_sign_contract(
        application=application, user=user, signed_on=timezone.localdate()
    )


SCENARIOS = {
    "loans.create": create,
    "loans.edit": edit,
    "loans.investigate": investigate,
    "loans.documents": documents,
    "loans.return": return_,
    "loans.decide": decide,
    "loans.vote": vote,
    "loans.sign_contract": sign_contract,
}
ROWS = [rule for rule in TABLE if rule.action.startswith("loans.")]


def test_every_loans_row_of_the_table_is_walked():
    assert set(SCENARIOS) == {rule.action for rule in ROWS}


@pytest.mark.parametrize("role", COLUMNS)
@pytest.mark.parametrize("rule", ROWS, ids=lambda rule: rule.action)
def test_the_role_may_do_what_the_table_allows_and_nothing_else(rule, role, bank, request):
    names = ("manager", "manager2", "head", "committee", "customer", "product")
    people = {name: request.getfixturevalue(name) for name in names}
    user = request.getfixturevalue(FIXTURE[role])
    if role in rule.allowed:
        SCENARIOS[rule.action](user, people)
    else:
        with pytest.raises(PermissionDenied):
            SCENARIOS[rule.action](user, people)


@pytest.mark.parametrize("state", ["pending", "approved", "signed"])
def test_no_document_is_added_once_the_application_left_the_manager(state, request, manager):
    application = request.getfixturevalue(state)
    before = application.documents.count()
    with pytest.raises(ValidationError, match="不能添加材料"):
        services.document_upload(application=application, user=manager, kind="other", upload=pdf())
    assert application.documents.count() == before


def test_the_api_refuses_a_document_for_a_submitted_application(pending, manager, api_for):
    response = api_for(manager).post(
        f"/api/applications/{pending.pk}/documents/",
        {"kind": "other", "file": pdf()},
        format="multipart",
    )
    assert response.status_code == 400
    assert pending.documents.filter(kind="other").count() == 0


def test_a_returned_application_takes_documents_again(pending, head, manager):
    services.application_return(application=pending, reviewer=head, comments="补充流水")
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.RETURNED
    services.document_upload(application=pending, user=manager, kind="other", upload=pdf())
    assert pending.documents.filter(kind="other").exists()
