"""Customer API: same scoping as the web (visible_to), lists masked, writes through services."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from creditdesk.access import get_for_user
from creditdesk.models import Role
from customers import queries, services
from customers.api.serializers import (
    ContactSerializer,
    CreditVillageRowSerializer,
    CustomerListSerializer,
    CustomerSerializer,
    FinancialSnapshotSerializer,
    HouseholdMemberSerializer,
    ProductHoldingSerializer,
    ProductsSerializer,
    ReassignResultSerializer,
    ReassignSerializer,
    StageSerializer,
)
from customers.filters import ContactFilter, CustomerFilter
from customers.models import Contact, Customer, FinancialSnapshot, HouseholdMember, ProductHolding


@contextmanager
def rules_as_400():
    """A broken rule (Django ValidationError from a service) answers 400 with its message."""
    try:
        yield
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        raise serializers.ValidationError(detail) from exc


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

    filterset_class = CustomerFilter
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
        with rules_as_400():
            if manager.role != Role.MANAGER:
                raise DjangoValidationError({"manager": _("请由客户经理建档，或建档后移交。")})
            serializer.instance = services.customer_create(by=user, manager=manager, **data)

    def perform_update(self, serializer):
        changes = dict(serializer.validated_data)
        customer = serializer.instance
        manager = changes.pop("manager", None)
        if manager is not None and manager != customer.manager:
            raise serializers.ValidationError({"manager": [_("更换管户客户经理请使用客户移交。")]})
        get_for_user(Customer.objects.all(), self.request.user, write=True, pk=customer.pk)
        if changes.get("customer_type") == customer.customer_type:
            changes.pop("customer_type")
        if changes.get("id_number") == customer.id_number:
            changes.pop("id_number")
        with rules_as_400():
            serializer.instance = services.customer_update(
                customer=customer, by=self.request.user, changes=changes
            )

    @extend_schema(request=StageSerializer, responses=CustomerSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the customer along the marketing pipeline (lost needs a reason)."""
        customer = _customer_for_write(request, pk)
        body = StageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with rules_as_400():
            customer = services.customer_move_stage(
                customer=customer, by=request.user, **body.validated_data
            )
        return Response(CustomerSerializer(customer).data)

    @extend_schema(request=ProductsSerializer, responses=ProductHoldingSerializer(many=True))
    @action(detail=True, methods=["post"])
    def products(self, request, pk=None):
        """Set the bank products the customer holds (cross-selling)."""
        customer = _customer_for_write(request, pk)
        body = ProductsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with rules_as_400():
            holdings = services.products_set(
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
        body = ReassignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = set(body.validated_data["customers"])
        customers = list(Customer.objects.visible_to(request.user).filter(pk__in=ids))
        if len(customers) != len(ids):
            return Response(
                {"customers": [_("有客户不存在或不在您的管辖范围。")]},
                status=status.HTTP_404_NOT_FOUND,
            )
        with rules_as_400():
            moved = services.customers_reassign(
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
        customer = _customer_for_write(self.request, data.pop("customer").pk)
        with rules_as_400():
            serializer.instance = services.member_add(
                customer=customer, by=self.request.user, **data
            )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("customer", None)
        if data.get("co_signs") is None:
            data.pop("co_signs", None)
        get_for_user(
            HouseholdMember.objects.all(), self.request.user, write=True, pk=serializer.instance.pk
        )
        with rules_as_400():
            serializer.instance = services.member_update(
                member=serializer.instance, by=self.request.user, changes=data
            )

    def perform_destroy(self, instance):
        services.member_remove(member=instance, by=self.request.user)


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
        customer = _customer_for_write(self.request, data.pop("customer").pk)
        with rules_as_400():
            serializer.instance = services.snapshot_record(
                customer=customer, by=self.request.user, values=data
            )

    def perform_destroy(self, instance):
        services.snapshot_delete(snapshot=instance, by=self.request.user)


class ContactViewSet(viewsets.ModelViewSet):
    """The contact log: visits, calls, messages, meals and gifts, with follow-ups."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter

    def get_queryset(self):
        return Contact.objects.visible_to(self.request.user).select_related("customer")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        customer = _customer_for_write(self.request, data.pop("customer").pk)
        with rules_as_400():
            serializer.instance = services.contact_log(
                customer=customer, by=self.request.user, values=data
            )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("customer", None)
        with rules_as_400():
            serializer.instance = services.contact_update(
                contact=serializer.instance, by=self.request.user, values=data
            )

    def perform_destroy(self, instance):
        services.contact_delete(contact=instance, by=self.request.user)

    @extend_schema(request=None, responses=ContactSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Mark the follow-up as done."""
        contact = self.get_object()
        with rules_as_400():
            contact = services.contact_follow_up_done(contact=contact, by=request.user)
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
