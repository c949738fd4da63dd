"""The rules are the services' (and the database's), not only the forms'."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from guarantees.models import Custody, Guarantee
from guarantees.services import collateral as collateral_services
from guarantees.services import groups, parties
from guarantees.tests.conftest import add_guarantor, house, make_application, person, pledge


def test_a_guarantee_cannot_be_saved_other_than_joint_and_several(application, manager):
    guarantee = add_guarantor(application, manager)
    assert guarantee.liability == "joint_and_several"
    with pytest.raises(IntegrityError), transaction.atomic():
        Guarantee.objects.filter(pk=guarantee.pk).update(liability="general")


def test_a_guarantor_needs_a_valid_id_number_or_credit_code(application, manager):
    bad = person(1) | {"id_number": "110105198005170012"}
    with pytest.raises(ValidationError) as refused:
        parties.guarantee_propose(
            application=application,
            by=manager,
            party=bad,
            amount=Decimal("1000"),
            relationship="friend",
            willingness="strong",
        )
    assert "id_number" in refused.value.message_dict
    company = {
        "party_type": "organisation",
        "name": "兴农合作社",
        "id_number": "91350100M000100Y43",
    }
    guarantee = parties.guarantee_propose(
        application=application,
        by=manager,
        party=company,
        amount=Decimal("1000"),
        relationship="supply_chain",
        willingness="average",
    )
    assert guarantee.guarantor.party_type == "organisation"


def test_the_borrower_cannot_guarantee_their_own_loan(application, borrower, manager):
    with pytest.raises(ValidationError, match="自己"):
        parties.guarantee_propose(
            application=application,
            by=manager,
            party={"party_type": "person", "name": borrower.name, "id_number": borrower.id_number},
            amount=Decimal("1000"),
            relationship="other",
            willingness="strong",
        )


def test_an_existing_customer_is_linked_with_strength_from_the_file(application, manager):
    from tests.factories import CustomerFactory

    neighbour = CustomerFactory(manager=manager, name="李邻居")
    neighbour.financials.create(
        as_of=datetime.date(2026, 6, 30),
        revenue=Decimal("300000"),
        net_profit=Decimal("60000"),
        total_assets=Decimal("500000"),
        total_liabilities=Decimal("100000"),
        recorded_by=manager,
    )
    guarantee = parties.guarantee_propose(
        application=application,
        by=manager,
        party={"party_type": "person", "name": "李邻居", "id_number": neighbour.id_number},
        amount=Decimal("50000"),
        relationship="neighbour",
        willingness="strong",
    )
    party = guarantee.guarantor
    assert party.customer == neighbour
    assert (party.net_assets, party.annual_income) == (Decimal("400000"), Decimal("60000"))


def test_collateral_never_secures_beyond_its_value(application, borrower, manager):
    item = house(borrower, manager, value="200000")  # 140,000 lendable
    pledge(application, item, manager, amount="100000")
    other = make_application(borrower, manager)
    with pytest.raises(ValidationError, match=r"最多还能担保 40000\.00 元"):
        pledge(other, item, manager, amount="50000")
    assert pledge(other, item, manager, amount="40000").amount_secured == Decimal("40000")


def test_revaluation_below_what_it_secures_is_refused(application, borrower, manager):
    item = house(borrower, manager, value="200000")
    pledge(application, item, manager, amount="100000")
    with pytest.raises(ValidationError, match="已担保"):
        collateral_services.collateral_revalue(
            collateral=item, by=manager, values={"appraised_value": Decimal("100000")}
        )


def test_third_party_collateral_needs_the_owners_consent(borrower, manager):
    owner = {"owner_name": "张父", "owner_id_number": "110105195001010011"}
    from stdnum.cn import ric

    body = "11010519500101001"
    owner["owner_id_number"] = body + ric.calc_check_digit(body + "0")
    with pytest.raises(ValidationError) as refused:
        house(borrower, manager, **owner)
    assert "owner_consent_on" in refused.value.message_dict
    item = house(borrower, manager, owner_consent_on=datetime.date.today(), **owner)
    assert item.third_party


def test_custody_of_the_certificate_is_tracked(borrower, manager):
    item = house(borrower, manager)
    collateral_services.collateral_register(
        collateral=item,
        by=manager,
        certificate_number="他项第1号",
        registry="县不动产登记中心",
        registered_on=datetime.date.today(),
    )
    item.refresh_from_db()
    assert item.custody == Custody.IN_VAULT
    with pytest.raises(ValidationError, match="借用人"):
        collateral_services.custody_move(collateral=item, by=manager, to=Custody.LENT_OUT)
    collateral_services.custody_move(
        collateral=item, by=manager, to=Custody.LENT_OUT, holder="不动产中心（换证）"
    )
    item.refresh_from_db()
    assert (item.custody, item.custody_holder) == (Custody.LENT_OUT, "不动产中心（换证）")
    with pytest.raises(ValidationError, match="不能变为"):
        collateral_services.custody_move(collateral=item, by=manager, to=Custody.RETURNED)
    collateral_services.custody_move(collateral=item, by=manager, to=Custody.IN_VAULT)
    with pytest.raises(ValidationError, match="尚未解押"):
        collateral_services.custody_move(collateral=item, by=manager, to=Custody.RETURNED)
    assert [m.to_custody for m in item.custody_movements.all()] == [
        Custody.IN_VAULT,
        Custody.LENT_OUT,
        Custody.IN_VAULT,
    ]


def test_collateral_securing_a_loan_cannot_be_released(application, borrower, manager):
    item = house(borrower, manager)
    pledge(application, item, manager)
    with pytest.raises(ValidationError, match="贷款结清后"):
        collateral_services.collateral_release(collateral=item, by=manager)


def test_only_the_handling_manager_adds_guarantees(
    application, head, committee, other_manager, auditor, admin_user
):
    for outsider in (other_manager, auditor, committee, admin_user):
        with pytest.raises(PermissionDenied):
            add_guarantor(application, outsider)
    with pytest.raises(ValidationError, match="经办客户经理"):
        add_guarantor(application, head)


def test_a_waiver_needs_an_independent_approver(application, borrower, manager, head):
    item = pledge(application, house(borrower, manager), manager)
    with pytest.raises(PermissionDenied):
        collateral_services.pledge_waive_registration(pledge=item, by=manager, reason="急需")
    with pytest.raises(ValidationError, match="理由"):
        collateral_services.pledge_waive_registration(pledge=item, by=head, reason=" ")
    borrower.manager = head
    borrower.save()
    with pytest.raises(ValidationError, match="审贷分离"):
        collateral_services.pledge_waive_registration(pledge=item, by=head, reason="急需")


def test_a_group_has_three_to_five_farm_households(manager, farmers):
    with pytest.raises(ValidationError, match="3 至 5"):
        groups.group_form(by=manager, name="一组", ceiling=Decimal("300000"), members=farmers[:2])
    group = groups.group_form(
        by=manager, name="一组", ceiling=Decimal("300000"), members=farmers[:3]
    )
    with pytest.raises(ValidationError, match="其他联保小组"):
        groups.group_form(by=manager, name="二组", ceiling=Decimal("1"), members=farmers[1:4])
    member = group.members.first()
    with pytest.raises(ValidationError, match="不能少于"):
        groups.group_leave(member=member, by=manager)


def test_the_group_guarantees_a_members_loan_within_its_ceiling(manager, farmers):
    group = groups.group_form(
        by=manager, name="一组", ceiling=Decimal("150000"), members=farmers[:3]
    )
    loan = make_application(farmers[0], manager, amount="100000")
    made = groups.group_guarantee(group=group, application=loan, by=manager)
    assert sorted(g.guarantor.id_number for g in made) == sorted(f.id_number for f in farmers[1:3])
    assert all(g.relationship == "group_member" for g in made)
    second = make_application(farmers[1], manager, amount="60000")
    with pytest.raises(ValidationError, match="上限"):
        groups.group_guarantee(group=group, application=second, by=manager)
    outsider = make_application(farmers[3], manager, amount="10000")
    with pytest.raises(ValidationError, match="不是该联保小组的成员"):
        groups.group_guarantee(group=group, application=outsider, by=manager)
