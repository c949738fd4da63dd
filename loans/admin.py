from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from loans.models import Loan, LoanApplication, LoanProduct


@admin.register(LoanProduct)
class LoanProductAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "min_amount", "max_amount", "max_term_months", "is_active"]
    list_filter = ["is_active", "needs_rating", "needs_credit_line"]
    search_fields = ["code", "name"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Applications and loans change only through the services (the web pages and API)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoanApplication)
class LoanApplicationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "customer", "product", "amount", "status", "created_by"]
    list_filter = ["status", "product"]


@admin.register(Loan)
class LoanAdmin(ReadOnlyAdmin):
    list_display = ["contract_number", "customer", "principal", "outstanding_principal", "status"]
    list_filter = ["status"]
