from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from creditdesk.api.permissions import AdminWrites
from creditdesk.api.serializers import (
    AuthorityLimitSerializer,
    BranchSerializer,
    NotificationSerializer,
    UserSerializer,
)
from creditdesk.models import AuthorityLimit, Branch, Notification, User
from creditdesk.scoping import scope_q


class BranchViewSet(viewsets.ReadOnlyModelViewSet):
    """Branches in the caller's scope."""

    serializer_class = BranchSerializer
    filterset_fields = ["kind", "parent"]
    search_fields = ["name", "code"]

    def get_queryset(self):
        return Branch.objects.visible_to(self.request.user)


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Staff of the branches in the caller's scope."""

    serializer_class = UserSerializer
    filterset_fields = ["role", "branch", "grade"]
    search_fields = ["username", "name"]

    def get_queryset(self):
        user = self.request.user
        return (
            User.objects.filter(is_active=True)
            .filter(scope_q(user, branch="branch", manager=None))
            .select_related("branch")
        )


class AuthorityLimitViewSet(viewsets.ModelViewSet):
    """The authority table: readable by all staff, changed by administrators."""

    serializer_class = AuthorityLimitSerializer
    permission_classes = [AdminWrites]
    queryset = AuthorityLimit.objects.all()
    filterset_fields = ["role", "grade"]


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("open", bool, description="false: the ones done")]
    )
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own notices, newest first: open ones unless ``?open=false``."""

    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        mine = Notification.objects.visible_to(self.request.user)
        if self.request.query_params.get("open", "true").lower() in ("false", "0", "no"):
            return mine.filter(done_at__isnull=False)
        return mine.open()


@extend_schema(responses=UserSerializer)
@api_view(["GET"])
def me(request):
    """The signed-in user."""
    return Response(UserSerializer(request.user).data)
