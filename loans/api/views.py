"""Loans API: reads and drafts as viewsets, every workflow step as its own POST endpoint."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from creditdesk.api.permissions import ScopedAccess
from creditdesk.models import User
from loans import services
from loans.api.serializers import (
    ApplicationCreateSerializer,
    ApplicationListSerializer,
    ApplicationUpdateSerializer,
    ApproveSerializer,
    DayInputSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    InvestigationSerializer,
    LoanApplicationSerializer,
    LoanProductSerializer,
    LoanSerializer,
    OpinionSerializer,
    RepaymentInputSerializer,
    RepaymentSerializer,
    StartInvestigationSerializer,
    VoteInputSerializer,
    VoteSerializer,
    WithdrawSerializer,
    WriteOffSerializer,
)
from loans.models import Investigation, Loan, LoanApplication, LoanProduct


def _call(fn, *args, **kwargs):
    """Run a service; its refusal becomes a 400 with the translated messages."""
    try:
        return fn(*args, **kwargs)
    except DjangoValidationError as exc:
        raise serializers.ValidationError({"detail": exc.messages}) from exc


def _input(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class LoanProductViewSet(viewsets.ReadOnlyModelViewSet):
    """The product catalogue (configured by administrators in the admin site)."""

    serializer_class = LoanProductSerializer
    permission_classes = [ScopedAccess]
    filterset_fields = ["is_active"]

    def get_queryset(self):
        return LoanProduct.objects.visible_to(self.request.user)


class LoanApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Loan applications in the caller's scope; drafts are created here, every later step
    through its own endpoint."""

    permission_classes = [ScopedAccess]
    filterset_fields = ["status", "customer", "product"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        qs = LoanApplication.objects.visible_to(self.request.user).for_list()
        if self.action == "retrieve":
            qs = qs.prefetch_related("transitions", "decisions", "votes")
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return ApplicationListSerializer
        if self.action == "create":
            return ApplicationCreateSerializer
        return LoanApplicationSerializer

    @extend_schema(request=ApplicationCreateSerializer, responses={201: LoanApplicationSerializer})
    def create(self, request, *args, **kwargs):
        data = _input(ApplicationCreateSerializer, request)
        application = _call(services.application_create, created_by=request.user, **data)
        return Response(LoanApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationUpdateSerializer, responses=LoanApplicationSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Change the request while it is with the manager (draft, investigating, returned)."""
        application = self.get_object()
        serializer = ApplicationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        _call(
            services.application_update,
            application=application,
            user=request.user,
            **serializer.validated_data,
        )
        return self._respond(application)

    def _respond(self, application):
        application = (
            self.get_queryset()
            .prefetch_related("transitions", "decisions", "votes")
            .get(pk=application.pk)
        )
        return Response(LoanApplicationSerializer(application).data)

    @extend_schema(request=StartInvestigationSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="start-investigation")
    def start_investigation(self, request, pk=None):
        application = self.get_object()
        data = _input(StartInvestigationSerializer, request)
        second = get_object_or_404(User, pk=data["second_investigator"], is_active=True)
        _call(
            services.application_start_investigation,
            application=application,
            user=request.user,
            second_investigator=second,
        )
        return self._respond(application)

    @extend_schema(methods=["GET"], request=None, responses=InvestigationSerializer)
    @extend_schema(
        methods=["PUT"], request=InvestigationSerializer, responses=InvestigationSerializer
    )
    @action(detail=True, methods=["get", "put"])
    def investigation(self, request, pk=None):
        application = self.get_object()
        investigation = get_object_or_404(Investigation, application=application)
        if request.method == "PUT":
            serializer = InvestigationSerializer(investigation, data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            borrowings = data.pop("other_borrowings", None)
            investigation = _call(
                services.investigation_update,
                application=application,
                user=request.user,
                data=data,
                other_borrowings=[dict(b) for b in borrowings] if borrowings is not None else None,
            )
        return Response(InvestigationSerializer(investigation).data)

    @extend_schema(request=None, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-investigation")
    def confirm_investigation(self, request, pk=None):
        application = self.get_object()
        _call(services.investigation_confirm, application=application, user=request.user)
        return self._respond(application)

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        application = self.get_object()
        data = _input(DocumentUploadSerializer, request)
        document = _call(
            services.document_upload,
            application=application,
            user=request.user,
            kind=data["kind"],
            upload=data["file"],
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = self.get_object()
        _call(services.application_submit, application=application, user=request.user)
        return self._respond(application)

    @extend_schema(request=WithdrawSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self.get_object()
        data = _input(WithdrawSerializer, request)
        _call(
            services.application_withdraw,
            application=application,
            user=request.user,
            reason=data["reason"],
        )
        return self._respond(application)

    @extend_schema(request=ApproveSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        application = self.get_object()
        data = _input(ApproveSerializer, request)
        _call(services.application_approve, application=application, approver=request.user, **data)
        return self._respond(application)

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        application = self.get_object()
        data = _input(OpinionSerializer, request)
        _call(
            services.application_reject,
            application=application,
            reviewer=request.user,
            opinion=data["opinion"],
        )
        return self._respond(application)

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        application = self.get_object()
        data = _input(OpinionSerializer, request)
        _call(
            services.application_return,
            application=application,
            reviewer=request.user,
            comments=data["opinion"],
        )
        return self._respond(application)

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        application = self.get_object()
        data = _input(OpinionSerializer, request)
        _call(
            services.application_refer,
            application=application,
            reviewer=request.user,
            opinion=data["opinion"],
        )
        return self._respond(application)

    @extend_schema(request=VoteInputSerializer, responses={201: VoteSerializer})
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        application = self.get_object()
        data = _input(VoteInputSerializer, request)
        record = _call(
            services.committee_vote, application=application, member=request.user, **data
        )
        return Response(VoteSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DayInputSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="sign-contract")
    def sign_contract(self, request, pk=None):
        application = self.get_object()
        data = _input(DayInputSerializer, request)
        _call(
            services.application_sign_contract,
            application=application,
            user=request.user,
            signed_on=data.get("day"),
        )
        return self._respond(application)

    @extend_schema(request=DayInputSerializer, responses={201: LoanSerializer})
    @action(detail=True, methods=["post"])
    def disburse(self, request, pk=None):
        application = self.get_object()
        data = _input(DayInputSerializer, request)
        loan = _call(
            services.application_disburse,
            application=application,
            user=request.user,
            disbursed_on=data.get("day"),
        )
        return Response(LoanSerializer(loan).data, status=status.HTTP_201_CREATED)


class LoanViewSet(viewsets.ReadOnlyModelViewSet):
    """Disbursed loans in the caller's scope, with their schedule; repayments are recorded
    through ``POST /api/loans/{id}/repayments/``."""

    serializer_class = LoanSerializer
    permission_classes = [ScopedAccess]
    filterset_fields = ["status", "customer"]

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
            data = _input(RepaymentInputSerializer, request)
            repayment = _call(
                services.loan_record_repayment,
                loan=loan,
                user=request.user,
                amount=data["amount"],
                paid_on=data.get("paid_on"),
            )
            return Response(RepaymentSerializer(repayment).data, status=status.HTTP_201_CREATED)
        return Response(RepaymentSerializer(loan.repayments.all(), many=True).data)

    @extend_schema(request=WriteOffSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="write-off")
    def write_off(self, request, pk=None):
        loan = self.get_object()
        data = _input(WriteOffSerializer, request)
        loan = _call(services.loan_write_off, loan=loan, user=request.user, reason=data["reason"])
        return Response(LoanSerializer(loan).data)
