"""Guarantees at disbursement and settlement: an unregistered mortgage blocks the loan until
registered or waived by an approver; settling the loan ends its guarantees and releases the
collateral that secures nothing else."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guarantees.models import CollateralKind, CollateralStatus, GuaranteeStatus, PledgeStatus
from guarantees.services import collateral as collateral_services
from guarantees.services import parties
from loans import services as loan_services
from loans.tests.conftest import make_application, submitted
from postloan import services
from postloan.models import LoanStatus
from tests.factories import make_id_number

TODAY = datetime.date.today()


def house(customer, manager):
    return collateral_services.collateral_add(
        customer=customer,
        by=manager,
        values={
            "kind": CollateralKind.objects.get(code="residential"),
            "description": "自建房",
            "appraised_value": Decimal("300000"),
            "appraiser": "评估所",
            "appraised_on": TODAY,
        },
    )


@pytest.fixture
def mortgaged(customer, product, manager, manager2, head):
    """A signed contract secured by a house whose mortgage is not registered yet."""
    application = submitted(make_application(customer, product, manager), manager, manager2)
    item = house(customer, manager)
    collateral_services.pledge_propose(
        application=application, collateral=item, by=manager, amount_secured=Decimal("100000")
    )
    parties.guarantee_propose(
        application=application,
        by=manager,
        party={"party_type": "person", "name": "赵保", "id_number": make_id_number(777)},
        amount=Decimal("20000"),
        relationship="friend",
        willingness="strong",
    )
    loan_services.application_approve(application=application, approver=head, opinion="同意")
    loan_services.application_sign_contract(application=application, user=manager)
    application.refresh_from_db()
    return application


def test_an_unregistered_mortgage_blocks_disbursement(mortgaged, manager):
    with pytest.raises(ValidationError, match="尚未办妥抵押登记"):
        services.loan_open(application=mortgaged, by=manager, day=TODAY)
    mortgaged.refresh_from_db()
    assert mortgaged.status == "contract_signed"


def test_registering_the_mortgage_lets_the_loan_be_disbursed(mortgaged, manager):
    item = mortgaged.pledges.get().collateral
    collateral_services.collateral_register(
        collateral=item,
        by=manager,
        certificate_number="他项第9号",
        registry="县不动产登记中心",
        registered_on=TODAY,
    )
    assert services.loan_open(application=mortgaged, by=manager, day=TODAY).principal


def test_an_approvers_waiver_lets_the_loan_be_disbursed(mortgaged, manager, head):
    pledge = mortgaged.pledges.get()
    collateral_services.pledge_waive_registration(
        pledge=pledge, by=head, reason="登记中心系统升级停办一周，先放款后登记"
    )
    loan = services.loan_open(application=mortgaged, by=manager, day=TODAY)
    assert loan.status == LoanStatus.ACTIVE
    pledge.refresh_from_db()
    assert (pledge.waived_by, pledge.waiver_reason) == (
        head,
        "登记中心系统升级停办一周，先放款后登记",
    )


def test_settling_the_loan_ends_guarantees_and_releases_collateral(mortgaged, manager, head):
    pledge = mortgaged.pledges.get()
    collateral_services.pledge_waive_registration(pledge=pledge, by=head, reason="先放款后登记")
    loan = services.loan_open(application=mortgaged, by=manager, day=TODAY)
    # Repaid in full on the day of disbursement: the principal, no interest has accrued.
    services.loan_record_repayment(loan=loan, user=manager, amount=loan.principal, paid_on=TODAY)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.SETTLED
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RELEASED
    assert pledge.collateral.status == CollateralStatus.RELEASED
    assert mortgaged.guarantees.get().status == GuaranteeStatus.ENDED


def test_the_loan_page_lists_the_guarantee_contracts(mortgaged, manager, head, client_for):
    collateral_services.pledge_waive_registration(
        pledge=mortgaged.pledges.get(), by=head, reason="先放款后登记"
    )
    loan = services.loan_open(application=mortgaged, by=manager, day=TODAY)
    html = client_for(manager).get(f"/postloan/loans/{loan.pk}/").content.decode()
    assert 'id="guarantee-contracts"' in html
    assert "BZ000001" in html and "DY000001" in html


def test_a_members_overdue_loan_shows_on_the_group_and_the_structure(
    loan, customer, manager, client_for
):
    from guarantees import coverage, queries
    from guarantees.services import groups
    from loans.tests.conftest import make_application as new_application
    from tests.factories import CustomerFactory

    neighbours = [CustomerFactory(manager=manager, name=f"邻居{i}") for i in range(2)]
    group = groups.group_form(
        by=manager, name="一组", ceiling=Decimal("900000"), members=[customer, *neighbours]
    )
    assert queries.in_default([customer.pk]) == set()
    services.loans_mark_overdue(on=loan.next_due_date + datetime.timedelta(days=1))
    assert queries.in_default([customer.pk, neighbours[0].pk]) == {customer.pk}
    html = client_for(manager).get(f"/guarantees/groups/{group.pk}/").content.decode()
    assert 'id="group-default"' in html
    # The neighbour's own application, guaranteed by the group, carries the warning.
    application = new_application(neighbours[0], loan.application.product, manager)
    groups.group_guarantee(group=group, application=application, by=manager)
    warnings = {w.code for w in coverage.structure(application).warnings}
    assert "group_default" in warnings
    # And every member's own file shows the group and who is in default.
    neighbour_file = client_for(manager).get(f"/customers/{neighbours[1].pk}/").content.decode()
    assert 'id="file-joint-groups"' in neighbour_file
    assert "有成员逾期" in neighbour_file and customer.name in neighbour_file
