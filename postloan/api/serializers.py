"""Serializers of the loan-account API: output shapes and input checks, no business rules."""

from __future__ import annotations

from rest_framework import serializers

from creditdesk.validators import reasonable_date
from postloan.models import Instalment, Loan, Repayment


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
    days_past_due = serializers.SerializerMethodField()

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
            "credit_line",
            "instalments",
        ]

    def get_days_past_due(self, loan: Loan) -> int:
        return loan.days_past_due()
