"""The journey's customer: a rated farm household with a loan card (贷款证) and a financial
snapshot, and the two products a farm household and an SME are offered — built through the
services, shared by the fewer-keystrokes tests and the browser journey."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from customers.models import CustomerType
from customers.services import credit, household
from customers.tests.credit_helpers import scores_for
from loans.models import LoanProduct
from loans.schedules import RepaymentMethod
from tests.factories import CustomerFactory


def loan_card_product() -> LoanProduct:
    return LoanProduct.objects.create(
        code="FARM-CARD",
        name="农户小额信用贷款（贷款证）",
        customer_types=["farm_household"],
        min_amount=Decimal("10000"),
        max_amount=Decimal("300000"),
        max_term_months=36,
        min_rate=Decimal("5.5"),
        max_rate=Decimal("9.0"),
        repayment_methods=[RepaymentMethod.EQUAL_INSTALMENT, RepaymentMethod.INTEREST_MONTHLY],
        guarantee_kinds=["credit"],
        needs_rating=True,
        needs_credit_line=True,
    )


def sme_product() -> LoanProduct:
    return LoanProduct.objects.create(
        code="SME-WC",
        name="小微企业流动资金贷款",
        customer_types=["small_micro", "private_enterprise"],
        min_amount=Decimal("100000"),
        max_amount=Decimal("5000000"),
        max_term_months=36,
        min_rate=Decimal("4.0"),
        max_rate=Decimal("9.0"),
        repayment_methods=[RepaymentMethod.INTEREST_MONTHLY],
        guarantee_kinds=["guarantee"],
    )


def card_holder(manager, head, *, name: str = "王建国", line: str = "60000"):
    """A farm household rated AAA today, with an approved loan card and last year's figures."""
    today = timezone.localdate()
    customer = CustomerFactory(
        manager=manager,
        name=name,
        customer_type=CustomerType.FARM_HOUSEHOLD,
        birth_date=datetime.date(1975, 11, 20),
        township="城关镇",
        village="青禾村",
        status="active",
    )
    credit.rating_record(
        customer=customer,
        scores=scores_for(customer.customer_type, 96),
        rated_by=manager,
        on=today,
    )
    proposed = credit.credit_line_propose(
        customer=customer, amount=Decimal(line), proposed_by=manager
    )
    credit.credit_line_approve(line=proposed, approver=head)
    household.snapshot_record(
        customer=customer,
        by=manager,
        values={
            "as_of": today.replace(month=1, day=1),
            "revenue": Decimal("240000"),
            "net_profit": Decimal("36000"),
            "total_assets": Decimal("300000"),
            "total_liabilities": Decimal("40000"),
        },
    )
    return customer
