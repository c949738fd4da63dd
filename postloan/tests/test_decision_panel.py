"""The approver's panel (审批要素) on the application page, and its counterpart on the credit
line's page: everything a decision needs on one card, in a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from customers.models import CreditLine, CreditRating, FinancialSnapshot
from guarantees import coverage
from loans import services as loan_services
from loans.models import Investigation, LoanApplication
from loans.queries import decision_facts
from loans.tests.conftest import GOOD_FINDINGS, add_documents, make_application, submitted
from postloan import services
from tests.factories import CustomerFactory

TODAY = datetime.date.today()


@pytest.fixture
def card_product(product):
    product.needs_rating = True
    product.needs_credit_line = True
    product.save()
    return product


def _rate_and_grant(customer, head, amount="200000") -> CreditLine:
    CreditRating.objects.create(
        customer=customer,
        grade="AAA",
        score=Decimal("91.50"),
        valid_from=TODAY - datetime.timedelta(days=20),
        valid_until=TODAY + datetime.timedelta(days=340),
        rated_by=head,
    )
    return CreditLine.objects.create(
        customer=customer,
        amount=Decimal(amount),
        valid_from=TODAY - datetime.timedelta(days=20),
        valid_until=TODAY + datetime.timedelta(days=700),
        status="active",
        approved_by=head,
    )


def _snapshots(customer, manager) -> None:
    for days, revenue in ((400, "500000"), (30, "600000")):
        FinancialSnapshot.objects.create(
            customer=customer,
            as_of=TODAY - datetime.timedelta(days=days),
            revenue=Decimal(revenue),
            net_profit=Decimal("60000"),
            total_assets=Decimal("400000"),
            total_liabilities=Decimal("100000"),
            current_assets=Decimal("150000"),
            current_liabilities=Decimal("100000"),
            recorded_by=manager,
        )


def _loan(customer, product, manager, manager2, head, amount):
    application = submitted(
        make_application(customer, product, manager, amount=Decimal(amount)), manager, manager2
    )
    loan_services.application_approve(application=application, approver=head, opinion="同意")
    loan_services.application_sign_contract(application=application, user=manager, signed_on=TODAY)
    return services.loan_open(application=application, by=manager)


def _pending(customer, product, manager, manager2, *, borrowings: int):
    application = make_application(customer, product, manager, amount=Decimal("50000"))
    loan_services.application_start_investigation(
        application=application, user=manager, second_investigator=manager2
    )
    loan_services.investigation_update(
        application=application,
        user=manager,
        data=GOOD_FINDINGS,
        other_borrowings=[
            {"lender": f"邮储银行{i}", "amount": Decimal("30000"), "rate": Decimal("5.2")}
            for i in range(borrowings)
        ],
    )
    loan_services.investigation_confirm(application=application, user=manager2)
    add_documents(application, manager)
    loan_services.application_submit(application=application, user=manager)
    return application


def test_the_approver_sees_rating_line_debts_financials_guarantees_and_documents(
    customer, card_product, manager, manager2, head, client_for
):
    _rate_and_grant(customer, head)
    _snapshots(customer, manager)
    loan = _loan(customer, card_product, manager, manager2, head, "60000")
    application = _pending(customer, card_product, manager, manager2, borrowings=1)
    html = client_for(head).get(f"/loans/{application.pk}/").content.decode()
    panel = html[html.index('id="decision-panel"') :]
    for expected in (
        "AAA",
        "91.50",
        (TODAY - datetime.timedelta(days=20)).isoformat(),  # the rating's date
        "200,000.00",  # the line
        "60,000.00",  # drawn: the loan's balance
        "140,000.00",  # available
        loan.contract_number,  # other loans here, with balance
        "邮储银行0",  # borrowings elsewhere
        "90,000.00",  # total indebtedness: 60,000 here + 30,000 elsewhere
        "140,000.00",  # with this application's 50,000
        "600,000.00",  # the latest snapshot
        "25.0%",  # its debt ratio
        "150.0%",  # current ratio
        "20.0%",  # revenue growth on the year before
        "可以贷款",  # the investigation's recommendation
        "担保覆盖率",
        "材料齐全",
    ):
        assert expected in panel, expected


def test_an_amount_above_the_available_line_is_flagged(
    customer, card_product, manager, manager2, head, client_for
):
    line = _rate_and_grant(customer, head, "60000")
    application = _pending(customer, card_product, manager, manager2, borrowings=0)
    line.amount = Decimal("40000")
    line.save()
    html = client_for(head).get(f"/loans/{application.pk}/").content.decode()
    assert 'id="decision-exceeds-line"' in html


def _facts(application_pk: int):
    application = LoanApplication.objects.select_related("customer", "product").get(
        pk=application_pk
    )
    investigation = (
        Investigation.objects.prefetch_related("other_borrowings")
        .filter(application=application)
        .first()
    )
    structure = coverage.structure(application)
    return application, investigation, structure


@pytest.mark.parametrize("held", [0, 3])
def test_the_panel_reads_in_a_fixed_number_of_queries(
    held, card_product, manager, manager2, head, django_assert_num_queries
):
    customer = CustomerFactory(manager=manager, birth_date=datetime.date(1980, 5, 17))
    _rate_and_grant(customer, head, "300000")
    _snapshots(customer, manager)
    for _ in range(held):
        _loan(customer, card_product, manager, manager2, head, "20000")
    application = _pending(customer, card_product, manager, manager2, borrowings=held)
    application, investigation, structure = _facts(application.pk)
    # rating, line, the line's balance, loans here, two snapshots, documents
    with django_assert_num_queries(6):
        facts = decision_facts(application, investigation=investigation, structure=structure)
    assert len(facts.loans_here) == held and len(facts.borrowings) == held
    with django_assert_num_queries(0):
        render_to_string("loans/_decision_panel.html", {"decision": facts})


def test_the_credit_line_approver_sees_score_grade_and_tier_cap(manager, head, client_for):
    customer = CustomerFactory(manager=manager, birth_date=datetime.date(1980, 5, 17))
    CreditRating.objects.create(
        customer=customer,
        grade="AA",
        score=Decimal("83.20"),
        valid_from=TODAY - datetime.timedelta(days=5),
        valid_until=TODAY + datetime.timedelta(days=360),
        rated_by=manager,
    )
    line = CreditLine.objects.create(
        customer=customer,
        amount=Decimal("40000"),
        valid_from=TODAY,
        valid_until=TODAY + datetime.timedelta(days=700),
        proposed_by=manager,
    )
    html = client_for(head).get(f"/customers/credit/lines/{line.pk}/").content.decode()
    panel = html[html.index('id="line-decision"') :]
    for expected in ("AA", "83.20", "30,000.00", "申请额度高于档次上限"):
        assert expected in panel, expected
