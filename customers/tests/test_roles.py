"""The role × action table (docs/roles.md), walked for the customers floor: every row's service
is called as each role; an allowed role succeeds within its scope, any other gets 403
(issue 8, finding 4). The table is ``creditdesk.permissions_table``, the data the doc shows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from creditdesk.permissions_table import COLUMNS, TABLE
from customers.models import CustomerType, HouseholdMember
from customers.services import contacts, credit, household, marketing, villages
from customers.services import customers as files
from customers.tests.credit_helpers import DAY, rated, scores_for
from customers.tests.credit_helpers import household as farm_household
from tests.factories import CustomerFactory, make_id_number

AFTER_WINDOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))
NOW = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))
FIXTURE = {
    "manager": "manager",
    "branch_head": "head",
    "committee": "committee",
    "auditor": "auditor",
    "admin": "admin_user",
}


def _customer(people):
    """A customer of 李客户经理 (城关支行): in the scope of every role that may act."""
    return CustomerFactory(manager=people["manager"])


def _pending_line(people):
    customer = _customer(people)
    rated(customer, 92)
    return credit.credit_line_propose(
        customer=customer, amount=Decimal("10000"), proposed_by=people["manager"], valid_from=DAY
    )


def _village_batch(people):
    farmer = farm_household(people["manager"])
    batch = villages.village_batch_start(
        township=farmer.township,
        name=farmer.village,
        scores={farmer.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 95)},
        rated_by=people["manager"],
        on=DAY,
    )
    return villages.village_batch_publish(batch=batch, published_by=people["manager"], on=DAY)


def create(user, people):
    files.customer_create(
        by=user,
        name="张大山",
        customer_type=CustomerType.FARM_HOUSEHOLD,
        id_number=make_id_number(777),
        manager=people["manager"] if user != people["manager"] else None,
    )


def edit(user, people):
    files.customer_update(customer=_customer(people), by=user, changes={"notes": "爱喝茶"})


def household_members(user, people):
    member = household.member_add(
        customer=_customer(people),
        by=people["manager"],
        values={"name": "张小山", "relation": "child"},
    )
    household.member_remove(member=member, by=user)
    assert not HouseholdMember.objects.filter(pk=member.pk).exists()


def snapshot(user, people):
    household.snapshot_record(
        customer=_customer(people),
        by=user,
        values={
            "as_of": datetime.date(2025, 12, 31),
            "revenue": Decimal("100000"),
            "net_profit": Decimal("12000"),
            "total_assets": Decimal("200000"),
            "total_liabilities": Decimal("50000"),
        },
    )


def contact(user, people):
    contacts.contact_log(
        customer=_customer(people),
        by=user,
        values={
            "kind": "gift",
            "occurred_on": timezone.localdate(),
            "purpose": "春节慰问",
            "cost": Decimal("200"),
        },
    )


def stage(user, people):
    marketing.customer_move_stage(customer=_customer(people), by=user, stage="contacted")


def reassign(user, people):
    files.customers_reassign(
        customers=[_customer(people)], to_manager=people["manager2"], by=user, reason="调岗"
    )


def rate(user, people):
    rated(_customer(people), 92, by=user)


def line_propose(user, people):
    customer = _customer(people)
    rated(customer, 92)
    credit.credit_line_propose(
        customer=customer, amount=Decimal("10000"), proposed_by=user, valid_from=DAY
    )


def line_approve(user, people):
    credit.credit_line_approve(line=_pending_line(people), approver=user, now=NOW)


def line_revoke(user, people):
    credit.credit_line_revoke(line=_pending_line(people), revoked_by=user, reason="客户不再需要")


def line_review(user, people):
    line = credit.credit_line_approve(line=_pending_line(people), approver=people["head"], now=NOW)
    credit.credit_line_review(line=line, reviewed_by=user, passed=True)


def village_batch(user, people):
    farmer = farm_household(people["manager"])
    villages.village_batch_start(
        township=farmer.township,
        name=farmer.village,
        scores={farmer.pk: scores_for(CustomerType.FARM_HOUSEHOLD, 95)},
        rated_by=user,
        on=DAY,
    )


def village_batch_effective(user, people):
    villages.village_batch_make_effective(
        batch=_village_batch(people), approver=user, now=AFTER_WINDOW
    )


SCENARIOS = {
    "customers.create": create,
    "customers.edit": edit,
    "customers.household": household_members,
    "customers.snapshot": snapshot,
    "customers.contact": contact,
    "customers.marketing": stage,
    "customers.reassign": reassign,
    "customers.rate": rate,
    "customers.line_propose": line_propose,
    "customers.line_approve": line_approve,
    "customers.line_revoke": line_revoke,
    "customers.line_review": line_review,
    "customers.village_batch": village_batch,
    "customers.village_batch_effective": village_batch_effective,
}
ROWS = [rule for rule in TABLE if rule.action.startswith("customers.")]


def test_every_customers_row_of_the_table_is_walked():
    assert set(SCENARIOS) == {rule.action for rule in ROWS}


@pytest.mark.parametrize("role", COLUMNS)
@pytest.mark.parametrize("rule", ROWS, ids=lambda rule: rule.action)
def test_the_role_may_do_what_the_table_allows_and_nothing_else(rule, role, bank, request):
    people = {
        name: request.getfixturevalue(name)
        for name in ("manager", "manager2", "head", "committee", "auditor", "admin_user")
    }
    user = request.getfixturevalue(FIXTURE[role])
    if role in rule.allowed:
        SCENARIOS[rule.action](user, people)
    else:
        with pytest.raises(PermissionDenied):
            SCENARIOS[rule.action](user, people)


# The findings themselves, through the API a browser or a script would use.


def test_committee_cannot_edit_or_log_a_gift_on_another_branchs_customer(
    other_manager, committee, api_for
):
    customer = CustomerFactory(manager=other_manager)
    api = api_for(committee)
    response = api.patch(f"/api/customers/{customer.pk}/", {"notes": "改了"}, format="json")
    assert response.status_code == 403
    gift = {
        "customer": customer.pk,
        "kind": "gift",
        "occurred_on": str(timezone.localdate()),
        "purpose": "春节慰问",
    }
    response = api.post("/api/contacts/", gift, format="json")
    assert response.status_code == 403, response.json()
    customer.refresh_from_db()
    assert customer.notes == "" and not customer.contacts.exists()


def test_administrator_cannot_delete_a_household_member_through_the_api(
    customer_file, admin_user, api_for
):
    member = customer_file.members.get()
    response = api_for(admin_user).delete(f"/api/household-members/{member.pk}/")
    assert response.status_code == 403
    assert HouseholdMember.objects.filter(pk=member.pk).exists()
