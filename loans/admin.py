"""Loans in the admin site: products are reference data (editable, with change reasons);
every record of origination changes only through its service, so it is read-only here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from creditdesk.admin import AuditedAdmin, ReadOnlyAdmin
from customers.models import CustomerType
from loans.models import (
    ApplicationTransition,
    ApprovalDecision,
    CommitteeVote,
    Document,
    DocumentKind,
    GuaranteeKind,
    LoanApplication,
    LoanProduct,
)
from loans.schedules import RepaymentMethod


def _codes(label, choices, *, required: bool, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class LoanProductAdminForm(forms.ModelForm):
    """The product's code lists as checkboxes: nobody types a JSON list of codes."""

    customer_types = _codes(_("适用客户类型"), CustomerType.choices, required=True)
    repayment_methods = _codes(_("可选还款方式"), RepaymentMethod.choices, required=True)
    guarantee_kinds = _codes(_("要求的担保方式"), GuaranteeKind.choices, required=False)
    required_documents = _codes(
        _("产品要求的材料"),
        DocumentKind.choices,
        required=False,
        help_text=_("在客户类型基础材料之外。"),
    )

    class Meta:
        model = LoanProduct
        fields = [
            "code",
            "name",
            "customer_types",
            "min_amount",
            "max_amount",
            "max_term_months",
            "min_rate",
            "max_rate",
            "repayment_methods",
            "guarantee_kinds",
            "required_documents",
            "needs_rating",
            "needs_credit_line",
            "is_active",
        ]


@admin.register(LoanProduct)
class LoanProductAdmin(AuditedAdmin):
    form = LoanProductAdminForm
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
    list_display = ["application", "kind", "download_name", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["kind"]
