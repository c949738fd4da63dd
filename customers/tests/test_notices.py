"""A proposed credit line tells whoever may approve it; approval or withdrawal clears it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from creditdesk.models import Notification
from customers.models import CustomerType
from customers.services.credit import credit_line_approve, credit_line_propose, credit_line_revoke
from customers.tests.credit_helpers import DAY, rated
from tests.factories import CustomerFactory

NOW = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))


@pytest.fixture
def customer(manager):
    customer = CustomerFactory(
        manager=manager, name="王建国", customer_type=CustomerType.INDIVIDUAL_BUSINESS
    )
    rated(customer, 92)
    return customer


def _open(user) -> list[str]:
    return list(Notification.objects.open().filter(recipient=user).values_list("label", flat=True))


def _propose(customer, amount):
    return credit_line_propose(
        customer=customer, amount=Decimal(amount), proposed_by=customer.manager, valid_from=DAY
    )


def test_the_branch_head_is_told_and_approval_clears_it(customer, head, other_head, committee):
    line = _propose(customer, "150000")
    assert _open(head) == ["王建国 · 150,000.00"]
    assert _open(other_head) == _open(committee) == []
    assert Notification.objects.get(recipient=head).url == f"/customers/credit/lines/{line.pk}/"
    credit_line_approve(line=line, approver=head, now=NOW)
    assert _open(head) == []


def test_a_line_above_the_heads_authority_goes_to_the_committee(
    customer, head, committee, committee2
):
    _propose(customer, "350000")  # head1 (grade 2) approves lines up to 300,000
    assert _open(head) == []
    assert _open(committee) == _open(committee2) == ["王建国 · 350,000.00"]


def test_a_withdrawn_proposal_leaves_nothing_to_do(customer, manager, head):
    line = _propose(customer, "150000")
    credit_line_revoke(line=line, revoked_by=manager, reason="客户不需要了")
    assert _open(head) == []


def test_approve_is_disabled_with_the_reason_the_service_would_give(customer, head, client_for):
    within = _propose(customer, "150000")
    page = client_for(head).get(f"/customers/credit/lines/{within.pk}/").content.decode()
    assert 'id="approve">' in page and 'id="approve-blockers"' not in page
    credit_line_revoke(line=within, revoked_by=customer.manager, reason="改额度")
    above = _propose(customer, "350000")  # head1 approves lines up to 300,000
    page = client_for(head).get(f"/customers/credit/lines/{above.pk}/").content.decode()
    assert 'id="approve" disabled' in page
    assert "超出您的审批权限 300,000.00 元" in page
