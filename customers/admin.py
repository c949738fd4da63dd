from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from customers.models import CreditLine, CreditRating, Customer


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "customer_type", "branch", "manager", "status"]
    list_filter = ["customer_type", "status", "branch"]
    search_fields = ["name", "id_number", "phone"]
    list_select_related = ["branch", "manager"]


@admin.register(CreditRating)
class CreditRatingAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "grade", "score", "valid_from", "valid_until"]
    list_select_related = ["customer"]


@admin.register(CreditLine)
class CreditLineAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "amount", "status", "valid_from", "valid_until"]
    list_select_related = ["customer"]
