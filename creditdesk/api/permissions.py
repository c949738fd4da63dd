from rest_framework.permissions import SAFE_METHODS, BasePermission

from creditdesk.scoping import can_write


class ScopedAccess(BasePermission):
    """Signed-in staff only; auditors may read but never write.

    Which rows a caller sees is decided by each view's ``visible_to`` queryset, not here:
    a row outside scope is not found (404).
    """

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        return request.method in SAFE_METHODS or can_write(user)


class AdminWrites(ScopedAccess):
    """Reference data that only administrators change (the authority table)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or request.user.role == "admin"
