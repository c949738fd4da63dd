"""Every guarantees service leaves history: who (the member of staff) and why (a reason code
of guarantees.reasons) on every row it changes."""

import datetime
from decimal import Decimal

from guarantees.models import CollateralKind, Custody
from guarantees.reasons import GuaranteesReason as R
from guarantees.services import collateral as cs
from guarantees.services import contracts, groups, parties
from guarantees.tests.conftest import make_application, person
from guarantees.tests.history import assert_audited, new_history

TODAY = datetime.date.today()


def test_guarantor_services_leave_history(application, manager, head):
    with new_history() as rows:
        party = parties.guarantor_register(by=manager, values=person(1, net_assets=Decimal("1")))
    assert_audited(rows, user=manager, code=R.GUARANTOR_REGISTER)
    with new_history() as rows:
        parties.guarantor_assess(
            guarantor=party, by=manager, values={"net_assets": Decimal("300000")}
        )
    assert_audited(rows, user=manager, code=R.GUARANTOR_ASSESS)
    with new_history() as rows:
        guarantee = parties.guarantee_propose(
            application=application,
            by=manager,
            guarantor=party,
            amount=Decimal("50000"),
            relationship="friend",
            willingness="strong",
        )
    assert_audited(rows, user=manager, code=R.GUARANTEE_PROPOSE)
    with new_history() as rows:
        parties.guarantee_withdraw(guarantee=guarantee, by=manager)
    assert_audited(rows, user=manager, code=R.GUARANTEE_WITHDRAW)
    again = parties.guarantee_propose(
        application=application,
        by=manager,
        guarantor=party,
        amount=Decimal("50000"),
        relationship="friend",
        willingness="strong",
    )
    with new_history() as rows:
        contracts.contracts_sign(application=application, by=manager, signed_on=TODAY)
    assert_audited(rows, user=manager, code=R.CONTRACT_SIGN)
    with new_history() as rows:
        parties.guarantee_end(guarantee=again, by=head, reason="借款人提供了足值抵押，换保")
    assert_audited(rows, user=head, code=R.GUARANTEE_END)


def test_collateral_services_leave_history(application, borrower, manager, head):
    values = {
        "kind": CollateralKind.objects.get(code="residential"),
        "description": "自建房",
        "appraised_value": Decimal("300000"),
        "appraiser": "评估所",
        "appraised_on": TODAY,
    }
    with new_history() as rows:
        item = cs.collateral_add(customer=borrower, by=manager, values=values)
    assert_audited(rows, user=manager, code=R.COLLATERAL_ADD)
    with new_history() as rows:
        cs.collateral_revalue(
            collateral=item, by=manager, values={"insurer": "人保", "insured_until": TODAY}
        )
    assert_audited(rows, user=manager, code=R.COLLATERAL_REVALUE)
    with new_history() as rows:
        first = cs.pledge_propose(
            application=application, collateral=item, by=manager, amount_secured=Decimal("1000")
        )
    assert_audited(rows, user=manager, code=R.PLEDGE_PROPOSE)
    with new_history() as rows:
        cs.pledge_withdraw(pledge=first, by=manager)
    assert_audited(rows, user=manager, code=R.PLEDGE_WITHDRAW)
    second = cs.pledge_propose(
        application=application, collateral=item, by=manager, amount_secured=Decimal("100000")
    )
    with new_history() as rows:
        cs.pledge_waive_registration(pledge=second, by=head, reason="登记中心排期，先放款")
    assert_audited(rows, user=head, code=R.PLEDGE_WAIVE)
    with new_history() as rows:
        cs.collateral_register(
            collateral=item,
            by=manager,
            certificate_number="他项第2号",
            registry="县不动产登记中心",
            registered_on=TODAY,
        )
    assert_audited(rows, user=manager, code=R.COLLATERAL_REGISTER)
    assert R.CUSTODY_MOVE in {row[1] for row in rows}
    with new_history() as rows:
        cs.custody_move(collateral=item, by=manager, to=Custody.LENT_OUT, holder="法院")
    assert_audited(rows, user=manager, code=R.CUSTODY_MOVE)
    cs.custody_move(collateral=item, by=manager, to=Custody.IN_VAULT)
    contracts.contracts_sign(application=application, by=manager, signed_on=TODAY)
    with new_history() as rows:
        contracts.securities_release(application=application, by=manager, on=TODAY)
    assert_audited(rows, user=manager, code=R.PLEDGE_RELEASE)
    assert R.COLLATERAL_RELEASE in {row[1] for row in rows}
    other = cs.collateral_add(customer=borrower, by=manager, values=values)
    with new_history() as rows:
        cs.collateral_release(collateral=other, by=manager)
    assert_audited(rows, user=manager, code=R.COLLATERAL_RELEASE)


def test_group_services_leave_history(manager, farmers):
    with new_history() as rows:
        group = groups.group_form(
            by=manager, name="一组", ceiling=Decimal("500000"), members=farmers[:3]
        )
    assert_audited(rows, user=manager, code=R.GROUP_FORM)
    with new_history() as rows:
        member = groups.group_join(group=group, customer=farmers[3], by=manager)
    assert_audited(rows, user=manager, code=R.GROUP_JOIN)
    with new_history() as rows:
        groups.group_leave(member=member, by=manager)
    assert_audited(rows, user=manager, code=R.GROUP_LEAVE)
    loan = make_application(farmers[0], manager)
    with new_history() as rows:
        groups.group_guarantee(group=group, application=loan, by=manager)
    assert_audited(rows, user=manager, code=R.GROUP_GUARANTEE)
