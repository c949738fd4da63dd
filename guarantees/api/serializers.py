"""API shapes of the guarantees floor. No rules here: writes go through guarantees.services.

Related records are chosen among those the caller sees (``InScope``), so another scope's id and
a missing one get the same 400."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from customers.api.serializers import InScope
from customers.models import Customer
from guarantees.coverage import Verdict
from guarantees.models import (
    Collateral,
    CollateralKind,
    Custody,
    CustodyMovement,
    Guarantee,
    GuaranteePolicy,
    Guarantor,
    JointGroup,
    JointGroupMember,
    PartyType,
    Pledge,
    Relationship,
    Willingness,
    application_model,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


def _in_scope(model, **kwargs) -> InScope:
    return InScope(
        lambda user: model.objects.visible_to(user), queryset=model.objects.none(), **kwargs
    )


def _applications(**kwargs) -> InScope:
    return InScope(
        lambda user: application_model().objects.visible_to(user),
        queryset=application_model().objects.none(),
        **kwargs,
    )


class CollateralKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = CollateralKind
        fields = [
            "id",
            "code",
            "name",
            "max_ltv",
            "revaluation_months",
            "needs_registration",
            "needs_insurance",
            "is_pledge",
            "is_active",
        ]
        read_only_fields = fields


class GuaranteePolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = GuaranteePolicy
        fields = [
            "id",
            "factor_strong",
            "factor_average",
            "factor_weak",
            "income_years",
            "max_capacity_ratio",
            "max_guarantors",
        ]
        read_only_fields = fields


class GuarantorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Guarantor
        fields = [
            "id",
            "party_type",
            "name",
            "id_number",
            "customer",
            "phone",
            "net_assets",
            "annual_income",
            "assessed_on",
            "notes",
            "branch",
        ]
        read_only_fields = ["id", "customer", "branch"]


class AtLeastOneField(serializers.Serializer):
    """A change that names nothing to change is refused (400), not accepted as a no-op."""

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("请至少填写一项。"))
        return attrs


class GuarantorAssessSerializer(AtLeastOneField):
    net_assets = serializers.DecimalField(**MONEY, min_value=0, required=False)
    annual_income = serializers.DecimalField(**MONEY, min_value=0, required=False)
    assessed_on = serializers.DateField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)


class GuaranteeSerializer(serializers.ModelSerializer):
    guarantor_name = serializers.CharField(source="guarantor.name", read_only=True)

    class Meta:
        model = Guarantee
        fields = [
            "id",
            "application",
            "borrower",
            "guarantor",
            "guarantor_name",
            "group",
            "relationship",
            "willingness",
            "willingness_notes",
            "amount",
            "liability",
            "status",
            "contract_number",
            "signed_on",
            "ended_on",
        ]
        read_only_fields = fields


class PartyInputSerializer(serializers.Serializer):
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    net_assets = serializers.DecimalField(**MONEY, min_value=0, required=False)
    annual_income = serializers.DecimalField(**MONEY, min_value=0, required=False)


class GuaranteeInputSerializer(serializers.Serializer):
    """A guarantor for an application: ``guarantor`` (registered) or ``party`` (new)."""

    application = _applications()
    guarantor = _in_scope(Guarantor, required=False, allow_null=True)
    party = PartyInputSerializer(required=False)
    amount = serializers.DecimalField(**MONEY, min_value=0)
    relationship = serializers.ChoiceField(choices=Relationship.choices)
    willingness = serializers.ChoiceField(choices=Willingness.choices)
    willingness_notes = serializers.CharField(required=False, allow_blank=True, default="")


class ReleaseReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class CollateralSerializer(serializers.ModelSerializer):
    customer = _in_scope(Customer)
    kind = serializers.PrimaryKeyRelatedField(
        queryset=CollateralKind.objects.filter(is_active=True)
    )
    lendable_value = serializers.DecimalField(**MONEY, read_only=True)
    is_registered = serializers.BooleanField(read_only=True)

    class Meta:
        model = Collateral
        fields = [
            "id",
            "customer",
            "kind",
            "description",
            "location",
            "owner_name",
            "owner_id_number",
            "owner_consent_on",
            "appraised_value",
            "appraiser",
            "appraised_on",
            "lendable_value",
            "certificate_number",
            "registry",
            "registered_on",
            "is_registered",
            "insurer",
            "insured_until",
            "custody",
            "custody_holder",
            "status",
            "released_on",
        ]
        read_only_fields = [
            "id",
            "certificate_number",
            "registry",
            "registered_on",
            "custody",
            "custody_holder",
            "status",
            "released_on",
        ]
        extra_kwargs = {"owner_name": {"required": False}, "owner_id_number": {"required": False}}


class RevalueSerializer(AtLeastOneField):
    appraised_value = serializers.DecimalField(**MONEY, min_value=0, required=False)
    appraiser = serializers.CharField(max_length=100, required=False)
    appraised_on = serializers.DateField(required=False)
    insurer = serializers.CharField(max_length=100, required=False, allow_blank=True)
    insured_until = serializers.DateField(required=False, allow_null=True)


class RegisterSerializer(serializers.Serializer):
    certificate_number = serializers.CharField(max_length=50)
    registry = serializers.CharField(max_length=100)
    registered_on = serializers.DateField()


class CustodySerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Custody.choices)
    holder = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CustodyMovementSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustodyMovement
        fields = ["id", "collateral", "from_custody", "to_custody", "holder", "note", "at", "by"]
        read_only_fields = fields


class PledgeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pledge
        fields = [
            "id",
            "application",
            "borrower",
            "collateral",
            "amount_secured",
            "status",
            "contract_number",
            "signed_on",
            "released_on",
            "waived_by",
            "waived_at",
            "waiver_reason",
        ]
        read_only_fields = fields


class PledgeInputSerializer(serializers.Serializer):
    application = _applications()
    collateral = _in_scope(Collateral)
    amount_secured = serializers.DecimalField(**MONEY, min_value=0)


class JointGroupMemberSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = JointGroupMember
        fields = ["id", "customer", "customer_name", "joined_on", "left_on"]
        read_only_fields = fields


class JointGroupSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = JointGroup
        fields = ["id", "name", "branch", "manager", "ceiling", "formed_on", "status", "members"]
        read_only_fields = fields

    def get_members(self, group) -> list[dict]:
        current = [m for m in group.members.all() if m.left_on is None]
        return JointGroupMemberSerializer(current, many=True).data


class GroupInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    ceiling = serializers.DecimalField(**MONEY, min_value=0)
    members = _in_scope(Customer, many=True)


class JoinSerializer(serializers.Serializer):
    customer = _in_scope(Customer)


class LeaveSerializer(serializers.Serializer):
    member = _in_scope(JointGroupMember)


class GroupGuaranteeSerializer(serializers.Serializer):
    application = _applications()
    willingness = serializers.ChoiceField(choices=Willingness.choices, default=Willingness.AVERAGE)


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    blocks_disbursement = serializers.BooleanField()


class GuarantorRowSerializer(serializers.Serializer):
    guarantee = serializers.IntegerField(source="guarantee.pk")
    guarantor = serializers.CharField(source="guarantee.guarantor.name")
    strength = serializers.DecimalField(**MONEY)
    elsewhere = serializers.DecimalField(**MONEY)
    available = serializers.DecimalField(**MONEY)
    factor = serializers.DecimalField(max_digits=5, decimal_places=4)
    effective = serializers.DecimalField(**MONEY)
    counted = serializers.DecimalField(**MONEY)


class CollateralRowSerializer(serializers.Serializer):
    pledge = serializers.IntegerField(source="pledge.pk")
    collateral = serializers.CharField(source="pledge.collateral")
    lendable = serializers.DecimalField(**MONEY)
    elsewhere = serializers.DecimalField(**MONEY)
    counted = serializers.DecimalField(**MONEY)
    registered = serializers.BooleanField(source="pledge.collateral.is_registered")


class StructureSerializer(serializers.Serializer):
    """The guarantee structure of an application: what approval reads."""

    amount = serializers.DecimalField(**MONEY)
    covered = serializers.DecimalField(**MONEY)
    ratio = serializers.DecimalField(max_digits=12, decimal_places=4)
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    blocks_disbursement = serializers.BooleanField()
    warnings = WarningSerializer(many=True)
    guarantors = GuarantorRowSerializer(many=True)
    collateral = CollateralRowSerializer(many=True)
    circle = serializers.ListField(child=serializers.CharField())
