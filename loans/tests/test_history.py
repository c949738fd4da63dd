"""Every origination service leaves history: who (the member of staff) and why (a reason code
of loans.reasons) on every row it changes — and so does the demo bank."""

import datetime
from decimal import Decimal

from django.core.management import call_command

from creditdesk.history import decode_reason
from loans import services
from loans.reasons import LoansReason
from loans.tests.conftest import GOOD_FINDINGS, make_application, pdf, submitted
from loans.tests.history import assert_audited, audited_models, new_history

CODES = set(LoansReason.values)


def test_drafting_and_investigating_leave_history(customer, product, manager, manager2):
    with new_history("loans") as rows:
        draft = services.application_create(
            customer=customer,
            product=product,
            amount=Decimal("100000"),
            term_months=12,
            purpose="购买饲料",
            repayment_method="equal_instalment",
            proposed_rate=Decimal("6.5"),
            first_repayment_source="生猪销售收入",
            created_by=manager,
        )
    assert_audited(rows, user=manager, codes=CODES)
    steps = [
        lambda: services.application_update(application=draft, user=manager, purpose="购买仔猪"),
        lambda: services.application_start_investigation(
            application=draft, user=manager, second_investigator=manager2
        ),
        lambda: services.investigation_update(
            application=draft,
            user=manager,
            data=GOOD_FINDINGS,
            other_borrowings=[{"lender": "邮储银行", "amount": Decimal("20000"), "rate": None}],
        ),
        lambda: services.document_upload(
            application=draft, user=manager, kind="applicant_id", upload=pdf()
        ),
    ]
    for step in steps:
        with new_history("loans") as rows:
            step()
        assert_audited(rows, user=manager, codes=CODES)
    with new_history("loans") as rows:
        services.investigation_confirm(application=draft, user=manager2)
    assert_audited(rows, user=manager2, codes=CODES)
    with new_history("loans") as rows:  # the old borrowings deleted, the new one created
        services.investigation_update(application=draft, user=manager, data={}, other_borrowings=[])
    assert_audited(rows, user=manager, codes=CODES)
    with new_history("loans") as rows:
        services.application_withdraw(application=draft, user=manager, reason="客户不需要了")
    assert_audited(rows, user=manager, codes=CODES)
    assert ("LoanApplication", "loans.withdraw", manager.pk) in rows
    # The typed reason is the history row's note, not part of the code.
    assert decode_reason(draft.history.first().history_change_reason) == (
        "loans.withdraw",
        "客户不需要了",
    )


def test_submitting_and_deciding_leave_history(customer, product, manager, manager2, head):
    application = make_application(customer, product, manager)
    services.application_start_investigation(
        application=application, user=manager, second_investigator=manager2
    )
    services.investigation_update(application=application, user=manager, data=GOOD_FINDINGS)
    services.investigation_confirm(application=application, user=manager2)
    for kind in application.product.document_checklist(customer.customer_type):
        services.document_upload(application=application, user=manager, kind=kind, upload=pdf())
    with new_history("loans") as rows:
        services.application_submit(application=application, user=manager)
    assert_audited(rows, user=manager, codes=CODES)
    for step in (
        lambda: services.application_return(application=application, reviewer=head, comments="补"),
    ):
        with new_history("loans") as rows:
            step()
        assert_audited(rows, user=head, codes=CODES)
    services.application_submit(application=application, user=manager)
    with new_history("loans") as rows:
        services.application_approve(application=application, approver=head, opinion="同意")
    assert_audited(rows, user=head, codes=CODES)
    with new_history("loans") as rows:
        services.application_sign_contract(
            application=application, user=manager, signed_on=datetime.date.today()
        )
    assert_audited(rows, user=manager, codes=CODES)


def test_rejecting_leaves_history(pending, head):
    with new_history("loans") as rows:
        services.application_reject(application=pending, reviewer=head, opinion="否")
    assert_audited(rows, user=head, codes=CODES)


def test_committee_vote_leaves_history_with_the_member(
    customer, product, manager, manager2, head, committee, committee2
):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal("800000")), manager, manager2
    )
    with new_history("loans") as rows:
        services.application_refer(application=application, reviewer=head, opinion="上会")
    assert_audited(rows, user=head, codes=CODES)
    # (The vote's history had no user: _history_user was set after the save.)
    with new_history("loans") as rows:
        services.committee_vote(application=application, member=committee, vote="approve")
    assert_audited(rows, user=committee, codes=CODES)
    assert rows == [("CommitteeVote", "loans.vote", committee.pk)]
    with new_history("loans") as rows:
        services.committee_vote(application=application, member=committee2, vote="approve")
    assert_audited(rows, user=committee2, codes=CODES)


def test_every_history_row_of_the_demo_bank_has_a_registered_reason(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    from creditdesk.history import known_reason_codes

    known = known_reason_codes()
    problems = set()
    for model in audited_models("loans"):
        for stored, user_id in model.history.values_list(
            "history_change_reason", "history_user_id"
        ).distinct():
            code = decode_reason(stored)[0]
            if code not in known:
                problems.add(f"{model.__name__}: {stored!r}")
            elif user_id is None and not code.startswith("job."):
                problems.add(f"{model.__name__}: {code} with no user")
    assert problems == set()


def test_attaching_a_held_document_leaves_history(customer, product, manager, manager2):
    from django.utils import timezone

    from loans import prefill

    earlier = make_application(customer, product, manager)
    services.document_upload(application=earlier, user=manager, kind="applicant_id", upload=pdf())
    application = make_application(customer, product, manager)
    held = prefill.held_documents(application, timezone.localdate())
    with new_history("loans") as rows:
        services.document_attach_held(application=application, user=manager, documents=held)
    assert_audited(rows, user=manager, codes=CODES)
    assert ("Document", "loans.document_attach", manager.pk) in rows
