"""API shapes of the customer file. No rules here: writes go through customers.services."""

from __future__ import annotations

from rest_framework import serializers

from creditdesk.models import User
from customers.models import (
    Contact,
    Customer,
    FinancialSnapshot,
    HouseholdMember,
    PipelineStage,
    Product,
    ProductHolding,
)

CUSTOMER_FIELDS = [
    "id",
    "name",
    "customer_type",
    "id_number",
    "birth_date",
    "phone",
    "township",
    "village",
    "address",
    "industry",
    "channel",
    "segment",
    "status",
    "stage",
    "lost_reason",
    "notes",
    "branch",
    "branch_name",
    "manager",
    "manager_name",
    "current_grade",
    "created_at",
    "updated_at",
]


class CustomerListSerializer(serializers.ModelSerializer):
    """A row of a list: ID number and phone masked."""

    id_number = serializers.CharField(source="masked_id_number", read_only=True)
    phone = serializers.CharField(source="masked_phone", read_only=True)
    branch_name = serializers.CharField(source="branch.name", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    current_grade = serializers.CharField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Customer
        fields = [f for f in CUSTOMER_FIELDS if f not in ("notes", "address", "lost_reason")]
        read_only_fields = fields


class CustomerSerializer(serializers.ModelSerializer):
    """The whole file, numbers in full (only ever for a customer in the caller's scope)."""

    branch_name = serializers.CharField(source="branch.name", read_only=True)
    manager_name = serializers.CharField(source="manager.name", read_only=True)
    current_grade = serializers.CharField(read_only=True, allow_null=True, default=None)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    manager = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role="manager", is_active=True),
        required=False,
        help_text="On create: the managing account manager (branch heads must give one; "
        "a manager files their own). Changed only through /customers/reassign/.",
    )

    class Meta:
        model = Customer
        fields = CUSTOMER_FIELDS
        read_only_fields = [
            "birth_date",
            "branch",
            "stage",
            "lost_reason",
            "created_at",
            "updated_at",
        ]
        # One per ID number is checked by the service, which says who to ask.
        validators = []


class StageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=PipelineStage.choices)
    lost_reason = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReassignSerializer(serializers.Serializer):
    customers = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    to_manager = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    reason = serializers.CharField(max_length=200)


class ReassignResultSerializer(serializers.Serializer):
    moved = serializers.IntegerField()


class ProductsSerializer(serializers.Serializer):
    products = serializers.ListField(child=serializers.ChoiceField(choices=Product.choices))
    since = serializers.DateField(required=False, allow_null=True)


class HouseholdMemberSerializer(serializers.ModelSerializer):
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    co_signs = serializers.BooleanField(required=False, allow_null=True, default=None)

    class Meta:
        model = HouseholdMember
        fields = [
            "id",
            "customer",
            "name",
            "relation",
            "id_number",
            "phone",
            "occupation",
            "co_signs",
        ]
        validators = []


class FinancialSnapshotSerializer(serializers.ModelSerializer):
    debt_ratio = serializers.DecimalField(max_digits=8, decimal_places=1, read_only=True)
    current_ratio = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)
    margin = serializers.DecimalField(max_digits=8, decimal_places=1, read_only=True)

    class Meta:
        model = FinancialSnapshot
        fields = [
            "id",
            "customer",
            "as_of",
            "revenue",
            "net_profit",
            "total_assets",
            "total_liabilities",
            "current_assets",
            "current_liabilities",
            "inventory",
            "receivables",
            "payables",
            "monthly_sales",
            "employees",
            "water_tons",
            "power_kwh",
            "notes",
            "debt_ratio",
            "current_ratio",
            "margin",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]
        validators = []


class ContactSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "customer",
            "customer_name",
            "kind",
            "occurred_on",
            "attendees",
            "purpose",
            "summary",
            "cost",
            "follow_up_on",
            "follow_up_done",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["follow_up_done", "created_by", "created_at"]


class ProductHoldingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductHolding
        fields = ["id", "customer", "product", "since"]
        read_only_fields = fields


class CreditVillageRowSerializer(serializers.Serializer):
    township = serializers.CharField()
    village = serializers.CharField()
    households = serializers.IntegerField()
    rated = serializers.IntegerField()
    granted = serializers.DecimalField(max_digits=16, decimal_places=2)
