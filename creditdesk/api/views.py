from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from creditdesk.api.permissions import AdminWrites
from creditdesk.api.serializers import AuthorityLimitSerializer, BranchSerializer, UserSerializer
from creditdesk.models import AuthorityLimit, Branch, User
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


@extend_schema(responses=UserSerializer)
@api_view(["GET"])
def me(request):
    """The signed-in user."""
    return Response(UserSerializer(request.user).data)
