"""Serializers of the loans API: output shapes and input checks, no business rules."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from creditdesk.models import User
from creditdesk.validators import reasonable_date
from customers.models import Customer
from loans.models import (
    ApplicationTransition,
    ApprovalDecision,
    CommitteeVote,
    Document,
    DocumentKind,
    Investigation,
    LoanApplication,
    LoanProduct,
    OtherBorrowing,
    Vote,
)
from loans.queries import second_investigator_candidates
from loans.services import INVESTIGATION_FIELDS, REQUEST_FIELDS


class LoanProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanProduct
        fields = [
            "id",
            "code",
            "name",
            "customer_types",
            "min_amount",
            "max_amount",
            "max_term_months",
            "min_rate",
            "max_rate",
            "repayment_methods",
            "guarantee_kinds",
            "required_documents",
            "needs_rating",
            "needs_credit_line",
            "is_active",
        ]


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationTransition
        fields = ["from_status", "to_status", "at", "by", "comment"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApprovalDecision
        fields = [
            "kind",
            "decided_by",
            "opinion",
            "conditions",
            "amount",
            "term_months",
            "decided_at",
        ]


class VoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeVote
        fields = ["member", "vote", "opinion", "voted_at"]


class LoanApplicationSerializer(serializers.ModelSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    votes = VoteSerializer(many=True, read_only=True)

    class Meta:
        model = LoanApplication
        fields = [
            "id",
            "customer",
            "product",
            "amount",
            "term_months",
            "purpose",
            "repayment_method",
            "proposed_rate",
            "first_repayment_source",
            "second_repayment_source",
            "production_cycle_months",
            "status",
            "created_by",
            "created_at",
            "submitted_at",
            "reviewer_comments",
            "approved_amount",
            "approved_term_months",
            "approved_rate",
            "approval_conditions",
            "approved_by",
            "approved_at",
            "contract_number",
            "contract_signed_on",
            "transitions",
            "decisions",
            "votes",
        ]
        read_only_fields = [
            "status",
            "created_by",
            "created_at",
            "submitted_at",
            "reviewer_comments",
            "approved_amount",
            "approved_term_months",
            "approved_rate",
            "approval_conditions",
            "approved_by",
            "approved_at",
            "contract_number",
            "contract_signed_on",
        ]


class ApplicationListSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanApplication
        fields = [
            "id",
            "customer",
            "product",
            "amount",
            "term_months",
            "repayment_method",
            "status",
            "created_by",
            "submitted_at",
            "contract_number",
        ]


class ApplicationCreateSerializer(serializers.ModelSerializer):
    """A draft's input. Its customer is one in the caller's scope: another scope's id is
    answered like a nonexistent one (400, "object does not exist")."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request is not None else None
        fields["customer"].queryset = Customer.objects.visible_to(user)
        fields["product"].queryset = LoanProduct.objects.active()
        return fields

    class Meta:
        model = LoanApplication
        fields = [
            "customer",
            "product",
            "amount",
            "term_months",
            "purpose",
            "repayment_method",
            "proposed_rate",
            "first_repayment_source",
            "second_repayment_source",
            "production_cycle_months",
        ]


class ApplicationUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = LoanApplication
        fields = list(REQUEST_FIELDS)


class OtherBorrowingSerializer(serializers.ModelSerializer):
    class Meta:
        model = OtherBorrowing
        fields = ["lender", "amount", "rate"]


class InvestigationSerializer(serializers.ModelSerializer):
    other_borrowings = OtherBorrowingSerializer(many=True, required=False)
    working_capital_need = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Investigation
        fields = [
            "investigator",
            "second_investigator",
            "confirmed_at",
            *INVESTIGATION_FIELDS,
            "other_borrowings",
            "working_capital_need",
        ]
        read_only_fields = ["investigator", "second_investigator", "confirmed_at"]


class StartInvestigationSerializer(serializers.Serializer):
    """The second investigator, among those the service accepts for this application
    (``context["application"]``); anyone else is answered like a nonexistent id."""

    second_investigator = serializers.PrimaryKeyRelatedField(queryset=User.objects.none())

    def get_fields(self):
        fields = super().get_fields()
        application, request = self.context.get("application"), self.context.get("request")
        if application is not None and request is not None:  # (else: the schema, no choices)
            fields["second_investigator"].queryset = second_investigator_candidates(
                application
            ).exclude(pk=request.user.pk)
        return fields


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField()


class ApproveSerializer(serializers.Serializer):
    opinion = serializers.CharField()
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    # The column's bound: a longer term is no date at all (schemathesis: year 49742080, a 500).
    term_months = serializers.IntegerField(min_value=1, max_value=32767, required=False)
    rate = serializers.DecimalField(max_digits=7, decimal_places=4, required=False)


class VoteInputSerializer(serializers.Serializer):
    vote = serializers.ChoiceField(choices=Vote.choices)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class DayInputSerializer(serializers.Serializer):
    day = serializers.DateField(required=False, validators=[reasonable_date])


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text="GET it (signed in): the file as an attachment, after the scope check"
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "original_name",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, document) -> str:
        url = reverse("document-download", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField()
