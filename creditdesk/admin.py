from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from creditdesk.models import AuthorityLimit, Branch, User

admin.site.site_header = _("CreditDesk 管理后台")
admin.site.site_title = _("CreditDesk")


@admin.register(Branch)
class BranchAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "name", "role", "grade", "branch", "is_active"]
    list_filter = ["role", "branch", "is_active"]
    search_fields = ["username", "name"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("CreditDesk"), {"fields": ("name", "role", "branch", "grade", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("CreditDesk"), {"fields": ("name", "email", "role", "branch", "grade")}),
    )


@admin.register(AuthorityLimit)
class AuthorityLimitAdmin(SimpleHistoryAdmin):
    list_display = ["role", "grade", "max_loan_amount", "max_credit_line"]
    list_editable = ["max_loan_amount", "max_credit_line"]
    list_filter = ["role"]
