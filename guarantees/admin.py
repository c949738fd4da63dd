"""The admin site for guarantees: the policy and collateral kinds are reference data;
guarantors, guarantees, collateral, pledges and groups are read-only here (they change through
their services)."""

from django.contrib import admin

from creditdesk.admin import AuditedAdmin, ReadOnlyAdmin
from guarantees.models import (
    Collateral,
    CollateralKind,
    CustodyMovement,
    Guarantee,
    GuaranteePolicy,
    Guarantor,
    JointGroup,
    JointGroupMember,
    Pledge,
)


@admin.register(GuaranteePolicy)
class GuaranteePolicyAdmin(AuditedAdmin):
    list_display = [
        "__str__",
        "factor_strong",
        "factor_average",
        "factor_weak",
        "max_capacity_ratio",
        "max_guarantors",
    ]


@admin.register(CollateralKind)
class CollateralKindAdmin(AuditedAdmin):
    list_display = ["code", "name", "max_ltv", "revaluation_months", "needs_registration"]
    list_editable = ["max_ltv", "revaluation_months"]


@admin.register(Guarantor)
class GuarantorAdmin(ReadOnlyAdmin):
    list_display = ["name", "party_type", "branch", "net_assets", "annual_income"]
    search_fields = ["name", "id_number"]


@admin.register(Guarantee)
class GuaranteeAdmin(ReadOnlyAdmin):
    list_display = ["guarantor", "borrower", "amount", "willingness", "status", "contract_number"]
    list_filter = ["status", "willingness"]
    list_select_related = ["guarantor", "borrower"]


@admin.register(Collateral)
class CollateralAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "customer", "appraised_value", "registered_on", "custody", "status"]
    list_filter = ["kind", "status", "custody"]
    list_select_related = ["kind", "customer"]


@admin.register(CustodyMovement)
class CustodyMovementAdmin(ReadOnlyAdmin):
    list_display = ["collateral", "from_custody", "to_custody", "holder", "at", "by"]


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ["collateral", "borrower", "amount_secured", "status", "contract_number"]
    list_filter = ["status"]


@admin.register(JointGroup)
class JointGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "branch", "manager", "ceiling", "status"]


@admin.register(JointGroupMember)
class JointGroupMemberAdmin(ReadOnlyAdmin):
    list_display = ["group", "customer", "joined_on", "left_on"]
