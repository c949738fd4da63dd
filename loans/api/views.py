"""Loans API: reads and drafts as viewsets, every workflow step as its own POST endpoint.

Views call the services directly: a refusal (ValidationError, PermissionDenied, a missing or
malformed id) becomes its HTTP answer in ``creditdesk.api.exceptions``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from creditdesk.access import get_for_user
from creditdesk.api.parsers import JSONParser
from creditdesk.api.permissions import ScopedAccess
from creditdesk.files import serve_stored_file
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
    OpinionSerializer,
    StartInvestigationSerializer,
    VoteInputSerializer,
    VoteSerializer,
    WithdrawSerializer,
)
from loans.models import Document, Investigation, LoanApplication, LoanProduct
from loans.models.documents import EXTENSIONS


def validated(serializer_class, request, **context) -> dict:
    """The request's body through an input serializer (400 with field errors if invalid)."""
    serializer = serializer_class(data=request.data, context={"request": request, **context})
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

    def _respond(self, application):
        application = (
            self.get_queryset()
            .prefetch_related("transitions", "decisions", "votes")
            .get(pk=application.pk)
        )
        return Response(LoanApplicationSerializer(application).data)

    def _step(self, request, service, input_serializer=None, **names):
        """One workflow step: the application (404 outside scope), the body validated, the
        service called with the caller as ``user``; ``names`` maps the service's argument
        names to the input's fields."""
        application = self.get_object()
        data = validated(input_serializer, request) if input_serializer else {}
        arguments = {argument: data.get(field) for argument, field in names.items()}
        service(application=application, user=request.user, **arguments)
        return self._respond(application)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: LoanApplicationSerializer})
    def create(self, request, *args, **kwargs):
        data = validated(ApplicationCreateSerializer, request)
        application = services.application_create(created_by=request.user, **data)
        return Response(LoanApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationUpdateSerializer, responses=LoanApplicationSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Change the request while it is with the manager (draft, investigating, returned)."""
        application = self.get_object()
        serializer = ApplicationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.application_update(
            application=application, user=request.user, **serializer.validated_data
        )
        return self._respond(application)

    @extend_schema(request=StartInvestigationSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="start-investigation")
    def start_investigation(self, request, pk=None):
        application = self.get_object()
        data = validated(StartInvestigationSerializer, request, application=application)
        services.application_start_investigation(
            application=application,
            user=request.user,
            second_investigator=data["second_investigator"],
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
            investigation = services.investigation_update(
                application=application,
                user=request.user,
                data=data,
                other_borrowings=[dict(b) for b in borrowings] if borrowings is not None else None,
            )
        return Response(InvestigationSerializer(investigation).data)

    @extend_schema(request=None, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-investigation")
    def confirm_investigation(self, request, pk=None):
        return self._step(request, services.investigation_confirm)

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        application = self.get_object()
        data = validated(DocumentUploadSerializer, request)
        document = services.document_upload(
            application=application, user=request.user, kind=data["kind"], upload=data["file"]
        )
        return Response(
            DocumentSerializer(document, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(request, services.application_submit)

    @extend_schema(request=WithdrawSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(
            request, services.application_withdraw, WithdrawSerializer, reason="reason"
        )

    @extend_schema(request=ApproveSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        application = self.get_object()
        data = validated(ApproveSerializer, request)
        services.application_approve(application=application, approver=request.user, **data)
        return self._respond(application)

    def _review(self, request, service, opinion_argument: str):
        application = self.get_object()
        data = validated(OpinionSerializer, request)
        service(
            application=application, reviewer=request.user, **{opinion_argument: data["opinion"]}
        )
        return self._respond(application)

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._review(request, services.application_reject, "opinion")

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._review(request, services.application_return, "comments")

    @extend_schema(request=OpinionSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        return self._review(request, services.application_refer, "opinion")

    @extend_schema(request=VoteInputSerializer, responses={201: VoteSerializer})
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        application = self.get_object()
        data = validated(VoteInputSerializer, request)
        record = services.committee_vote(application=application, member=request.user, **data)
        return Response(VoteSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DayInputSerializer, responses=LoanApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="sign-contract")
    def sign_contract(self, request, pk=None):
        return self._step(
            request, services.application_sign_contract, DayInputSerializer, signed_on="day"
        )


class DocumentViewSet(viewsets.GenericViewSet):
    """A scanned document of the credit file, downloaded after the scope check: an attachment
    with the content type sniffed at upload (on S3: a redirect to a one-minute signed URL).
    Storage paths are never published."""

    permission_classes = [ScopedAccess]
    serializer_class = DocumentSerializer

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user)

    @extend_schema(
        responses={
            **{(200, content_type): OpenApiTypes.BINARY for content_type in EXTENSIONS},
            302: OpenApiResponse(description="S3 storage: a signed URL valid for 60 seconds"),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = get_for_user(Document.objects.all(), request.user, pk=pk)
        return serve_stored_file(
            document.file, content_type=document.content_type, filename=document.download_name
        )
