"""Every transition of an application, and the refusals of illegal ones."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loans import services
from loans.models import ApplicationStatus, ApplicationTransition
from loans.tests.conftest import investigated, submitted

S = ApplicationStatus


def test_manager_creates_a_draft(draft, manager):
    assert draft.status == S.DRAFT
    assert draft.created_by == manager
    assert draft.history.first().history_change_reason == "loans.create"


def test_start_investigation_moves_draft_to_investigating(draft, manager, manager2):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    draft.refresh_from_db()
    assert draft.status == S.INVESTIGATING
    assert draft.investigation.second_investigator == manager2


def test_second_investigator_must_be_someone_else(draft, manager):
    with pytest.raises(ValidationError, match="双人调查"):
        services.application_start_investigation(
            application=draft, user=manager, second_investigator=manager
        )


def test_submit_needs_the_second_investigators_confirmation(draft, manager, manager2):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    with pytest.raises(ValidationError, match="协助调查人尚未确认"):
        services.application_submit(application=draft, user=manager)


def test_only_the_second_investigator_confirms(draft, manager, manager2):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    with pytest.raises(ValidationError, match="只有协助调查人"):
        services.investigation_confirm(application=draft, user=manager)


def test_changing_findings_needs_a_new_confirmation(draft, manager, manager2):
    investigated(draft, manager, manager2)
    services.investigation_update(application=draft, user=manager, data={"report": "补充"})
    draft.investigation.refresh_from_db()
    assert draft.investigation.confirmed_at is None


def test_submit(pending):
    assert pending.status == S.SUBMITTED
    assert pending.submitted_at is not None


def test_cannot_submit_a_draft(draft, manager):
    with pytest.raises(ValidationError, match="不能提交审批"):
        services.application_submit(application=draft, user=manager)


def test_cannot_submit_a_never_case(draft, manager, manager2):
    investigated(draft, manager, manager2, character="poor")
    with pytest.raises(ValidationError, match="坚决不贷"):
        services.application_submit(application=draft, user=manager)
    draft.refresh_from_db()
    assert draft.status == S.INVESTIGATING


def test_cannot_submit_a_do_not_lend_case(draft, manager, manager2):
    investigated(draft, manager, manager2, product_quality="poor")
    with pytest.raises(ValidationError, match="不予贷款"):
        services.application_submit(application=draft, user=manager)


def test_cannot_submit_when_the_owner_cannot_answer(draft, manager, manager2):
    investigated(draft, manager, manager2, ask_wages="unknown")
    with pytest.raises(ValidationError, match="工资发放"):
        services.application_submit(application=draft, user=manager)


def test_cannot_submit_with_missing_documents(draft, manager, manager2):
    services.application_start_investigation(
        application=draft, user=manager, second_investigator=manager2
    )
    from loans.tests.conftest import GOOD_FINDINGS

    services.investigation_update(application=draft, user=manager, data=GOOD_FINDINGS)
    services.investigation_confirm(application=draft, user=manager2)
    with pytest.raises(ValidationError, match="材料不全"):
        services.application_submit(application=draft, user=manager)


def test_head_returns_with_comments_and_manager_resubmits(pending, head, manager):
    services.application_return(application=pending, reviewer=head, comments="补充销售流水")
    pending.refresh_from_db()
    assert pending.status == S.RETURNED
    assert pending.reviewer_comments == "补充销售流水"
    services.application_submit(application=pending, user=manager)
    pending.refresh_from_db()
    assert pending.status == S.SUBMITTED


def test_head_rejects(pending, head):
    services.application_reject(application=pending, reviewer=head, opinion="还款来源不足")
    pending.refresh_from_db()
    assert pending.status == S.REJECTED


def test_cannot_approve_a_rejected_application(pending, head):
    services.application_reject(application=pending, reviewer=head, opinion="否")
    with pytest.raises(ValidationError, match="不能审批"):
        services.application_approve(application=pending, approver=head, opinion="同意")


def test_manager_withdraws(draft, manager):
    services.application_withdraw(application=draft, user=manager, reason="客户不需要了")
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN


def test_cannot_withdraw_an_approved_application(approved, manager):
    with pytest.raises(ValidationError, match="不能撤回"):
        services.application_withdraw(application=approved, user=manager)


def test_sign_contract_gives_gapless_numbers(approved, manager, customer, product, manager2, head):
    from loans.tests.conftest import make_application

    services.application_sign_contract(application=approved, user=manager)
    approved.refresh_from_db()
    second = submitted(make_application(customer, product, manager), manager, manager2)
    services.application_approve(application=second, approver=head, opinion="同意")
    services.application_sign_contract(application=second, user=manager)
    second.refresh_from_db()
    year = approved.contract_signed_on.year
    assert approved.status == S.CONTRACT_SIGNED
    assert approved.contract_number == f"B01-{year}-000001"
    assert second.contract_number == f"B01-{year}-000002"


def test_cannot_sign_before_approval(pending, manager):
    with pytest.raises(ValidationError, match="不能签订合同"):
        services.application_sign_contract(application=pending, user=manager)


def test_every_step_is_logged(pending):
    steps = list(
        ApplicationTransition.objects.filter(application=pending).values_list(
            "to_status", flat=True
        )
    )
    assert steps == [S.DRAFT, S.INVESTIGATING, S.SUBMITTED]
    assert len(pending.time_in_states()) == 3


def test_other_manager_cannot_act_on_the_application(pending, other_manager):
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=pending, user=other_manager)
