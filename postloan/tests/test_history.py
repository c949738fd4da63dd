"""Every post-loan service leaves history: who and why (a reason code of postloan.reasons;
no user only for the nightly job's ``job.`` codes) — instalments and repayment lines
included, which were written in bulk without any — and so does the demo bank."""

import datetime
from decimal import Decimal

from django.core.management import call_command

from creditdesk.history import decode_reason, known_reason_codes
from customers.models import Customer
from loans.reasons import LoansReason
from loans.tests.history import assert_audited, audited_models, new_history
from postloan import services
from postloan.reasons import PostloanJob, PostloanReason
from postloan.tests.test_disbursement_and_repayment import back_dated_loan

CODES = set(PostloanReason.values) | set(PostloanJob.values)


def test_opening_the_loan_leaves_history_of_the_loan_and_each_instalment(signed, manager):
    with new_history("postloan") as rows, new_history("loans") as application_rows:
        loan = services.loan_open(application=signed, by=manager, day=signed.contract_signed_on)
    assert_audited(rows, user=manager, codes=CODES)
    assert sum(1 for model, *_ in rows if model == "Instalment") == loan.instalments.count()
    assert_audited(application_rows, user=manager, codes=set(LoansReason.values))


def test_repayment_leaves_history_of_the_instalments_it_paid(loan, manager):
    last = loan.instalments.last()  # paid on the first day: principal prepaid from the end
    with new_history("postloan") as rows:
        services.loan_record_repayment(loan=loan, user=manager, amount=Decimal("5000.00"))
    assert_audited(rows, user=manager, codes=CODES)
    models = {model for model, *_ in rows}
    assert {"Loan", "Repayment", "RepaymentLine", "Instalment"} <= models
    # The finding: the instalment's paid principal moved and its history had 0 rows.
    last.refresh_from_db()
    assert last.principal_paid > 0
    row = last.history.first()
    assert row.principal_paid == last.principal_paid
    assert row.history_user == manager
    assert row.history_change_reason == "postloan.repayment"


def test_write_off_leaves_history_with_the_typed_reason_as_note(loan, committee):
    with new_history("postloan") as rows:
        services.loan_write_off(loan=loan, user=committee, reason="借款人失联")
    assert_audited(rows, user=committee, codes=CODES)
    assert decode_reason(loan.history.first().history_change_reason) == (
        "postloan.write_off",
        "借款人失联",
    )


def test_the_nightly_job_leaves_history_with_no_user(customer, product, manager, manager2, head):
    loan = back_dated_loan(customer, product, manager, manager2, head, months_ago=3)
    with new_history("postloan") as rows:
        assert services.loans_mark_overdue(on=datetime.date.today()) == 1
    assert_audited(rows, user=None, codes=CODES)
    assert rows == [("Loan", "job.mark_overdue", None)]
    assert loan.history.first().overdue_since is not None


def test_following_the_customer_leaves_history(loan, customer, manager2, head):
    Customer.objects.filter(pk=customer.pk).update(manager=manager2, branch=manager2.branch)
    with new_history("postloan") as rows:
        assert services.loans_follow_customers(customer_ids=[customer.pk], by=head) == 1
    assert_audited(rows, user=head, codes=CODES)
    loan.refresh_from_db()
    assert (loan.manager, loan.branch) == (manager2, manager2.branch)
    # Nothing left to follow: no change, no row.
    with new_history("postloan") as rows:
        assert services.loans_follow_customers(customer_ids=[customer.pk], by=head) == 0
    assert rows == []


def test_every_history_row_of_the_demo_bank_has_a_registered_reason(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    known = known_reason_codes()
    problems = set()
    for model in audited_models("postloan"):
        assert model.history.exists(), f"the demo bank has no {model.__name__}"
        for stored, user_id in model.history.values_list(
            "history_change_reason", "history_user_id"
        ).distinct():
            code = decode_reason(stored)[0]
            if code not in known:
                problems.add(f"{model.__name__}: {stored!r}")
            elif user_id is None and not code.startswith("job."):
                problems.add(f"{model.__name__}: {code} with no user")
    assert problems == set()
