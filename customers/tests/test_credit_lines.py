"""Credit lines (授信): proposal, four-eyes approval within authority, revolving, review, expiry."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from creditdesk.history import reason_text
from customers.models import CreditLine, CreditLineStatus, CustomerType
from customers.services.credit import (
    credit_line_approve,
    credit_line_propose,
    credit_line_review,
    credit_line_revoke,
    credit_lines_expire,
)
from customers.tests.credit_helpers import DAY, rated
from tests.factories import CustomerFactory

NOW = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))


@pytest.fixture
def customer(manager):
    customer = CustomerFactory(manager=manager, customer_type=CustomerType.INDIVIDUAL_BUSINESS)
    rated(customer, 92)
    return customer


def propose(customer, amount="150000", **kwargs):
    return credit_line_propose(
        customer=customer,
        amount=Decimal(amount),
        proposed_by=customer.manager,
        valid_from=DAY,
        **kwargs,
    )


def test_head_approves_within_authority_and_the_loan_card_is_numbered(customer, head):
    line = propose(customer)
    assert line.status == CreditLineStatus.PENDING
    assert line.valid_until == datetime.date(2028, 3, 1)  # two years by default
    credit_line_approve(line=line, approver=head, now=NOW)
    line.refresh_from_db()
    assert line.status == CreditLineStatus.ACTIVE
    assert line.approved_by == head
    assert line.next_review_on == datetime.date(2027, 3, 2)
    assert line.card_number == "B01-2026-00001"
    assert line.history.first().history_change_reason == "customers.line_approve"
    assert reason_text(line.history.first().history_change_reason) == "审批通过，授信生效"


def test_head_cannot_approve_a_line_above_their_authority(customer, head):
    line = propose(customer, "350000")  # head1 (grade 2) may approve lines up to 300,000
    with pytest.raises(ValidationError, match="超出您的审批权限"):
        credit_line_approve(line=line, approver=head, now=NOW)
    line.refresh_from_db()
    assert line.status == CreditLineStatus.PENDING


def test_committee_approves_what_exceeds_a_head(customer, committee):
    line = propose(customer, "350000")
    credit_line_approve(line=line, approver=committee, now=NOW)
    line.refresh_from_db()
    assert line.status == CreditLineStatus.ACTIVE


def test_manager_cannot_approve_own_customers_line(customer, manager, head):
    line = propose(customer)
    with pytest.raises(PermissionDenied):  # managers approve no line (docs/roles.md)
        credit_line_approve(line=line, approver=manager, now=NOW)


def test_approver_cannot_approve_own_customer(head, committee):
    customer = CustomerFactory(manager=head, branch=head.branch)
    rated(customer, 92, by=head)
    line = credit_line_propose(
        customer=customer, amount=Decimal("10000"), proposed_by=head, valid_from=DAY
    )
    with pytest.raises(ValidationError, match="自己管户"):
        credit_line_approve(line=line, approver=head, now=NOW)


def test_auditor_never_approves(customer, auditor):
    line = propose(customer)
    with pytest.raises(PermissionDenied):
        credit_line_approve(line=line, approver=auditor, now=NOW)


def test_head_of_another_branch_cannot_approve(customer, other_head):
    line = propose(customer, "10000")
    with pytest.raises(PermissionDenied):
        credit_line_approve(line=line, approver=other_head, now=NOW)


def test_a_line_needs_a_valid_rating(manager):
    customer = CustomerFactory(manager=manager)
    with pytest.raises(ValidationError, match="有效的信用评级"):
        propose(customer, "10000")
    rated(customer, 40)
    with pytest.raises(ValidationError, match="C"):
        propose(customer, "10000")


def test_a_line_lasts_at_most_two_years(customer):
    with pytest.raises(ValidationError, match="两年"):
        propose(customer, valid_until=datetime.date(2028, 3, 2))


def test_farm_household_line_is_capped_by_its_tier(manager):
    customer = CustomerFactory(manager=manager, customer_type=CustomerType.FARM_HOUSEHOLD)
    rated(customer, 85)  # AA → 优秀, 30,000
    with pytest.raises(ValidationError, match="30,000"):
        propose(customer, "30000.01")
    assert propose(customer, "30000").amount == Decimal("30000")


def test_revolving_line_available_is_the_line_when_nothing_is_drawn(customer, head):
    line = propose(customer, "80000")
    credit_line_approve(line=line, approver=head, now=NOW)
    assert line.outstanding() == Decimal("0")
    assert line.available() == Decimal("80000")


def test_a_new_line_supersedes_the_active_one(customer, head):
    first = propose(customer, "50000")
    credit_line_approve(line=first, approver=head, now=NOW)
    second = propose(customer, "60000")
    credit_line_approve(line=second, approver=head, now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CreditLineStatus.EXPIRED, CreditLineStatus.ACTIVE)
    assert CreditLine.objects.in_force_on(DAY).get() == second


def test_manager_withdraws_a_proposal_but_only_an_approver_revokes_an_active_line(
    customer, manager, head
):
    line = propose(customer)
    credit_line_revoke(line=line, revoked_by=manager, reason="客户暂不需要")
    line.refresh_from_db()
    assert line.status == CreditLineStatus.REVOKED
    line = propose(customer)
    credit_line_approve(line=line, approver=head, now=NOW)
    with pytest.raises(ValidationError):
        credit_line_revoke(line=line, revoked_by=manager, reason="x")
    credit_line_revoke(line=line, revoked_by=head, reason="发现多头借贷")
    line.refresh_from_db()
    assert line.status == CreditLineStatus.REVOKED


def test_annual_review(customer, head):
    line = propose(customer)
    credit_line_approve(line=line, approver=head, now=NOW)
    credit_line_review(line=line, reviewed_by=head, passed=True, on=datetime.date(2027, 3, 1))
    line.refresh_from_db()
    assert line.status == CreditLineStatus.ACTIVE
    assert line.next_review_on is None  # the next anniversary is past the end of the line
    credit_line_review(line=line, reviewed_by=head, passed=False, note="经营恶化")
    line.refresh_from_db()
    assert line.status == CreditLineStatus.REVOKED


def test_lines_expire_after_their_end_date(customer, head):
    line = propose(customer, valid_until=datetime.date(2026, 12, 31))
    credit_line_approve(line=line, approver=head, now=NOW)
    assert credit_lines_expire(on=datetime.date(2026, 12, 31)) == 0
    assert credit_lines_expire(on=datetime.date(2027, 1, 1)) == 1
    line.refresh_from_db()
    assert line.status == CreditLineStatus.EXPIRED


def test_expiring_within_30_days(customer, head):
    line = propose(customer, valid_until=datetime.date(2026, 4, 1))
    credit_line_approve(line=line, approver=head, now=NOW)
    assert list(CreditLine.objects.expiring(datetime.date(2026, 3, 5))) == [line]
    assert not CreditLine.objects.expiring(datetime.date(2026, 2, 20)).exists()


def test_loan_cards_are_numbered_without_gaps_per_branch_and_year(
    manager, other_manager, head, other_head
):
    numbers = []
    for owner, approver in [(manager, head), (manager, head), (other_manager, other_head)]:
        c = CustomerFactory(manager=owner, customer_type=CustomerType.INDIVIDUAL_BUSINESS)
        rated(c, 95)
        line = propose(c, "10000")
        numbers.append(credit_line_approve(line=line, approver=approver, now=NOW).card_number)
    # A refused approval consumes no number.
    c = CustomerFactory(manager=manager, customer_type=CustomerType.INDIVIDUAL_BUSINESS)
    rated(c, 95)
    with pytest.raises(ValidationError):
        credit_line_approve(line=propose(c, "900000"), approver=head, now=NOW)
    c2 = CustomerFactory(manager=manager, customer_type=CustomerType.INDIVIDUAL_BUSINESS)
    rated(c2, 95)
    numbers.append(
        credit_line_approve(line=propose(c2, "10000"), approver=head, now=NOW).card_number
    )
    assert numbers == ["B01-2026-00001", "B01-2026-00002", "B02-2026-00001", "B01-2026-00003"]
