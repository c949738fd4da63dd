"""The admin site for customers: files, ratings, lines and batches are read-only here (they
change through their services); scorecards, bands, tiers and villages are reference data."""

from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from creditdesk.admin import AuditedAdmin, ReadOnlyAdmin
from creditdesk.history import audited_delete, audited_save
from creditdesk.reasons import AdminReason
from customers.models import (
    BatchEntry,
    Contact,
    CreditLine,
    CreditRating,
    CreditVillage,
    Customer,
    FarmTier,
    FinancialSnapshot,
    GradeBand,
    HouseholdMember,
    ProductHolding,
    Scorecard,
    ScorecardFactor,
    VillageBatch,
)


@admin.register(Customer)
class CustomerAdmin(ReadOnlyAdmin):
    list_display = ["name", "customer_type", "branch", "manager", "status", "stage", "segment"]
    list_filter = ["customer_type", "status", "stage", "segment", "branch"]
    search_fields = ["name", "id_number", "phone", "village"]
    list_select_related = ["branch", "manager"]


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "relation", "customer", "co_signs"]
    list_select_related = ["customer"]
    search_fields = ["name", "customer__name"]


@admin.register(FinancialSnapshot)
class FinancialSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["customer", "as_of", "revenue", "net_profit", "total_assets"]
    list_select_related = ["customer"]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["customer", "kind", "occurred_on", "purpose", "follow_up_on", "follow_up_done"]
    list_filter = ["kind", "follow_up_done"]
    list_select_related = ["customer"]


@admin.register(ProductHolding)
class ProductHoldingAdmin(ReadOnlyAdmin):
    list_display = ["customer", "product", "since"]
    list_filter = ["product"]
    list_select_related = ["customer"]


@admin.register(CreditRating)
class CreditRatingAdmin(ReadOnlyAdmin):
    list_display = ["customer", "grade", "score", "valid_from", "valid_until"]
    list_select_related = ["customer"]


@admin.register(CreditLine)
class CreditLineAdmin(ReadOnlyAdmin):
    list_display = ["customer", "amount", "status", "valid_from", "valid_until"]
    list_select_related = ["customer"]


# --- Rating and credit (评级授信): reference data an administrator edits (with a reason);
# ratings, lines and village batches change only through their services ---


class ScorecardFactorFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = sum(
            (
                form.cleaned_data.get("weight") or Decimal("0")
                for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ),
            Decimal("0"),
        )
        if total != Decimal("100"):
            raise ValidationError(
                _("各评分项权重合计须为 100%%，当前为 %(total)s%%。") % {"total": total}
            )


class ScorecardFactorInline(admin.TabularInline):
    model = ScorecardFactor
    formset = ScorecardFactorFormSet
    extra = 0
    fields = ["position", "criterion", "name", "guidance", "weight"]


@admin.register(Scorecard)
class ScorecardAdmin(AuditedAdmin):
    list_display = ["name", "customer_type"]
    inlines = [ScorecardFactorInline]

    def save_formset(self, request, form, formset, change):
        # The factors leave history with who and why, like the scorecard itself.
        for factor in formset.save(commit=False):
            audited_save(factor, by=request.user, reason=AdminReason.CHANGE, clean=False)
        for factor in formset.deleted_objects:
            audited_delete(factor, by=request.user, reason=AdminReason.DELETE)


@admin.register(GradeBand)
class GradeBandAdmin(AuditedAdmin):
    list_display = ["grade", "min_score"]


@admin.register(FarmTier)
class FarmTierAdmin(AuditedAdmin):
    list_display = ["name", "grade", "cap", "position"]


@admin.register(CreditVillage)
class CreditVillageAdmin(AuditedAdmin):
    list_display = ["township", "name", "branch", "manager"]
    list_filter = ["branch"]
    list_select_related = ["branch", "manager"]


class BatchEntryInline(admin.TabularInline):
    model = BatchEntry
    extra = 0
    can_delete = False
    fields = ["customer", "rating", "tier", "credit_line", "status", "objection"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VillageBatch)
class VillageBatchAdmin(ReadOnlyAdmin):
    list_display = ["village", "rated_on", "status", "objection_until", "approved_by"]
    list_filter = ["status"]
    list_select_related = ["village", "approved_by"]
    inlines = [BatchEntryInline]


@admin.register(BatchEntry)
class BatchEntryAdmin(ReadOnlyAdmin):
    list_display = ["batch", "customer", "status", "tier", "credit_line"]
    list_filter = ["status"]
    list_select_related = ["batch__village", "customer", "tier", "credit_line"]
