"""Customers API: same scoping as the web (visible_to), lists masked, writes through services.

Views call the services directly: a refused rule becomes a 400, a record out of scope a 403 or
404, through the one exception handler (``creditdesk.api.exceptions``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from creditdesk.access import get_for_user
from customers import queries
from customers.api.serializers import (
    BatchEntrySerializer,
    BatchInputSerializer,
    ContactSerializer,
    CreditLineSerializer,
    CreditRatingSerializer,
    CreditVillageRowSerializer,
    CustomerListSerializer,
    CustomerSerializer,
    FarmTierSerializer,
    FinancialSnapshotSerializer,
    GradeBandSerializer,
    HouseholdMemberSerializer,
    LineProposeSerializer,
    ObjectionSerializer,
    ProductHoldingSerializer,
    ProductsSerializer,
    RatingInputSerializer,
    ReasonSerializer,
    ReassignResultSerializer,
    ReassignSerializer,
    ResolveSerializer,
    ReviewSerializer,
    ScorecardSerializer,
    StageSerializer,
    VillageBatchSerializer,
)
from customers.filters import ContactFilter, CustomerApiFilter
from customers.models import (
    BatchEntry,
    Contact,
    CreditLine,
    CreditRating,
    Customer,
    FarmTier,
    FinancialSnapshot,
    GradeBand,
    HouseholdMember,
    ProductHolding,
    Scorecard,
    VillageBatch,
)
from customers.services import contacts, credit, household, marketing, villages
from customers.services import customers as files


def _customer_for_write(request, pk) -> Customer:
    return get_for_user(Customer.objects.all(), request.user, write=True, pk=pk)


class CustomerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Customer files in the caller's scope. Lists mask ID numbers and phones; one file shows
    them whole. A duplicate ID number answers 400 naming the manager to ask."""

    filterset_class = CustomerApiFilter
    search_fields = None
    ordering_fields = ["name", "created_at", "updated_at"]

    def get_queryset(self):
        return Customer.objects.visible_to(self.request.user).for_list()

    def get_serializer_class(self):
        return CustomerListSerializer if self.action == "list" else CustomerSerializer

    def perform_create(self, serializer):
        user = self.request.user
        data = dict(serializer.validated_data)
        manager = data.pop("manager", None) or user
        customer = files.customer_create(by=user, manager=manager, **data)
        serializer.instance = self._full(customer)

    def perform_update(self, serializer):
        changes = dict(serializer.validated_data)
        customer = serializer.instance
        manager = changes.pop("manager", None)
        if manager is not None and manager != customer.manager:
            raise serializers.ValidationError({"manager": [_("更换管户客户经理请使用客户移交。")]})
        if changes.get("customer_type") == customer.customer_type:
            changes.pop("customer_type")
        if changes.get("id_number") == customer.id_number:
            changes.pop("id_number")
        customer = files.customer_update(customer=customer, by=self.request.user, changes=changes)
        serializer.instance = self._full(customer)

    def _full(self, customer: Customer) -> Customer:
        """The file as GET shows it (with its current grade): every write answers with it."""
        return Customer.objects.for_list().get(pk=customer.pk)

    @extend_schema(request=StageSerializer, responses=CustomerSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the customer along the marketing pipeline (lost needs a reason)."""
        customer = _customer_for_write(request, pk)
        body = StageSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        customer = marketing.customer_move_stage(
            customer=customer, by=request.user, **body.validated_data
        )
        return Response(CustomerSerializer(self._full(customer)).data)

    @extend_schema(
        request=ProductsSerializer, responses=ProductHoldingSerializer(many=True), filters=False
    )
    @action(detail=True, methods=["post"], pagination_class=None)  # the whole set, as written
    def products(self, request, pk=None):
        """Set the bank products the customer holds (cross-selling)."""
        customer = _customer_for_write(request, pk)
        body = ProductsSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        holdings = marketing.products_set(
            customer=customer,
            by=request.user,
            products=body.validated_data["products"],
            since=body.validated_data.get("since") or timezone.localdate(),
        )
        return Response(ProductHoldingSerializer(holdings, many=True).data)

    @extend_schema(request=ReassignSerializer, responses=ReassignResultSerializer)
    @action(detail=False, methods=["post"])
    def reassign(self, request):
        """A branch head moves customers (one or many) to another manager, with a reason."""
        body = ReassignSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        ids = set(body.validated_data["customers"])
        customers = list(Customer.objects.visible_to(request.user).filter(pk__in=ids))
        if len(customers) != len(ids):
            return Response(
                {"customers": [_("有客户不存在或不在您的管辖范围。")]},
                status=status.HTTP_404_NOT_FOUND,
            )
        moved = files.customers_reassign(
            customers=customers,
            to_manager=body.validated_data["to_manager"],
            by=request.user,
            reason=body.validated_data["reason"],
        )
        return Response({"moved": moved})


class HouseholdMemberViewSet(viewsets.ModelViewSet):
    """Household members of customers in scope (a spouse co-signs)."""

    serializer_class = HouseholdMemberSerializer
    filterset_fields = ["customer", "relation"]

    def get_queryset(self):
        return HouseholdMember.objects.visible_to(self.request.user).select_related("customer")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        customer = data.pop("customer")
        serializer.instance = household.member_add(
            customer=customer, by=self.request.user, values=data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("customer", None)
        if data.get("co_signs") is None:
            data.pop("co_signs", None)
        serializer.instance = household.member_update(
            member=serializer.instance, by=self.request.user, changes=data
        )

    def perform_destroy(self, instance):
        household.member_remove(member=instance, by=self.request.user)


class FinancialSnapshotViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Dated business and financial snapshots with derived ratios."""

    serializer_class = FinancialSnapshotSerializer
    filterset_fields = ["customer"]

    def get_queryset(self):
        return FinancialSnapshot.objects.visible_to(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        customer = data.pop("customer")
        serializer.instance = household.snapshot_record(
            customer=customer, by=self.request.user, values=data
        )

    def perform_destroy(self, instance):
        household.snapshot_delete(snapshot=instance, by=self.request.user)


class ContactViewSet(viewsets.ModelViewSet):
    """The contact log: visits, calls, messages, meals and gifts, with follow-ups."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter

    def get_queryset(self):
        return Contact.objects.visible_to(self.request.user).select_related("customer")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        customer = data.pop("customer")
        serializer.instance = contacts.contact_log(
            customer=customer, by=self.request.user, values=data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("customer", None)
        serializer.instance = contacts.contact_update(
            contact=serializer.instance, by=self.request.user, values=data
        )

    def perform_destroy(self, instance):
        contacts.contact_delete(contact=instance, by=self.request.user)

    @extend_schema(request=None, responses=ContactSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Mark the follow-up as done."""
        contact = self.get_object()
        contact = contacts.contact_follow_up_done(contact=contact, by=request.user)
        return Response(ContactSerializer(contact).data)


class ProductHoldingViewSet(viewsets.ReadOnlyModelViewSet):
    """Products held by customers in scope; set them with POST /customers/{id}/products/."""

    serializer_class = ProductHoldingSerializer
    filterset_fields = ["customer", "product"]

    def get_queryset(self):
        return ProductHolding.objects.visible_to(self.request.user)


@extend_schema(responses=CreditVillageRowSerializer(many=True))
@api_view(["GET"])
def credit_villages(request):
    """Credit villages: farm households by village, how many rated, credit granted."""
    rows = queries.credit_villages(request.user, timezone.localdate())
    return Response(CreditVillageRowSerializer(rows, many=True).data)


# --- Rating and credit (评级授信) ---


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
        data = RatingInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        rating = credit.rating_record(
            customer=data.validated_data["customer"],
            scores=data.validated_data["scores"],
            rated_by=request.user,
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
        return (
            CreditLine.objects.visible_to(self.request.user)
            .select_related("customer")
            .with_outstanding()
        )

    def _for_write(self, pk) -> CreditLine:
        return get_for_user(self.get_queryset(), self.request.user, write=True, pk=pk)

    @extend_schema(request=LineProposeSerializer, responses={201: CreditLineSerializer})
    def create(self, request, *args, **kwargs):
        data = LineProposeSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        line = credit.credit_line_propose(proposed_by=request.user, **values)
        return Response(CreditLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        line = self._for_write(pk)
        line = credit.credit_line_approve(line=line, approver=request.user)
        return Response(CreditLineSerializer(line).data)

    @extend_schema(request=ReasonSerializer, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        line = self._for_write(pk)
        data = ReasonSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        line = credit.credit_line_revoke(
            line=line, revoked_by=request.user, reason=data.validated_data["reason"]
        )
        return Response(CreditLineSerializer(line).data)

    @extend_schema(request=ReviewSerializer, responses=CreditLineSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        line = self._for_write(pk)
        data = ReviewSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        line = credit.credit_line_review(line=line, reviewed_by=request.user, **data.validated_data)
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
        data = BatchInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = data.validated_data
        batch = villages.village_batch_start(
            township=values["township"],
            name=values["village"],
            scores=values["scores"],
            rated_by=request.user,
            objection_days=values["objection_days"],
        )
        return Response(self._fresh(batch), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=VillageBatchSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        batch = self._for_write(pk)
        villages.village_batch_publish(batch=batch, published_by=request.user)
        return Response(self._fresh(batch))

    @extend_schema(request=None, responses=VillageBatchSerializer)
    @action(detail=True, methods=["post"], url_path="make-effective")
    def make_effective(self, request, pk=None):
        batch = self._for_write(pk)
        villages.village_batch_make_effective(batch=batch, approver=request.user)
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
        data = ObjectionSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        villages.village_batch_object(
            entry=entry, objection=data.validated_data["objection"], recorded_by=request.user
        )
        return Response(BatchEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)

    @extend_schema(request=ResolveSerializer, responses=BatchEntrySerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        entry = self._for_write(pk)
        data = ResolveSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        villages.village_batch_resolve(entry=entry, resolved_by=request.user, **data.validated_data)
        return Response(BatchEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)
