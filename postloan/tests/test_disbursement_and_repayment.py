"""Disbursement (the hand-over to post-loan) follows the approved terms; repayments keep
balance and dates right."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from loans import services as loans_services
from loans.models import ApplicationStatus
from postloan import services
from postloan.models import Loan, LoanStatus
from tests.helpers import as_of


def back_dated_loan(customer, product, manager, manager2, head, *, months_ago: int, **terms):
    from loans.tests.conftest import make_application, submitted

    start = datetime.date.today() - datetime.timedelta(days=30 * months_ago + 5)
    with as_of(start):  # approved and signed on that day: no contract predates its approval
        application = submitted(
            make_application(customer, product, manager, **terms), manager, manager2
        )
        loans_services.application_approve(application=application, approver=head, opinion="同意")
        loans_services.application_sign_contract(
            application=application, user=manager, signed_on=start
        )
    return services.loan_open(application=application, by=manager, day=start)


def test_disbursement_generates_the_schedule_on_approved_terms(pending, head, manager):
    loans_services.application_approve(
        application=pending, approver=head, opinion="减额", amount=Decimal("60000"), term_months=6
    )
    loans_services.application_sign_contract(application=pending, user=manager)
    loan = services.loan_open(application=pending, by=manager)
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.DISBURSED
    assert loan.principal == Decimal("60000")
    assert loan.term_months == 6
    assert loan.instalments.count() == 6
    assert sum(i.principal_due for i in loan.instalments.all()) == Decimal("60000")
    assert loan.outstanding_principal == Decimal("60000")
    assert loan.next_due_date == loan.instalments.first().due_date
    assert loan.contract_number == pending.contract_number


def test_on_time_repayment_moves_paid_through_and_next_due(
    customer, product, manager, manager2, head
):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=1)
    first, second = loan.instalments.all()[:2]
    repayment = services.loan_record_repayment(
        loan=loan, user=manager, amount=first.total_due, paid_on=first.due_date
    )
    assert repayment.to_penalty == 0
    loan.refresh_from_db()
    assert loan.paid_through == first.due_date
    assert loan.next_due_date == second.due_date
    assert loan.outstanding_principal == loan.principal - first.principal_due
    assert loan.overdue_since is None


def test_partial_repayment_pays_interest_before_principal(
    customer, product, manager, manager2, head
):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=1)
    first = loan.instalments.first()
    repayment = services.loan_record_repayment(
        loan=loan, user=manager, amount=Decimal("100.00"), paid_on=first.due_date
    )
    assert (repayment.to_interest, repayment.to_principal) == (Decimal("100.00"), 0)
    loan.refresh_from_db()
    assert loan.paid_through is None
    assert loan.outstanding_principal == loan.principal


def test_overdue_loan_has_overdue_date_and_days(customer, product, manager, manager2, head):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=3)
    assert services.loans_mark_overdue(on=datetime.date.today()) == 1
    loan.refresh_from_db()
    first = loan.instalments.first()
    assert loan.overdue_since == first.due_date
    assert loan.days_past_due_on() == (datetime.date.today() - first.due_date).days
    assert Loan.objects.overdue(on=datetime.date.today()).filter(pk=loan.pk).exists()


def test_late_payment_includes_penalty_and_clears_overdue(
    customer, product, manager, manager2, head
):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=2)
    owed = sum(i.total_due for i in loan.instalments.filter(due_date__lt=datetime.date.today()))
    repayment = services.loan_record_repayment(loan=loan, user=manager, amount=owed + 100)
    assert repayment.to_penalty > 0
    loan.refresh_from_db()
    assert loan.overdue_since is None or loan.overdue_since >= datetime.date.today()


def test_early_repayment_shortens_the_schedule_and_its_interest(loan, manager):
    last = loan.instalments.last()
    repayment = services.loan_record_repayment(loan=loan, user=manager, amount=Decimal("30000"))
    assert repayment.prepaid_principal == Decimal("30000")
    loan.refresh_from_db()
    assert loan.outstanding_principal == loan.principal - Decimal("30000")
    last.refresh_from_db()
    assert last.principal_paid == last.principal_due
    assert last.interest_due == 0  # nothing is owed in the last period any more


def test_repaying_everything_on_the_first_day_settles_without_interest(loan, manager):
    services.loan_record_repayment(loan=loan, user=manager, amount=loan.principal)
    loan.refresh_from_db()
    assert loan.outstanding_principal == 0
    assert sum(i.interest_due for i in loan.instalments.all()) == 0
    assert loan.status == LoanStatus.SETTLED
    loan.application.refresh_from_db()
    assert loan.application.status == ApplicationStatus.SETTLED


def test_overpayment_is_refused(loan, manager):
    with pytest.raises(ValidationError, match="超出全部欠款"):
        services.loan_record_repayment(loan=loan, user=manager, amount=loan.principal * 2)


def test_repayment_on_settled_loan_is_refused(loan, manager, committee):
    services.loan_write_off(loan=loan, user=committee, reason="借款人失联")
    with pytest.raises(ValidationError, match="已结清或核销"):
        services.loan_record_repayment(loan=loan, user=manager, amount=Decimal("10"))
    loan.application.refresh_from_db()
    assert loan.application.status == ApplicationStatus.WRITTEN_OFF


def test_credit_line_outstanding_counts_the_loan(loan):
    assert Loan.objects.filter(pk=loan.pk).outstanding_total() == loan.principal


def test_cannot_disburse_before_the_contract(approved, manager):
    with pytest.raises(ValidationError, match="不能放款"):
        services.loan_open(application=approved, by=manager)


def test_the_loan_answers_to_the_customers_branch_and_manager(loan, customer):
    assert (loan.branch, loan.manager) == (customer.branch, customer.manager)
