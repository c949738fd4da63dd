"""Guarantees API: the same scope as the web (``visible_to``), CRUD as viewsets, every change
through its service; each workflow step is its own POST endpoint (an ``@action``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from creditdesk.access import get_for_user
from guarantees import coverage
from guarantees.api.serializers import (
    CollateralKindSerializer,
    CollateralSerializer,
    CustodySerializer,
    GroupGuaranteeSerializer,
    GroupInputSerializer,
    GuaranteeInputSerializer,
    GuaranteePolicySerializer,
    GuaranteeSerializer,
    GuarantorAssessSerializer,
    GuarantorSerializer,
    JoinSerializer,
    JointGroupSerializer,
    LeaveSerializer,
    PledgeInputSerializer,
    PledgeSerializer,
    RegisterSerializer,
    ReleaseReasonSerializer,
    RevalueSerializer,
    StructureSerializer,
)
from guarantees.models import (
    Collateral,
    CollateralKind,
    Guarantee,
    GuaranteePolicy,
    Guarantor,
    JointGroup,
    Pledge,
    application_model,
)
from guarantees.services import collateral as collateral_services
from guarantees.services import groups as group_services
from guarantees.services import parties
from guarantees.services.common import require_keeper

#: Creation, reads and steps: no PUT and no DELETE (records end through their services).
METHODS = ["get", "post", "patch", "head", "options"]


def validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CollateralKindViewSet(viewsets.ReadOnlyModelViewSet):
    """Collateral kinds with their loan-to-value caps (configured in the admin site)."""

    serializer_class = CollateralKindSerializer

    def get_queryset(self):
        return CollateralKind.objects.visible_to(self.request.user)


class GuaranteePolicyViewSet(viewsets.ReadOnlyModelViewSet):
    """The guarantee policy: willingness factors and the balance of guarantors."""

    serializer_class = GuaranteePolicySerializer

    def get_queryset(self):
        return GuaranteePolicy.objects.visible_to(self.request.user).order_by("pk")


class GuarantorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Guarantors registered in the caller's branches; an update is a new assessment."""

    serializer_class = GuarantorSerializer
    filterset_fields = ["party_type", "customer"]
    http_method_names = METHODS

    def get_queryset(self):
        return Guarantor.objects.visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = parties.guarantor_register(
            by=self.request.user, values=dict(serializer.validated_data)
        )

    @extend_schema(request=GuarantorAssessSerializer, responses=GuarantorSerializer)
    def partial_update(self, request, *args, **kwargs):
        guarantor = get_for_user(Guarantor.objects, request.user, write=True, pk=kwargs["pk"])
        guarantor = parties.guarantor_assess(
            guarantor=guarantor,
            by=request.user,
            values=validated(GuarantorAssessSerializer, request),
        )
        return Response(GuarantorSerializer(guarantor).data)


class GuaranteeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Guarantees of applications in scope: always joint and several."""

    serializer_class = GuaranteeSerializer
    filterset_fields = ["application", "status", "guarantor", "group"]
    http_method_names = METHODS

    def get_queryset(self):
        return Guarantee.objects.visible_to(self.request.user).select_related("guarantor")

    def _guarantee(self, request, pk) -> Guarantee:
        return get_for_user(Guarantee.objects, request.user, write=True, pk=pk)

    @extend_schema(request=GuaranteeInputSerializer, responses={201: GuaranteeSerializer})
    def create(self, request, *args, **kwargs):
        require_keeper(request.user)  # the role first, then the body
        data = validated(GuaranteeInputSerializer, request)
        data["party"] = dict(data["party"]) if data.get("party") else None
        guarantee = parties.guarantee_propose(by=request.user, **data)
        return Response(GuaranteeSerializer(guarantee).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        guarantee = parties.guarantee_withdraw(
            guarantee=self._guarantee(request, pk), by=request.user
        )
        return Response(GuaranteeSerializer(guarantee).data)

    @extend_schema(request=ReleaseReasonSerializer, responses=GuaranteeSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None, **kwargs):
        """An approver releases a guarantor before settlement, with a reason."""
        guarantee = self._guarantee(request, pk)
        reason = validated(ReleaseReasonSerializer, request)["reason"]
        guarantee = parties.guarantee_end(guarantee=guarantee, by=request.user, reason=reason)
        return Response(GuaranteeSerializer(guarantee).data)


class CollateralViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Collateral on customers' files in scope; an update is a revaluation or new insurance."""

    serializer_class = CollateralSerializer
    filterset_fields = ["customer", "kind", "status", "custody"]
    http_method_names = METHODS

    def get_queryset(self):
        return Collateral.objects.visible_to(self.request.user).select_related("kind", "customer")

    def _collateral(self, request, pk) -> Collateral:
        return get_for_user(Collateral.objects, request.user, write=True, pk=pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        customer = data.pop("customer")
        serializer.instance = collateral_services.collateral_add(
            customer=customer, by=self.request.user, values=data
        )

    @extend_schema(request=RevalueSerializer, responses=CollateralSerializer)
    def partial_update(self, request, *args, **kwargs):
        collateral = collateral_services.collateral_revalue(
            collateral=self._collateral(request, kwargs["pk"]),
            by=request.user,
            values=validated(RevalueSerializer, request),
        )
        return Response(CollateralSerializer(collateral, context={"request": request}).data)

    def _respond(self, request, collateral):
        return Response(CollateralSerializer(collateral, context={"request": request}).data)

    @extend_schema(request=RegisterSerializer, responses=CollateralSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None, **kwargs):
        """The mortgage registered: 他项权证 number, registry and date."""
        collateral = collateral_services.collateral_register(
            collateral=self._collateral(request, pk),
            by=request.user,
            **validated(RegisterSerializer, request),
        )
        return self._respond(request, collateral)

    @extend_schema(request=CustodySerializer, responses=CollateralSerializer)
    @action(detail=True, methods=["post"])
    def custody(self, request, pk=None, **kwargs):
        """The certificate into the vault, lent out (to whom), back, or returned."""
        collateral = collateral_services.custody_move(
            collateral=self._collateral(request, pk),
            by=request.user,
            **validated(CustodySerializer, request),
        )
        return self._respond(request, collateral)

    @extend_schema(request=None, responses=CollateralSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None, **kwargs):
        collateral = collateral_services.collateral_release(
            collateral=self._collateral(request, pk), by=request.user
        )
        return self._respond(request, collateral)


class PledgeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Collateral securing applications in scope (抵押/质押)."""

    serializer_class = PledgeSerializer
    filterset_fields = ["application", "collateral", "status"]
    http_method_names = METHODS

    def get_queryset(self):
        return Pledge.objects.visible_to(self.request.user)

    def _pledge(self, request, pk) -> Pledge:
        return get_for_user(Pledge.objects, request.user, write=True, pk=pk)

    @extend_schema(request=PledgeInputSerializer, responses={201: PledgeSerializer})
    def create(self, request, *args, **kwargs):
        require_keeper(request.user)  # the role first, then the body
        pledge = collateral_services.pledge_propose(
            by=request.user, **validated(PledgeInputSerializer, request)
        )
        return Response(PledgeSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PledgeSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None, **kwargs):
        pledge = collateral_services.pledge_withdraw(
            pledge=self._pledge(request, pk), by=request.user
        )
        return Response(PledgeSerializer(pledge).data)

    @extend_schema(request=ReleaseReasonSerializer, responses=PledgeSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None, **kwargs):
        """An independent approver lets the loan be disbursed before registration."""
        pledge = self._pledge(request, pk)
        reason = validated(ReleaseReasonSerializer, request)["reason"]
        pledge = collateral_services.pledge_waive_registration(
            pledge=pledge, by=request.user, reason=reason
        )
        return Response(PledgeSerializer(pledge).data)


class JointGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Joint-guarantee groups (联保小组) in scope, with their current members."""

    serializer_class = JointGroupSerializer
    filterset_fields = ["status"]
    http_method_names = METHODS

    def get_queryset(self):
        return JointGroup.objects.visible_to(self.request.user).prefetch_related(
            "members__customer"
        )

    def _group(self, request, pk) -> JointGroup:
        group = get_for_user(JointGroup.objects, request.user, write=True, pk=pk)
        require_keeper(request.user)  # the role first, then the body
        return group

    def _respond(self, group, code=status.HTTP_200_OK):
        return Response(
            JointGroupSerializer(self.get_queryset().get(pk=group.pk)).data, status=code
        )

    @extend_schema(request=GroupInputSerializer, responses={201: JointGroupSerializer})
    def create(self, request, *args, **kwargs):
        require_keeper(request.user)  # the role first, then the body
        data = validated(GroupInputSerializer, request)
        group = group_services.group_form(
            by=request.user, name=data["name"], ceiling=data["ceiling"], members=data["members"]
        )
        return self._respond(group, status.HTTP_201_CREATED)

    @extend_schema(request=JoinSerializer, responses=JointGroupSerializer)
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None, **kwargs):
        group = self._group(request, pk)
        group_services.group_join(
            group=group, by=request.user, **validated(JoinSerializer, request)
        )
        return self._respond(group)

    @extend_schema(request=LeaveSerializer, responses=JointGroupSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None, **kwargs):
        group = self._group(request, pk)
        member = validated(LeaveSerializer, request)["member"]
        if member.group_id != group.pk:
            member = get_for_user(group.members.all(), request.user, pk=-1)  # 404
        group_services.group_leave(member=member, by=request.user)
        return self._respond(group)

    @extend_schema(request=GroupGuaranteeSerializer, responses=GuaranteeSerializer(many=True))
    @action(detail=True, methods=["post"])
    def guarantee(self, request, pk=None, **kwargs):
        """Every other member guarantees a member's application, within the ceiling."""
        group = self._group(request, pk)
        guarantees = group_services.group_guarantee(
            group=group, by=request.user, **validated(GroupGuaranteeSerializer, request)
        )
        return Response(GuaranteeSerializer(guarantees, many=True).data)


class StructureViewSet(viewsets.GenericViewSet):
    """The guarantee structure of an application in scope: ratio, warnings, verdict."""

    serializer_class = StructureSerializer

    def get_queryset(self):
        return application_model().objects.visible_to(self.request.user)

    @extend_schema(responses=StructureSerializer)
    def retrieve(self, request, pk=None, **kwargs):
        application = get_for_user(application_model().objects, request.user, pk=pk)
        return Response(StructureSerializer(coverage.structure(application)).data)
