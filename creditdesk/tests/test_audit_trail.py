"""Every change leaves who, when, and old → new values; the activity page shows them."""

from customers.models import CustomerStatus
from tests.factories import CustomerFactory


def test_change_through_a_request_records_the_user(bank, client_for, manager, admin_user):
    customer = CustomerFactory(manager=manager)
    client = client_for(admin_user)
    response = client.post(
        f"/admin/customers/customer/{customer.pk}/change/",
        {
            "name": "改名后的客户",
            "customer_type": customer.customer_type,
            "id_number": customer.id_number,
            "phone": "",
            "branch": customer.branch_id,
            "manager": manager.pk,
            "status": CustomerStatus.ACTIVE,
        },
    )
    assert response.status_code in (200, 302)
    customer.refresh_from_db()
    assert customer.name == "改名后的客户"
    latest = customer.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"


def test_activity_page_shows_old_and_new_values(bank, client_for, manager, head):
    customer = CustomerFactory(manager=manager, name="旧名字")
    customer.name = "新名字"
    customer.save()
    response = client_for(head).get(f"/activity/customers/customer/{customer.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "旧名字" in html and "新名字" in html


def test_activity_of_unknown_model_is_404(bank, client_for, auditor):
    assert client_for(auditor).get("/activity/auth/group/1/").status_code == 404
    assert client_for(auditor).get("/activity/customers/nothing/1/").status_code == 404
