"""The admin site: reference data edited with change reasons; records that carry a bank rule
(ratings, lines, applications, loans, repayments, decisions) are read-only here and change only
through their services. Apps build their admins from the two bases below."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from creditdesk.history import audited_delete, audited_save
from creditdesk.models import AuthorityLimit, Branch, User
from creditdesk.reasons import AdminReason
from creditdesk.services import branch_save

admin.site.site_header = _("CreditDesk 管理后台")
admin.site.site_title = _("CreditDesk")


class AuditedAdmin(SimpleHistoryAdmin):
    """Reference data: editable, every save and delete kept with who and an admin reason."""

    def save_model(self, request, obj, form, change):
        reason = AdminReason.CHANGE if change else AdminReason.CREATE
        audited_save(obj, by=request.user, reason=reason, clean=False)

    def delete_model(self, request, obj):
        audited_delete(obj, by=request.user, reason=AdminReason.DELETE)

    def delete_queryset(self, request, queryset):
        # One by one, so that each deleted row leaves its history row and reason.
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """A record whose changes carry a bank rule: looked at here, changed only by its service."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Branch)
class BranchAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "parent", "path"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        reason = AdminReason.CHANGE if change else AdminReason.CREATE
        branch_save(branch=obj, by=request.user, reason=reason)


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
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
class AuthorityLimitAdmin(AuditedAdmin):
    list_display = ["role", "grade", "max_loan_amount", "max_credit_line"]
    list_editable = ["max_loan_amount", "max_credit_line"]
    list_filter = ["role"]
