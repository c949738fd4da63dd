"""Serializers of the loan-account API: output shapes and input checks, no business rules."""

from __future__ import annotations

import datetime
from decimal import Decimal

from rest_framework import serializers

from creditdesk.validators import reasonable_date
from postloan.models import (
    ClassificationProposal,
    Condition,
    FundsUse,
    Inspection,
    InspectionMode,
    InspectionPhoto,
    Instalment,
    Loan,
    LoanClass,
    Repayment,
    Restructure,
    WarningSignal,
)


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
    paid_on = serializers.DateField(required=False, validators=[reasonable_date])


class WriteOffSerializer(serializers.Serializer):
    reason = serializers.CharField()


class LoanSerializer(serializers.ModelSerializer):
    instalments = InstalmentSerializer(many=True, read_only=True)
    # As of today, right even before the nightly job has run (issue 11, point 8).
    overdue_since = serializers.SerializerMethodField()
    days_past_due = serializers.SerializerMethodField()
    interest_arrears = serializers.SerializerMethodField()

    class Meta:
        model = Loan
        fields = [
            "id",
            "application",
            "customer",
            "branch",
            "manager",
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
            "interest_arrears",
            "is_large",
            "classification",
            "credit_line",
            "instalments",
        ]

    def get_overdue_since(self, loan: Loan) -> datetime.date | None:
        return loan.overdue_since_on()

    def get_days_past_due(self, loan: Loan) -> int:
        return loan.days_past_due_on()

    def get_interest_arrears(self, loan: Loan) -> Decimal:
        return loan.interest_arrears_on()


class InspectionPhotoSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = InspectionPhoto
        fields = ["id", "caption", "content_type", "size", "uploaded_at", "url"]


class InspectionSerializer(serializers.ModelSerializer):
    photos = InspectionPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "loan",
            "inspector",
            "status",
            "mode",
            "surprise",
            "due_on",
            "inspected_on",
            "funds_use",
            "funds_note",
            "business_condition",
            "guarantor_condition",
            "collateral_condition",
            "findings",
            "signals",
            "has_signals",
            "proposed_class",
            "proposal_reason",
            "follow_up",
            "follow_up_by",
            "started_at",
            "submitted_at",
            "photos",
        ]


class InspectionDraftSerializer(serializers.Serializer):
    """What the inspector fills in (every field optional: a draft is saved as it is filled)."""

    mode = serializers.ChoiceField(choices=InspectionMode.choices, required=False)
    surprise = serializers.BooleanField(required=False)
    inspected_on = serializers.DateField(required=False, validators=[reasonable_date])
    funds_use = serializers.ChoiceField(choices=FundsUse.choices, required=False, allow_blank=True)
    funds_note = serializers.CharField(required=False, allow_blank=True)
    business_condition = serializers.ChoiceField(
        choices=Condition.choices, required=False, allow_blank=True
    )
    guarantor_condition = serializers.ChoiceField(
        choices=Condition.choices, required=False, allow_blank=True
    )
    collateral_condition = serializers.ChoiceField(
        choices=Condition.choices, required=False, allow_blank=True
    )
    findings = serializers.CharField(required=False, allow_blank=True)
    signals = serializers.ListField(
        child=serializers.ChoiceField(choices=WarningSignal.choices), required=False
    )
    proposed_class = serializers.ChoiceField(
        choices=LoanClass.choices, required=False, allow_blank=True
    )
    proposal_reason = serializers.CharField(required=False, allow_blank=True)
    follow_up = serializers.CharField(required=False, allow_blank=True)
    follow_up_by = serializers.DateField(
        required=False, allow_null=True, validators=[reasonable_date]
    )


class InspectionCreateSerializer(InspectionDraftSerializer):
    """A new inspection of a loan in the caller's scope (another scope's id: "does not
    exist"), started as a draft with whatever is already filled in."""

    loan = serializers.PrimaryKeyRelatedField(queryset=Loan.objects.none())

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["loan"].queryset = Loan.objects.visible_to(request.user if request else None)
        return fields


class ClassificationProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassificationProposal
        fields = [
            "id",
            "loan",
            "from_class",
            "category",
            "reason",
            "status",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "opinion",
        ]


class ClassifyInputSerializer(serializers.Serializer):
    """A proposed category: a worse one applies at once, a better one waits for the head."""

    category = serializers.ChoiceField(choices=LoanClass.choices)
    reason = serializers.CharField(max_length=2000)


class DecideInputSerializer(serializers.Serializer):
    """The branch head's decision on a pending upgrade; rejecting needs an opinion."""

    approve = serializers.BooleanField()
    opinion = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RestructureInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[c for c in Restructure.choices if c[0] != Restructure.NONE]
    )
    observation_until = serializers.DateField(validators=[reasonable_date])
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
