"""Loan accounts in the admin site: read-only, they change only through their services."""

from django.contrib import admin

from creditdesk.admin import ReadOnlyAdmin
from postloan.models import Instalment, Loan, Repayment, RepaymentLine


@admin.register(Loan)
class LoanAdmin(ReadOnlyAdmin):
    list_display = [
        "contract_number",
        "customer",
        "branch",
        "manager",
        "principal",
        "outstanding_principal",
        "status",
    ]
    list_filter = ["status", "branch"]


@admin.register(Instalment)
class InstalmentAdmin(ReadOnlyAdmin):
    list_display = ["loan", "number", "due_date", "principal_due", "principal_paid", "paid_on"]


@admin.register(Repayment)
class RepaymentAdmin(ReadOnlyAdmin):
    list_display = ["loan", "paid_on", "amount", "to_principal", "recorded_by"]


@admin.register(RepaymentLine)
class RepaymentLineAdmin(ReadOnlyAdmin):
    list_display = ["repayment", "instalment", "to_penalty", "to_interest", "to_principal"]
