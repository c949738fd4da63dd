"""Every change leaves who, when, and old → new values; the activity page shows them."""

from decimal import Decimal

from creditdesk.models import AuthorityLimit, Role
from tests.factories import CustomerFactory


def test_change_through_a_request_records_the_user(bank, client_for, admin_user):
    row = AuthorityLimit.objects.get(role=Role.BRANCH_HEAD, grade=2)
    response = client_for(admin_user).post(
        f"/admin/creditdesk/authoritylimit/{row.pk}/change/",
        {
            "role": row.role,
            "grade": row.grade,
            "max_loan_amount": "450000.00",
            "max_credit_line": "300000.00",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.max_loan_amount == Decimal("450000.00")
    latest = row.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.old, c.new) for c in delta.changes] == [(Decimal("500000.00"), Decimal("450000.00"))]


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
