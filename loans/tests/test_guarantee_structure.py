"""The guarantee structure in origination: a "lend only with an additional full guarantee"
case is refused until guarantors or collateral cover it; the guarantee and mortgage contracts
are signed, numbered without gaps, with the loan contract; the screens show the structure."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guarantees.models import CollateralKind, GuaranteeStatus, PledgeStatus
from guarantees.services import collateral as collateral_services
from guarantees.services import parties
from loans import services
from loans.models import ApplicationStatus
from loans.tests.conftest import make_application, submitted
from tests.factories import make_id_number


def add_guarantor(application, manager, n=1, willingness="strong", net_assets="150000"):
    return parties.guarantee_propose(
        application=application,
        by=manager,
        party={
            "party_type": "person",
            "name": f"保证人{n}",
            "id_number": make_id_number(900 + n),
            "net_assets": Decimal(net_assets),
        },
        amount=application.amount,
        relationship="relative",
        willingness=willingness,
    )


@pytest.fixture
def needs_guarantee(customer, product, manager, manager2):
    """Good character and product, poor collateral: lend only with a full guarantee."""
    return submitted(
        make_application(customer, product, manager), manager, manager2, collateral="poor"
    )


def test_approval_is_refused_until_a_guarantor_covers_the_loan(needs_guarantee, manager, head):
    with pytest.raises(ValidationError, match=r"担保覆盖率 0\.0%"):
        services.application_approve(application=needs_guarantee, approver=head, opinion="同意")
    add_guarantor(needs_guarantee, manager, willingness="weak")  # 150,000 × 0.3: not enough
    with pytest.raises(ValidationError, match=r"担保覆盖率 45\.0%"):
        services.application_approve(application=needs_guarantee, approver=head, opinion="同意")
    add_guarantor(needs_guarantee, manager, n=2, willingness="strong")
    services.application_approve(application=needs_guarantee, approver=head, opinion="同意")
    needs_guarantee.refresh_from_db()
    assert needs_guarantee.status == ApplicationStatus.APPROVED


def test_signing_the_loan_contract_signs_and_numbers_the_guarantee_contracts(
    needs_guarantee, customer, manager, head
):
    guarantee = add_guarantor(needs_guarantee, manager)
    house = collateral_services.collateral_add(
        customer=customer,
        by=manager,
        values={
            "kind": CollateralKind.objects.get(code="residential"),
            "description": "自建房",
            "appraised_value": Decimal("100000"),
            "appraiser": "评估所",
            "appraised_on": datetime.date.today(),
        },
    )
    pledge = collateral_services.pledge_propose(
        application=needs_guarantee, collateral=house, by=manager, amount_secured=Decimal("50000")
    )
    services.application_approve(application=needs_guarantee, approver=head, opinion="同意")
    services.application_sign_contract(application=needs_guarantee, user=manager)
    guarantee.refresh_from_db()
    pledge.refresh_from_db()
    year = datetime.date.today().year
    branch = customer.branch.code
    assert (guarantee.status, guarantee.contract_number) == (
        GuaranteeStatus.ACTIVE,
        f"{branch}-{year}-BZ000001",
    )
    assert (pledge.status, pledge.contract_number) == (
        PledgeStatus.ACTIVE,
        f"{branch}-{year}-DY000001",
    )


def test_the_structure_shows_on_the_application_and_investigation_pages(
    needs_guarantee, manager, head, client_for
):
    add_guarantor(needs_guarantee, manager, willingness="weak")
    page = client_for(head).get(f"/loans/{needs_guarantee.pk}/")
    html = page.content.decode()
    assert 'id="guarantee-structure"' in html and "45.0%" in html and "担保不足" in html
    assert 'id="add-guarantor"' not in html  # the approver reads, the manager adds
    page = client_for(manager).get(f"/loans/{needs_guarantee.pk}/")
    assert 'id="add-guarantor"' in page.content.decode()
