"""Rating and credit API: ratings, credit lines with approve/revoke/review actions, village
batches with publish, objection and make-effective actions. Same scoping as the web; every
change goes through ``customers.credit_services``; a broken rule answers 400."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from creditdesk.access import get_for_user
from customers import credit_services as services
from customers.models import (
    BatchEntry,
    CreditLine,
    CreditRating,
    Customer,
    FarmTier,
    GradeBand,
    Scorecard,
    ScorecardFactor,
    VillageBatch,
)


@contextmanager
def rules_as_400():
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"detail": exc.messages}) from exc


# --- serializers ---


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
    customer = serializers.IntegerField()
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
    customer = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BatchEntrySerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    grade = serializers.CharField(source="rating.grade", read_only=True)
    score = serializers.DecimalField(
        source="rating.score", max_digits=5, decimal_places=2, read_only=True
    )
    tier = serializers.CharField(source="tier.name", read_only=True, default=None)
    amount = serializers.DecimalField(
        source="credit_line.amount", max_digits=14, decimal_places=2, read_only=True, default=None
    )
    card_number = serializers.CharField(
        source="credit_line.card_number", read_only=True, default=None
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
    upheld = serializers.BooleanField()
    resolution = serializers.CharField()


def _customer_for_write(request, pk) -> Customer:
    return get_for_user(Customer.objects.all(), request.user, write=True, pk=pk)


# --- viewsets ---


class ScorecardViewSet(viewsets.ReadOnlyModelViewSet):
    """Scorecards with their factors (ids to score against); bands and tiers alongside."""

    serializer_class = ScorecardSerializer
    queryset = Scorecard.objects.prefetch_related("factors")
    pagination_class = None

    @extend_schema(responses=GradeBandSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="grade-bands")
    def grade_bands(self, request):
        return Response(GradeBandSerializer(GradeBand.objects.all(), many=True).data)

    @extend_schema(responses=FarmTierSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="farm-tiers")
    def farm_tiers(self, request):
        return Response(FarmTierSerializer(FarmTier.objects.all(), many=True).data)


class CreditRatingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Credit ratings in scope, newest first; POST rates a customer with their scorecard."""

    serializer_class = CreditRatingSerializer
    filterset_fields = ["customer", "grade"]
    search_fields = None

    def get_queryset(self):
        return CreditRating.objects.visible_to(self.request.user).select_related("customer")

    @extend_schema(request=RatingInputSerializer, responses={201: CreditRatingSerializer})
    def create(self, request, *args, **kwargs):
        data = RatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        customer = _customer_for_write(request, data.validated_data["customer"])
        with rules_as_400():
            rating = services.rating_record(
                customer=customer, scores=data.validated_data["scores"], rated_by=request.user
            )
        return Response(CreditRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class CreditLineViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Credit lines in scope. POST proposes a line; approve, revoke and review are actions."""

    serializer_class = CreditLineSerializer
    filterset_fields = ["customer", "status"]
    search_fields = ["customer__name", "card_number"]

    def get_queryset(self):
        return CreditLine.objects.visible_to(self.request.user).select_related("customer")

    def _for_write(self, pk) -> CreditLine:
        return get_for_user(self.get_queryset(), self.request.user, write=True, pk=pk)

    @extend_schema(request=LineProposeSerializer, responses={201: CreditLineSerializer})
    def create(self, request, *args, **kwargs):
        data = LineProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        customer = _customer_for_write(request, values.pop("customer"))
        with rules_as_400():
            line = services.credit_line_propose(
                customer=customer, proposed_by=request.user, **values
            )
        return Response(CreditLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        line = self._for_write(pk)
        with rules_as_400():
            line = services.credit_line_approve(line=line, approver=request.user)
        return Response(CreditLineSerializer(line).data)

    @extend_schema(request=ReasonSerializer, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        line = self._for_write(pk)
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with rules_as_400():
            line = services.credit_line_revoke(
                line=line, revoked_by=request.user, reason=data.validated_data["reason"]
            )
        return Response(CreditLineSerializer(line).data)

    @extend_schema(request=ReviewSerializer, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        line = self._for_write(pk)
        data = ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with rules_as_400():
            line = services.credit_line_review(
                line=line, reviewed_by=request.user, **data.validated_data
            )
        return Response(CreditLineSerializer(line).data)


class VillageBatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Village batch rating and credit (整村评级授信). POST rates the households of a village
    and proposes lines by tier; then publish, record objections (batch-entries), make effective."""

    serializer_class = VillageBatchSerializer
    filterset_fields = ["status", "village"]
    search_fields = None

    def get_queryset(self):
        return (
            VillageBatch.objects.visible_to(self.request.user)
            .select_related("village")
            .prefetch_related("entries__customer", "entries__rating", "entries__tier")
            .prefetch_related("entries__credit_line")
        )

    def _for_write(self, pk) -> VillageBatch:
        return get_for_user(self.get_queryset(), self.request.user, write=True, pk=pk)

    def _fresh(self, batch) -> dict:
        return VillageBatchSerializer(self.get_queryset().get(pk=batch.pk)).data

    @extend_schema(request=BatchInputSerializer, responses={201: VillageBatchSerializer})
    def create(self, request, *args, **kwargs):
        data = BatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        with rules_as_400():
            village = services.credit_village_open(
                township=values["township"], name=values["village"], opened_by=request.user
            )
            batch = services.village_batch_rate(
                village=village,
                scores=values["scores"],
                rated_by=request.user,
                objection_days=values["objection_days"],
            )
        return Response(self._fresh(batch), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=VillageBatchSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        batch = self._for_write(pk)
        with rules_as_400():
            services.village_batch_publish(batch=batch, published_by=request.user)
        return Response(self._fresh(batch))

    @extend_schema(request=None, responses=VillageBatchSerializer)
    @action(detail=True, methods=["post"], url_path="make-effective")
    def make_effective(self, request, pk=None):
        batch = self._for_write(pk)
        with rules_as_400():
            services.village_batch_make_effective(batch=batch, approver=request.user)
        return Response(self._fresh(batch))


class BatchEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Households of village batches; objections are recorded and resolved here."""

    serializer_class = BatchEntrySerializer
    filterset_fields = ["batch", "status", "customer"]
    search_fields = None

    def get_queryset(self):
        return BatchEntry.objects.visible_to(self.request.user).select_related(
            "customer", "rating", "tier", "credit_line"
        )

    def _for_write(self, pk) -> BatchEntry:
        return get_for_user(self.get_queryset(), self.request.user, write=True, pk=pk)

    @extend_schema(request=ObjectionSerializer, responses=BatchEntrySerializer)
    @action(detail=True, methods=["post"])
    def object(self, request, pk=None):
        entry = self._for_write(pk)
        data = ObjectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with rules_as_400():
            services.village_batch_object(
                entry=entry, objection=data.validated_data["objection"], recorded_by=request.user
            )
        return Response(BatchEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)

    @extend_schema(request=ResolveSerializer, responses=BatchEntrySerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        entry = self._for_write(pk)
        data = ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with rules_as_400():
            services.village_batch_resolve(
                entry=entry, resolved_by=request.user, **data.validated_data
            )
        return Response(BatchEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)
