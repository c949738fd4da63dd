"""The guarantees pages: the manager adds, every page answers 404 out of scope."""

from decimal import Decimal

import pytest

from guarantees import coverage
from guarantees.models import Guarantee
from guarantees.services import groups
from guarantees.tests.conftest import add_guarantor, house, pledge
from tests.factories import make_id_number


def test_manager_adds_a_guarantor_from_the_form(application, manager, client_for):
    client = client_for(manager)
    url = f"/guarantees/applications/{application.pk}/guarantors/new/"
    assert client.get(url).status_code == 200
    answer = client.post(
        url,
        {
            "party_type": "person",
            "name": "王保",
            "id_number": make_id_number(612),
            "net_assets": "150000",
            "relationship": "friend",
            "willingness": "strong",
            "amount": "100000",
        },
    )
    assert answer.status_code == 302
    assert coverage.coverage_ratio(application) == Decimal("1.0000")


def test_a_refused_guarantor_keeps_the_input(application, manager, client_for):
    answer = client_for(manager).post(
        f"/guarantees/applications/{application.pk}/guarantors/new/",
        {
            "party_type": "person",
            "name": "王保",
            "id_number": "110105198005170012",
            "relationship": "friend",
            "willingness": "strong",
            "amount": "100000",
        },
    )
    assert answer.status_code == 200
    assert "校验位" in answer.content.decode() and "王保" in answer.content.decode()
    assert not Guarantee.objects.exists()


def test_manager_adds_a_house_from_the_form(application, manager, client_for):
    from guarantees.models import CollateralKind

    answer = client_for(manager).post(
        f"/guarantees/applications/{application.pk}/collateral/new/",
        {
            "kind": CollateralKind.objects.get(code="residential").pk,
            "description": "自建房",
            "appraised_value": "200000",
            "appraiser": "评估所",
            "appraised_on": "2026-10-01",
            "amount_secured": "100000",
        },
    )
    assert answer.status_code == 302
    assert coverage.coverage_ratio(application) == Decimal("1.0000")


@pytest.fixture
def records(application, borrower, manager, farmers):
    guarantee = add_guarantor(application, manager)
    item = house(borrower, manager)
    secured = pledge(application, item, manager)
    group = groups.group_form(by=manager, name="一组", ceiling=Decimal("1"), members=farmers[:3])
    return {
        "application": f"/guarantees/applications/{application.pk}/",
        "guarantor": f"/guarantees/guarantors/{guarantee.guarantor_id}/",
        "assess": f"/guarantees/guarantors/{guarantee.guarantor_id}/assess/",
        "collateral": f"/guarantees/collateral/{item.pk}/",
        "register": f"/guarantees/collateral/{item.pk}/register/",
        "custody": f"/guarantees/collateral/{item.pk}/custody/",
        "waive": f"/guarantees/pledges/{secured.pk}/waive/",
        "group": f"/guarantees/groups/{group.pk}/",
        "add guarantor": f"/guarantees/applications/{application.pk}/guarantors/new/",
        "add collateral": f"/guarantees/applications/{application.pk}/collateral/new/",
    }


def test_every_page_answers_for_the_manager(records, manager, client_for):
    client = client_for(manager)
    for name, url in records.items():
        assert client.get(url).status_code == 200, name
    for url in (
        "/guarantees/guarantors/",
        "/guarantees/collateral/",
        "/guarantees/groups/",
        "/guarantees/circles/",
        "/guarantees/collateral/?unregistered=1",
        "/guarantees/groups/new/",
    ):
        assert client.get(url).status_code == 200, url


def test_every_page_is_a_404_for_another_branch(records, other_manager, other_head, client_for):
    for user in (other_manager, other_head):
        client = client_for(user)
        for name, url in records.items():
            assert client.get(url).status_code == 404, (user, name)


def test_the_structure_page_speaks_english(records, manager, client_for):
    client = client_for(manager)
    html = client.get(records["application"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coverage ratio" in html and "Mortgages and pledges" in html
    assert "Add a guarantor" in html and "担保覆盖率" not in html
