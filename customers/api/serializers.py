"""API shapes of the customers floor. No rules here: writes go through customers.services.

Related records are chosen among those the caller sees (:class:`InScope`), so another scope's
id and a missing one get the same 400.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from creditdesk.models import User
from creditdesk.validators import reasonable_date
from customers.models import (
    AcquisitionChannel,
    BatchEntry,
    Contact,
    CreditLine,
    CreditRating,
    Customer,
    FarmTier,
    FinancialSnapshot,
    GradeBand,
    HouseholdMember,
    PipelineStage,
    Product,
    ProductHolding,
    Scorecard,
    ScorecardFactor,
    VillageBatch,
)
from customers.services.household import SNAPSHOT_FIELDS


class InScope(serializers.PrimaryKeyRelatedField):
    """A related record among those the caller sees; outside the scope is "no such record"."""

    default_error_messages = {
        "does_not_exist": _("无效的编号：没有这条记录。"),
        "incorrect_type": _("无效的编号：没有这条记录。"),
    }

    def __init__(self, scoped: Callable[[User], QuerySet], **kwargs):
        self.scoped = scoped
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.scoped(self.context["request"].user)


class RequiredBooleanField(serializers.BooleanField):
    """A yes/no the caller must give: left out of a form-encoded body it is a 400 (DRF would
    read a missing checkbox as False), as the schema's "required" says."""

    default_empty_html = serializers.empty


def customers_in_scope(user: User) -> QuerySet:
    return Customer.objects.visible_to(user)


def managers_in_scope(user: User) -> QuerySet:
    return User.objects.visible_to(user).active_managers()


def _customer_field(**kwargs) -> InScope:
    return InScope(customers_in_scope, queryset=Customer.objects.none(), **kwargs)


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

    # Read-only fields lose ``allow_blank``; an unknown channel is "" and the schema says so.
    channel = serializers.ChoiceField(
        choices=AcquisitionChannel.choices, allow_blank=True, read_only=True
    )
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
    manager = InScope(
        managers_in_scope,
        queryset=User.objects.none(),
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
    to_manager = InScope(managers_in_scope, queryset=User.objects.none())
    reason = serializers.CharField(max_length=200)


class ReassignResultSerializer(serializers.Serializer):
    moved = serializers.IntegerField()


class ProductsSerializer(serializers.Serializer):
    products = serializers.ListField(child=serializers.ChoiceField(choices=Product.choices))
    since = serializers.DateField(required=False, allow_null=True, validators=[reasonable_date])


class HouseholdMemberSerializer(serializers.ModelSerializer):
    customer = _customer_field()
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
    customer = _customer_field()
    # Ratios are null where the figures behind them are missing or zero.
    debt_ratio = serializers.DecimalField(
        max_digits=8, decimal_places=1, read_only=True, allow_null=True
    )
    current_ratio = serializers.DecimalField(
        max_digits=10, decimal_places=2, read_only=True, allow_null=True
    )
    margin = serializers.DecimalField(
        max_digits=8, decimal_places=1, read_only=True, allow_null=True
    )

    class Meta:
        model = FinancialSnapshot
        # The fields a manager records are the service's list: one place to add a figure.
        fields = [
            "id",
            "customer",
            *SNAPSHOT_FIELDS,
            "debt_ratio",
            "current_ratio",
            "margin",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["recorded_by", "created_at"]
        validators = []


class ContactSerializer(serializers.ModelSerializer):
    customer = _customer_field()
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


# --- Rating and credit (评级授信) ---


class ScorecardFactorSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScorecardFactor
        fields = ["id", "criterion", "name", "guidance", "weight", "position"]


class ScorecardSerializer(serializers.ModelSerializer):
    factors = ScorecardFactorSerializer(many=True, read_only=True)

    class Meta:
        model = Scorecard
        fields = ["id", "customer_type", "name", "factors"]


class GradeBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeBand
        fields = ["grade", "min_score"]


class FarmTierSerializer(serializers.ModelSerializer):
    class Meta:
        model = FarmTier
        fields = ["id", "name", "grade", "cap"]


class FactorScoreSerializer(serializers.Serializer):
    factor = serializers.IntegerField()
    name = serializers.CharField()
    criterion = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    score = serializers.DecimalField(max_digits=5, decimal_places=2)


class CreditRatingSerializer(serializers.ModelSerializer):
    factor_scores = FactorScoreSerializer(many=True, read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = CreditRating
        fields = [
            "id",
            "customer",
            "customer_name",
            "grade",
            "score",
            "factor_scores",
            "valid_from",
            "valid_until",
            "rated_by",
            "created_at",
        ]
        read_only_fields = fields


class ScoresField(serializers.DictField):
    """Factor id → score 0–100."""

    child = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class RatingInputSerializer(serializers.Serializer):
    customer = _customer_field()
    scores = ScoresField(help_text="factor id → score 0–100")


class CreditLineSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    available = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = CreditLine
        fields = [
            "id",
            "customer",
            "customer_name",
            "amount",
            "outstanding",
            "available",
            "valid_from",
            "valid_until",
            "next_review_on",
            "status",
            "card_number",
            "proposed_by",
            "approved_by",
            "approved_at",
            "note",
        ]
        read_only_fields = fields


class LineProposeSerializer(serializers.Serializer):
    customer = _customer_field()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    valid_from = serializers.DateField(required=False, validators=[reasonable_date])
    valid_until = serializers.DateField(required=False, validators=[reasonable_date])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    passed = RequiredBooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BatchEntrySerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    grade = serializers.CharField(source="rating.grade", read_only=True)
    score = serializers.DecimalField(
        source="rating.score", max_digits=5, decimal_places=2, read_only=True
    )
    # An excluded household has no tier and no line; a line awaiting approval has no card yet.
    tier = serializers.CharField(source="tier.name", read_only=True, allow_null=True, default=None)
    amount = serializers.DecimalField(
        source="credit_line.amount",
        max_digits=14,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        default=None,
    )
    card_number = serializers.CharField(
        source="credit_line.card_number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = BatchEntry
        fields = [
            "id",
            "batch",
            "customer",
            "customer_name",
            "grade",
            "score",
            "tier",
            "amount",
            "credit_line",
            "card_number",
            "status",
            "objection",
            "objection_resolution",
        ]
        read_only_fields = fields


class VillageBatchSerializer(serializers.ModelSerializer):
    township = serializers.CharField(source="village.township", read_only=True)
    village_name = serializers.CharField(source="village.name", read_only=True)
    entries = BatchEntrySerializer(many=True, read_only=True)

    class Meta:
        model = VillageBatch
        fields = [
            "id",
            "village",
            "township",
            "village_name",
            "status",
            "rated_on",
            "objection_days",
            "published_on",
            "objection_until",
            "created_by",
            "approved_by",
            "approved_at",
            "entries",
        ]
        read_only_fields = fields


class BatchInputSerializer(serializers.Serializer):
    township = serializers.CharField(max_length=50)
    village = serializers.CharField(max_length=50)
    objection_days = serializers.IntegerField(min_value=1, max_value=30, default=7)
    scores = serializers.DictField(
        child=ScoresField(), help_text="customer id → {factor id → score 0–100}"
    )


class ObjectionSerializer(serializers.Serializer):
    objection = serializers.CharField()


class ResolveSerializer(serializers.Serializer):
    upheld = RequiredBooleanField()
    resolution = serializers.CharField()
