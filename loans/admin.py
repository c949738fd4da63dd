"""Loans in the admin site: products are reference data (editable, with change reasons);
every record of origination changes only through its service, so it is read-only here."""

from django.contrib import admin

from creditdesk.admin import AuditedAdmin, ReadOnlyAdmin
from loans.models import (
    ApplicationTransition,
    ApprovalDecision,
    CommitteeVote,
    Document,
    LoanApplication,
    LoanProduct,
)


@admin.register(LoanProduct)
class LoanProductAdmin(AuditedAdmin):
    list_display = ["code", "name", "min_amount", "max_amount", "max_term_months", "is_active"]
    list_filter = ["is_active", "needs_rating", "needs_credit_line"]
    search_fields = ["code", "name"]


@admin.register(LoanApplication)
class LoanApplicationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "customer", "product", "amount", "status", "created_by"]
    list_filter = ["status", "product"]


@admin.register(ApprovalDecision)
class ApprovalDecisionAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "decided_by", "decided_at"]
    list_filter = ["kind"]


@admin.register(CommitteeVote)
class CommitteeVoteAdmin(ReadOnlyAdmin):
    list_display = ["application", "member", "vote", "voted_at"]
    list_filter = ["vote"]


@admin.register(ApplicationTransition)
class ApplicationTransitionAdmin(ReadOnlyAdmin):
    list_display = ["application", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
