"""Loan accounts in the admin site: read-only, they change only through their services.
Administrators also see the nightly job's runs there and may start it (a button)."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creditdesk.admin import ReadOnlyAdmin
from postloan.models import (
    Alert,
    ClassificationProposal,
    Inspection,
    Instalment,
    Loan,
    LoanMove,
    NightlyRun,
    Repayment,
    RepaymentLine,
)
from postloan.services import nightly_request


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


@admin.register(NightlyRun)
class NightlyRunAdmin(ReadOnlyAdmin):
    """The run list (夜间批处理记录) with a button that queues today's run."""

    change_list_template = "admin/postloan/nightlyrun/change_list.html"
    list_display = ["business_date", "status", "started_at", "finished_at", "attempts", "counts"]
    list_filter = ["status"]
    readonly_fields = ["error"]

    def get_urls(self):
        run = self.admin_site.admin_view(require_POST(self.run_view))
        return [path("run/", run, name="postloan_nightlyrun_run"), *super().get_urls()]

    def run_view(self, request):
        day = nightly_request(by=request.user)  # PermissionDenied for anyone else: 403
        messages.success(
            request, _("已提交 %(day)s 的夜间批处理，完成后见列表。") % {"day": day.isoformat()}
        )
        return redirect("admin:postloan_nightlyrun_changelist")


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ["loan", "kind", "raised_on", "escalated_to_head", "resolved_at"]
    list_filter = ["kind", "escalated_to_head"]


@admin.register(ClassificationProposal)
class ClassificationProposalAdmin(ReadOnlyAdmin):
    list_display = ["loan", "from_class", "category", "status", "proposed_by", "decided_by"]
    list_filter = ["status"]


@admin.register(LoanMove)
class LoanMoveAdmin(ReadOnlyAdmin):
    list_display = ["loan", "kind", "moved_on", "from_value", "to_value", "by"]
    list_filter = ["kind"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["loan", "inspector", "status", "mode", "surprise", "inspected_on"]
    list_filter = ["status", "mode", "surprise", "has_signals"]
