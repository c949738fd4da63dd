"""The guarantees API: same scope as the web (another branch's record is a 404, an id in the
body outside scope a 400), writes through the services."""

from decimal import Decimal

from guarantees.models import CollateralKind, Guarantee
from guarantees.tests.conftest import add_guarantor, house, pledge
from tests.factories import make_id_number


def test_manager_proposes_a_guarantor_and_reads_the_structure(application, manager, api_for):
    api = api_for(manager)
    answer = api.post(
        "/api/guarantees/",
        {
            "application": application.pk,
            "party": {
                "party_type": "person",
                "name": "王保",
                "id_number": make_id_number(611),
                "net_assets": "300000",
            },
            "amount": "100000",
            "relationship": "friend",
            "willingness": "strong",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["liability"] == "joint_and_several"
    structure = api.get(f"/api/guarantee-structures/{application.pk}/").json()
    assert (structure["ratio"], structure["verdict"]) == ("1.0000", "covered")


def test_another_branch_gets_404(
    application, borrower, manager, other_manager, other_head, api_for
):
    guarantee = add_guarantor(application, manager)
    item = house(borrower, manager)
    secured = pledge(application, item, manager)
    for user in (other_manager, other_head):
        api = api_for(user)
        for url in (
            f"/api/guarantees/{guarantee.pk}/",
            f"/api/guarantors/{guarantee.guarantor_id}/",
            f"/api/collateral/{item.pk}/",
            f"/api/pledges/{secured.pk}/",
            f"/api/guarantee-structures/{application.pk}/",
        ):
            assert api.get(url).status_code == 404, url
        assert api.post(f"/api/guarantees/{guarantee.pk}/withdraw/").status_code == 404
        assert api.get("/api/guarantees/").json()["count"] == 0
    refused = api_for(other_manager).post(
        "/api/pledges/",
        {"application": application.pk, "collateral": item.pk, "amount_secured": "1"},
        format="json",
    )
    assert refused.status_code == 400
    assert Guarantee.objects.get(pk=guarantee.pk).status == "proposed"


def test_collateral_beyond_its_value_is_a_400(application, borrower, manager, api_for):
    item = house(borrower, manager, value="100000")  # 70,000 lendable
    answer = api_for(manager).post(
        "/api/pledges/",
        {"application": application.pk, "collateral": item.pk, "amount_secured": "80000"},
        format="json",
    )
    assert answer.status_code == 400
    assert "amount_secured" in answer.json()


def test_auditor_reads_but_cannot_write(application, borrower, manager, auditor, api_for):
    item = house(borrower, manager)
    api = api_for(auditor)
    assert api.get(f"/api/collateral/{item.pk}/").status_code == 200
    answer = api.post(
        f"/api/collateral/{item.pk}/register/",
        {"certificate_number": "1", "registry": "x", "registered_on": "2026-01-01"},
        format="json",
    )
    assert answer.status_code == 403


def test_collateral_is_recorded_and_registered_through_the_api(borrower, manager, api_for):
    api = api_for(manager)
    kind = CollateralKind.objects.get(code="residential")
    answer = api.post(
        "/api/collateral/",
        {
            "customer": borrower.pk,
            "kind": kind.pk,
            "description": "砖混房屋",
            "appraised_value": "250000.00",
            "appraiser": "评估所",
            "appraised_on": "2026-10-01",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["lendable_value"], body["is_registered"]) == ("175000.00", False)
    registered = api.post(
        f"/api/collateral/{body['id']}/register/",
        {"certificate_number": "他项第3号", "registry": "登记中心", "registered_on": "2026-10-02"},
        format="json",
    )
    assert registered.status_code == 200
    assert registered.json()["custody"] == "in_vault"


def test_a_group_is_formed_and_guarantees_through_the_api(manager, farmers, api_for):
    from guarantees.tests.conftest import make_application

    api = api_for(manager)
    answer = api.post(
        "/api/joint-groups/",
        {"name": "一组", "ceiling": "300000", "members": [f.pk for f in farmers[:3]]},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    loan = make_application(farmers[0], manager)
    made = api.post(
        f"/api/joint-groups/{answer.json()['id']}/guarantee/",
        {"application": loan.pk},
        format="json",
    )
    assert made.status_code == 200, made.content
    assert len(made.json()) == 2
    assert Decimal(made.json()[0]["amount"]) == loan.amount
