"""The bank generator of the benchmarks (bench/bank.py) is code too: what it writes must pass
the models' validators and the bank's invariants, at a tiny size."""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum
from stdnum.cn import ric, uscc

from creditdesk.models import Branch, User
from customers.models import Customer
from customers.validators import clean_credit_code, clean_resident_id
from loans.models import Investigation, LoanApplication
from loans.schedules import build_schedule
from postloan.models import Loan, LoanStatus, Repayment
from postloan.services.repayments import refresh_loan_state
from tests.helpers import BASE_DIR, requires_postgres

pytestmark = [requires_postgres, pytest.mark.postgres]

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def grow(db):
    sys.path.insert(0, str(BASE_DIR / "bench"))
    try:
        from bank import grow
    finally:
        sys.path.remove(str(BASE_DIR / "bench"))
    return grow


def generated(model, path="branch"):
    return model.objects.filter(**{f"{path}__code__startswith": "BK"})


def assert_customers_valid(customers):
    for customer in customers:
        customer.full_clean()
        if customer.is_person:
            assert clean_resident_id(customer.id_number) == customer.id_number
            assert ric.validate(customer.id_number)  # python-stdnum's strict place check too
            assert customer.birth_date == ric.get_birth_date(customer.id_number)
        else:
            assert clean_credit_code(customer.id_number) == customer.id_number
            assert uscc.validate(customer.id_number)
        assert customer.manager.branch_id == customer.branch_id


def assert_loans_valid(loans):
    """Every loan against the bank's invariants; the validators of the rows under it (which
    the database's CHECK constraints already guard) on every tenth loan, to stay quick."""
    for n, loan in enumerate(loans.select_related("customer", "application").order_by("pk")):
        loan.full_clean()
        loan.application.full_clean()
        assert (loan.branch_id, loan.manager_id) == (
            loan.customer.branch_id,
            loan.customer.manager_id,
        )
        assert loan.application.created_by_id == loan.manager_id
        assert loan.application.final_amount == loan.principal
        instalments = list(loan.instalments.order_by("number"))
        schedule = build_schedule(
            principal=loan.principal,
            annual_rate=loan.annual_rate,
            term_months=loan.term_months,
            method=loan.repayment_method,
            start_date=loan.disbursed_on,
        )
        assert [(i.number, i.due_date, i.principal_due, i.interest_due) for i in instalments] == [
            (s.number, s.due_date, s.principal, s.interest) for s in schedule
        ]
        assert sum(i.principal_due for i in instalments) == loan.principal
        for instalment in instalments if n % 10 == 0 else []:
            instalment.full_clean()
        stored = (loan.outstanding_principal, loan.paid_through, loan.next_due_date)
        stored += (loan.overdue_since,)
        refresh_loan_state(loan, instalments, today=TODAY)
        assert stored == (
            loan.outstanding_principal,
            loan.paid_through,
            loan.next_due_date,
            loan.overdue_since,
        )
        paid = sum((i.principal_paid + i.interest_paid for i in instalments), Decimal(0))
        assert (loan.repayments.aggregate(s=Sum("amount"))["s"] or 0) == paid
        for repayment in loan.repayments.prefetch_related("lines"):
            if n % 10 == 0:
                repayment.full_clean()
            lines = list(repayment.lines.all())
            assert sum(x.to_principal + x.to_interest for x in lines) == repayment.amount
        if loan.status == LoanStatus.SETTLED:
            assert loan.application.status == "settled"
            assert loan.outstanding_principal == 0
            assert loan.settled_on == instalments[-1].due_date


def test_generated_bank_passes_validators_and_keeps_the_manager_book(grow):
    facts = grow(loans=150, manager_loans=60, as_of=TODAY)

    assert facts["loans"] == 150
    assert facts["manager_loans"] == 60
    assert generated(Loan).count() == 150
    assert Loan.objects.filter(manager_id=facts["manager_id"]).count() == 60
    assert_customers_valid(generated(Customer).select_related("manager"))
    assert_loans_valid(generated(Loan))
    for application in generated(LoanApplication, "customer__branch").exclude(
        status__in=["disbursed", "settled"]
    ):
        application.full_clean()
    for investigation in generated(Investigation, "application__customer__branch"):
        investigation.full_clean()
    head = User.objects.get(pk=facts["head_id"])
    auditor = User.objects.get(pk=facts["auditor_id"])
    assert (head.role, head.branch_id) == ("branch_head", facts["big_branch_id"])
    assert auditor.role == "auditor"
    states = Counter(
        "settled"
        if loan.status == LoanStatus.SETTLED
        else "overdue"
        if loan.overdue_since
        else "current"
        for loan in generated(Loan)
    )
    assert set(states) == {"settled", "overdue", "current"}
    assert generated(Loan).filter(principal__gte=100_000).exists()
    assert generated(Repayment, "loan__branch").exists()

    before = set(generated(Loan).values_list("pk", flat=True))
    last_customer = max(generated(Customer).values_list("pk", flat=True))
    grown = grow(loans=250, manager_loans=60, as_of=TODAY)

    assert grown["loans"] == 250
    assert grown["manager_id"] == facts["manager_id"]
    assert Loan.objects.filter(manager_id=facts["manager_id"]).count() == 60
    assert grown["customers"] > facts["customers"]
    assert_customers_valid(generated(Customer).filter(pk__gt=last_customer))
    assert_loans_valid(generated(Loan).exclude(pk__in=before))


def test_grow_refuses_a_bank_smaller_than_the_manager_book(grow):
    with pytest.raises(ValueError, match="manager_loans"):
        grow(loans=50, manager_loans=60)


def test_grows_under_the_demo_head_office(grow, bank):
    demo_staff = set(User.objects.values_list("username", flat=True))

    facts = grow(loans=90, manager_loans=30, as_of=TODAY)

    head_office = Branch.objects.get(code="HO")
    branches = Branch.objects.filter(code__startswith="BK", kind="branch")
    assert set(branches.values_list("parent", flat=True)) == {head_office.pk}
    assert Loan.objects.filter(manager_id=facts["manager_id"]).count() == 30
    assert demo_staff <= set(User.objects.values_list("username", flat=True))
    assert_loans_valid(generated(Loan))
