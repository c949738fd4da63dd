"""Approval: authority, escalation to the credit committee, four eyes, changed terms."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loans import services
from loans.models import ApplicationStatus, ApprovalDecision
from loans.services import approval
from loans.tests.conftest import make_application, submitted

S = ApplicationStatus


def test_head_approves_within_limit_with_conditions(pending, head):
    services.application_approve(
        application=pending, approver=head, opinion="同意", conditions="配偶共同签字"
    )
    pending.refresh_from_db()
    assert pending.status == S.APPROVED
    assert pending.approved_by == head
    assert pending.approval_conditions == "配偶共同签字"
    assert pending.approved_amount == Decimal("100000.00")


def test_head_approves_lower_amount_and_shorter_term(pending, head):
    services.application_approve(
        application=pending, approver=head, opinion="减额", amount=Decimal("80000"), term_months=6
    )
    pending.refresh_from_db()
    assert (pending.approved_amount, pending.approved_term_months) == (Decimal("80000"), 6)


def test_head_cannot_approve_more_than_requested(pending, head):
    with pytest.raises(ValidationError, match="不能高于申请金额"):
        services.application_approve(
            application=pending, approver=head, opinion="同意", amount=Decimal("200000")
        )


def test_head_cannot_approve_above_limit(customer, product, manager, manager2, head):
    # head1 is a grade-2 branch head: 500,000 yuan.
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    with pytest.raises(ValidationError, match="超出您的审批权限"):
        services.application_approve(application=application, approver=head, opinion="同意")
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_above_limit_goes_to_committee_and_majority_approves(
    customer, product, manager, manager2, head, committee, committee2
):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=application, reviewer=head, opinion="超权限，上会")
    application.refresh_from_db()
    assert application.status == S.REFERRED
    services.committee_vote(application=application, member=committee, vote="approve")
    application.refresh_from_db()
    assert application.status == S.REFERRED  # one vote of two is no majority
    services.committee_vote(application=application, member=committee2, vote="approve")
    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert application.approved_amount == Decimal("800000")


def test_committee_rejects_once_a_majority_is_impossible(
    customer, product, manager, manager2, head, committee
):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=application, reviewer=head, opinion="上会")
    services.committee_vote(application=application, member=committee, vote="reject")
    application.refresh_from_db()
    assert application.status == S.REJECTED


def test_committee_member_votes_once(customer, product, manager, manager2, head, committee):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    services.application_refer(application=application, reviewer=head, opinion="上会")
    services.committee_vote(application=application, member=committee, vote="approve")
    with pytest.raises(ValidationError, match="已对该申请表决"):
        services.committee_vote(application=application, member=committee, vote="approve")


def test_committee_votes_needed():
    assert services.committee_votes_needed(2) == 2
    assert services.committee_votes_needed(3) == 2
    assert services.committee_votes_needed(5) == 3


def test_manager_cannot_approve(pending, manager2):
    with pytest.raises(PermissionDenied):  # a role refusal (docs/roles.md): 403
        services.application_approve(application=pending, approver=manager2, opinion="同意")


def test_head_of_other_branch_cannot_approve(pending, other_head):
    with pytest.raises(PermissionDenied, match="管辖范围"):
        services.application_approve(application=pending, approver=other_head, opinion="同意")


def test_auditor_cannot_approve(pending, auditor):
    with pytest.raises(PermissionDenied, match="修改权限"):
        services.application_approve(application=pending, approver=auditor, opinion="同意")


def test_nobody_approves_what_they_investigated(customer, product, manager, head, bank):
    # The head of the branch acting as second investigator may not then approve (审贷分离).
    from creditdesk.models import Role
    from tests.factories import UserFactory

    helper = UserFactory(role=Role.MANAGER, branch=bank["B01"])
    application = submitted(make_application(customer, product, manager), manager, helper)
    helper.role = Role.BRANCH_HEAD
    helper.grade = 3
    helper.save()
    with pytest.raises(ValidationError, match="审贷分离"):
        services.application_approve(application=application, approver=helper, opinion="同意")


def test_head_cannot_approve_a_customer_they_manage(pending, head):
    # The customer was reassigned to the head after the application was submitted.
    pending.customer.manager = head
    pending.customer.save()
    with pytest.raises(ValidationError, match="审贷分离"):
        services.application_approve(application=pending, approver=head, opinion="同意")


def test_guarantee_needed_blocks_approval_until_covered(
    customer, product, manager, manager2, head, monkeypatch
):
    application = submitted(
        make_application(customer, product, manager), manager, manager2, collateral="poor"
    )
    with pytest.raises(ValidationError, match="担保覆盖率"):
        services.application_approve(application=application, approver=head, opinion="同意")
    monkeypatch.setattr(approval, "coverage_ratio", lambda application: Decimal("1.2"))
    services.application_approve(application=application, approver=head, opinion="同意")
    application.refresh_from_db()
    assert application.status == S.APPROVED


def test_second_approval_is_refused(approved, head):
    with pytest.raises(ValidationError):
        services.application_approve(application=approved, approver=head, opinion="再批")
    assert ApprovalDecision.objects.filter(application=approved, kind="approve").count() == 1


def test_queue_is_oldest_first_and_in_scope(customer, product, manager, manager2, head, other_head):
    from loans.models import LoanApplication

    first = submitted(make_application(customer, product, manager), manager, manager2)
    second = submitted(make_application(customer, product, manager), manager, manager2)
    assert list(LoanApplication.objects.approval_queue(head)) == [first, second]
    assert list(LoanApplication.objects.approval_queue(other_head)) == []
