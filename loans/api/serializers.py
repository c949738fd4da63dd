"""Serializers of the loans API: output shapes and input checks, no business rules."""

from __future__ import annotations

from rest_framework import serializers

from loans.models import (
    ApplicationTransition,
    ApprovalDecision,
    CommitteeVote,
    Document,
    DocumentKind,
    Instalment,
    Investigation,
    Loan,
    LoanApplication,
    LoanProduct,
    OtherBorrowing,
    Repayment,
    Vote,
)
from loans.services import INVESTIGATION_FIELDS


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
        fields = [
            "amount",
            "term_months",
            "purpose",
            "repayment_method",
            "proposed_rate",
            "first_repayment_source",
            "second_repayment_source",
            "production_cycle_months",
        ]


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
    second_investigator = serializers.IntegerField()


class OpinionSerializer(serializers.Serializer):
    opinion = serializers.CharField()


class ApproveSerializer(serializers.Serializer):
    opinion = serializers.CharField()
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    term_months = serializers.IntegerField(min_value=1, required=False)
    rate = serializers.DecimalField(max_digits=7, decimal_places=4, required=False)


class VoteInputSerializer(serializers.Serializer):
    vote = serializers.ChoiceField(choices=Vote.choices)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class DayInputSerializer(serializers.Serializer):
    day = serializers.DateField(required=False)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class WriteOffSerializer(serializers.Serializer):
    reason = serializers.CharField()


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "kind", "file", "content_type", "size", "uploaded_by", "uploaded_at"]


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField()


class InstalmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instalment
        fields = [
            "number",
            "due_date",
            "principal_due",
            "interest_due",
            "principal_paid",
            "interest_paid",
            "penalty_paid",
            "paid_on",
        ]


class RepaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Repayment
        fields = [
            "id",
            "paid_on",
            "amount",
            "to_penalty",
            "to_interest",
            "to_principal",
            "prepaid_principal",
            "recorded_by",
        ]


class RepaymentInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField(required=False)


class LoanSerializer(serializers.ModelSerializer):
    instalments = InstalmentSerializer(many=True, read_only=True)
    days_past_due = serializers.SerializerMethodField()

    class Meta:
        model = Loan
        fields = [
            "id",
            "application",
            "customer",
            "contract_number",
            "principal",
            "annual_rate",
            "term_months",
            "repayment_method",
            "disbursed_on",
            "maturity_date",
            "status",
            "outstanding_principal",
            "paid_through",
            "next_due_date",
            "overdue_since",
            "days_past_due",
            "credit_line",
            "instalments",
        ]

    def get_days_past_due(self, loan: Loan) -> int:
        return loan.days_past_due()
