from rest_framework import serializers

from creditdesk.models import AuthorityLimit, Branch, User


class BranchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Branch
        fields = ["id", "code", "name", "kind", "parent", "path"]


class UserSerializer(serializers.ModelSerializer):
    branch_name = serializers.CharField(source="branch.name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name", "role", "grade", "branch", "branch_name"]


class AuthorityLimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthorityLimit
        fields = ["id", "role", "grade", "max_loan_amount", "max_credit_line"]
