"""Loan-account API: loans read as a viewset; disbursement, repayment and write-off as POST
endpoints that call the services directly (refusals answered by
``creditdesk.api.exceptions``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from creditdesk.api.permissions import ScopedAccess
from loans.api.serializers import DayInputSerializer
from loans.api.views import validated
from loans.models import LoanApplication
from postloan import services
from postloan.api.serializers import (
    ClassificationProposalSerializer,
    ClassifyInputSerializer,
    DecideInputSerializer,
    InspectionCreateSerializer,
    InspectionDraftSerializer,
    InspectionSerializer,
    LoanSerializer,
    RepaymentInputSerializer,
    RepaymentSerializer,
    RestructureInputSerializer,
    WriteOffSerializer,
)
from postloan.models import ClassificationProposal, Inspection, Loan


class LoanViewSet(viewsets.ReadOnlyModelViewSet):
    """Disbursed loans in the caller's scope, with their schedule; repayments are recorded
    through ``POST /api/loans/{id}/repayments/``."""

    serializer_class = LoanSerializer
    permission_classes = [ScopedAccess]
    filterset_fields = ["status", "customer", "branch", "manager"]

    def get_queryset(self):
        return Loan.objects.visible_to(self.request.user).prefetch_related("instalments")

    @extend_schema(methods=["GET"], request=None, responses=RepaymentSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=RepaymentInputSerializer, responses={201: RepaymentSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def repayments(self, request, pk=None):
        loan = self.get_object()
        if request.method == "POST":
            data = validated(RepaymentInputSerializer, request)
            repayment = services.loan_record_repayment(
                loan=loan, user=request.user, amount=data["amount"], paid_on=data.get("paid_on")
            )
            return Response(RepaymentSerializer(repayment).data, status=status.HTTP_201_CREATED)
        # Paginated like every list, as the schema says.
        page = self.paginate_queryset(loan.repayments.order_by("paid_on", "pk"))
        return self.get_paginated_response(RepaymentSerializer(page, many=True).data)

    @extend_schema(request=WriteOffSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="write-off")
    def write_off(self, request, pk=None):
        loan = self.get_object()
        data = validated(WriteOffSerializer, request)
        loan = services.loan_write_off(loan=loan, user=request.user, reason=data["reason"])
        return Response(LoanSerializer(loan).data)

    @extend_schema(
        request=ClassifyInputSerializer, responses={201: ClassificationProposalSerializer}
    )
    @action(detail=True, methods=["post"])
    def classification(self, request, pk=None):
        """Propose the loan's five-category classification (五级分类): a worse category
        applies at once (``status`` "applied"), a better one waits for the branch head
        ("pending", decided through ``/api/classification-proposals/{id}/decide/``)."""
        loan = self.get_object()
        data = validated(ClassifyInputSerializer, request)
        proposal = services.classification_propose(loan=loan, by=request.user, **data)
        return Response(
            ClassificationProposalSerializer(proposal).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=RestructureInputSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"])
    def restructure(self, request, pk=None):
        """Mark the loan restructured or refinanced (重组 / 借新还旧, branch head): until the
        end of its observation period it cannot be classified "normal"."""
        loan = self.get_object()
        data = validated(RestructureInputSerializer, request)
        loan = services.loan_mark_restructured(loan=loan, by=request.user, **data)
        return Response(LoanSerializer(self.get_queryset().get(pk=loan.pk)).data)


class ClassificationProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals to change a loan's category in the caller's scope (``status=pending``: the
    upgrades waiting for a branch head)."""

    serializer_class = ClassificationProposalSerializer
    permission_classes = [ScopedAccess]
    filterset_fields = ["status", "loan", "category"]

    def get_queryset(self):
        return ClassificationProposal.objects.visible_to(self.request.user).order_by(
            "-proposed_at", "-pk"
        )

    @extend_schema(request=DecideInputSerializer, responses=ClassificationProposalSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """The branch head approves or rejects a pending upgrade (not their own proposal;
        rejecting needs an opinion)."""
        proposal = self.get_object()
        data = validated(DecideInputSerializer, request)
        proposal = services.classification_decide(proposal=proposal, by=request.user, **data)
        return Response(ClassificationProposalSerializer(proposal).data)


class DisbursementViewSet(viewsets.GenericViewSet):
    """``POST /api/applications/{id}/disburse/``: the hand-over of a signed application to
    post-loan, which opens the loan."""

    permission_classes = [ScopedAccess]
    serializer_class = LoanSerializer

    def get_queryset(self):
        return LoanApplication.objects.visible_to(self.request.user)

    @extend_schema(request=DayInputSerializer, responses={201: LoanSerializer})
    @action(detail=True, methods=["post"])
    def disburse(self, request, pk=None):
        application = self.get_object()
        data = validated(DayInputSerializer, request)
        loan = services.loan_open(application=application, by=request.user, day=data.get("day"))
        return Response(LoanSerializer(loan).data, status=status.HTTP_201_CREATED)


class InspectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Post-loan inspections (贷后检查) in the caller's scope. ``POST`` starts a draft (or
    continues the loan's open one) with what is filled in; ``PATCH`` saves more of the draft;
    ``POST …/submit/`` completes it."""

    serializer_class = InspectionSerializer
    permission_classes = [ScopedAccess]
    filterset_fields = ["status", "loan", "inspector", "surprise", "has_signals"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Inspection.objects.visible_to(self.request.user)
            .select_related("loan")
            .prefetch_related("photos")
        )

    def _respond(self, inspection, code=status.HTTP_200_OK):
        return Response(
            InspectionSerializer(self.get_queryset().get(pk=inspection.pk)).data, status=code
        )

    @extend_schema(request=InspectionCreateSerializer, responses={201: InspectionSerializer})
    def create(self, request, *args, **kwargs):
        data = dict(validated(InspectionCreateSerializer, request))
        loan = data.pop("loan")
        start = {name: data.pop(name) for name in ("mode", "surprise") if name in data}
        inspection = services.inspection_start(loan=loan, by=request.user, **start)
        if data:
            services.inspection_save_draft(inspection=inspection, by=request.user, values=data)
        return self._respond(inspection, status.HTTP_201_CREATED)

    @extend_schema(request=InspectionDraftSerializer, responses=InspectionSerializer)
    def partial_update(self, request, *args, **kwargs):
        inspection = self.get_object()
        data = validated(InspectionDraftSerializer, request)
        services.inspection_save_draft(inspection=inspection, by=request.user, values=data)
        return self._respond(inspection)

    @extend_schema(request=None, responses=InspectionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        inspection = self.get_object()
        services.inspection_submit(inspection=inspection, by=request.user)
        return self._respond(inspection)
