"""Whose turn it is: every step of an application tells the next person in the application
and clears the notice of the step it completes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from creditdesk.models import Notification
from loans import services
from loans.tests.conftest import (
    GOOD_FINDINGS,
    add_documents,
    investigated,
    make_application,
    submitted,
)


def _open(user, application=None) -> list[str]:
    notices = Notification.objects.open().filter(recipient=user)
    if application is not None:
        notices = notices.filter(key__endswith=f":loans.loanapplication:{application.pk}")
    return sorted(notices.values_list("kind", flat=True))


def test_the_second_investigator_is_told_and_the_notice_clears_on_confirmation(
    draft, manager, manager2
):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    assert _open(manager2) == ["loans.second_investigator"]
    notice = Notification.objects.get(recipient=manager2)
    assert notice.url == f"/loans/{draft.pk}/"
    assert notice.label == f"张大山 · #{draft.pk} · 100,000.00"
    services.investigation_update(application=draft, user=manager, data=GOOD_FINDINGS)
    services.investigation_confirm(application=draft, user=manager2)
    assert _open(manager2) == []
    assert _open(manager) == ["loans.confirmed"]  # the manager's turn: submit
    # Changed findings need a new confirmation: the second investigator is told again.
    services.investigation_update(application=draft, user=manager, data={"report": "补充。"})
    assert _open(manager2) == ["loans.second_investigator"]
    assert _open(manager) == []


def test_submission_tells_the_head_and_the_decision_tells_the_manager(
    draft, manager, manager2, head, other_head
):
    application = submitted(draft, manager, manager2)
    assert _open(manager) == []  # the confirmation's notice cleared by the submission
    assert _open(head) == ["loans.submitted"]
    assert _open(other_head) == []  # another branch's head is not asked
    services.application_return(application=application, reviewer=head, comments="补充流水")
    assert _open(head) == []
    assert _open(manager) == ["loans.returned"]
    services.application_submit(application=application, user=manager)
    assert (_open(manager), _open(head)) == ([], ["loans.submitted"])
    services.application_approve(application=application, approver=head, opinion="同意")
    assert (_open(manager), _open(head)) == (["loans.approved"], [])


def test_a_withdrawn_application_leaves_nothing_to_do(draft, manager, manager2, head):
    application = submitted(draft, manager, manager2)
    services.application_withdraw(application=application, user=manager, reason="客户不贷了")
    assert _open(head) == [] and _open(manager2) == []


def test_each_committee_member_is_told_until_they_vote(
    customer, product, manager, manager2, head, committee, committee2
):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=application, reviewer=head, opinion="超权限，上会")
    assert _open(head) == []
    assert _open(committee) == _open(committee2) == ["loans.committee_vote"]
    services.committee_vote(application=application, member=committee, vote="approve")
    assert (_open(committee), _open(committee2)) == ([], ["loans.committee_vote"])
    services.committee_vote(application=application, member=committee2, vote="approve")
    assert _open(committee2) == []
    assert _open(manager) == ["loans.approved"]


def test_the_approved_notice_stays_until_the_loan_is_signed_and_disbursed(
    draft, manager, manager2, head
):
    application = investigated(draft, manager, manager2)
    services.application_submit(application=application, user=manager)
    services.application_approve(application=application, approver=head, opinion="同意")
    services.application_sign_contract(
        application=application, user=manager, signed_on=datetime.date.today()
    )
    assert _open(manager, application) == ["loans.approved"]


def test_submit_is_disabled_with_what_is_missing_until_the_service_would_accept(
    draft, manager, manager2, client_for
):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    page = client_for(manager).get(f"/loans/{draft.pk}/").content.decode()
    assert 'id="submit-application" disabled' in page
    assert 'id="submit-blockers"' in page
    blockers = services.submission_problems(draft, on=datetime.date.today())
    assert blockers and all(str(p) in page for p in blockers[:3])
    # The second investigator cannot confirm empty findings either, and is told why.
    page = client_for(manager2).get(f"/loans/{draft.pk}/").content.decode()
    assert 'id="confirm-investigation" disabled' in page
    services.investigation_update(application=draft, user=manager, data=GOOD_FINDINGS)
    services.investigation_confirm(application=draft, user=manager2)
    add_documents(draft, manager)
    page = client_for(manager).get(f"/loans/{draft.pk}/").content.decode()
    assert 'id="submit-application">' in page and 'id="submit-blockers"' not in page
