"""What post-loan adds to a customer's file (asked through ``creditdesk.discovery``): the
customer's applications and the loans opened from them, with status, amount, balance and
days overdue, each linking to its record. Post-loan sits on loans, so one panel shows both."""

from __future__ import annotations

from django.utils import timezone

from loans.models import ZERO, LoanApplication
from postloan.models import Loan, LoanStatus

SHOWN = 50  # a file shows a customer's latest applications; the ledger searches the rest


def customer_panels(customer, user) -> list[dict]:
    applications = list(
        LoanApplication.objects.visible_to(user)
        .filter(customer=customer)
        .select_related("product")
        .order_by("-pk")[:SHOWN]
    )
    loans = {
        loan.application_id: loan
        for loan in Loan.objects.visible_to(user).filter(
            application__in=[a.pk for a in applications]
        )
    }
    today = timezone.localdate()
    rows = []
    for application in applications:
        loan = loans.get(application.pk)
        rows.append(
            {
                "application": application,
                "loan": loan,
                "amount": loan.principal
                if loan
                else application.approved_amount or application.amount,
                "days_overdue": loan.days_past_due_on(today) if loan else 0,
            }
        )
    active = [loan for loan in loans.values() if loan.status == LoanStatus.ACTIVE]
    return [
        {
            "template": "postloan/_file_loans.html",
            "rows": rows,
            "balance": sum((loan.outstanding_principal for loan in active), start=ZERO),
            "active": len(active),
        }
    ]
