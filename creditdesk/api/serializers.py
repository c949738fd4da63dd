from rest_framework import serializers

from creditdesk.models import AuthorityLimit, Branch, Notification, User
from creditdesk.notifications import kind_label


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


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "label", "url", "created_at", "done_at"]

    def get_kind_label(self, notice: Notification) -> str:
        return kind_label(notice.kind)
