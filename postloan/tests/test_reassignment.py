"""The loan knows its branch and manager, and follows its customer when a branch head
reassigns them: the new manager sees the loan, the old one no longer does."""

import pytest

from customers.services.customers import customers_reassign
from postloan.models import Instalment, Loan


def test_loan_follows_its_customer_on_reassignment(
    client_for, api_for, loan, manager, manager2, head
):
    customer = loan.customer
    assert client_for(manager2).get(loan.get_absolute_url()).status_code == 404
    customers_reassign(customers=[customer], to_manager=manager2, by=head, reason="岗位调整")
    loan.refresh_from_db()
    assert (loan.manager, loan.branch) == (manager2, manager2.branch)
    assert loan.history.first().history_change_reason == "postloan.follow_customer"
    assert client_for(manager2).get(loan.get_absolute_url()).status_code == 200
    assert client_for(manager).get(loan.get_absolute_url()).status_code == 404
    assert api_for(manager).get(f"/api/loans/{loan.pk}/").status_code == 404
    assert Instalment.objects.visible_to(manager2).filter(loan=loan).exists()
    assert not Instalment.objects.visible_to(manager).filter(loan=loan).exists()


@pytest.mark.parametrize("who", ["manager", "head", "other_head"])
def test_loan_scope_reads_the_loans_own_columns(request, loan, who):
    user = request.getfixturevalue(who)
    visible = Loan.objects.visible_to(user)
    assert "customer" not in str(visible.query).lower().split("where", 1)[1]
    assert visible.filter(pk=loan.pk).exists() == (who != "other_head")
