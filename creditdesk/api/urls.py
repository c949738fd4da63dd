from django.urls import path
from rest_framework.routers import DefaultRouter

from creditdesk.api import views

# No ".json" twins of every route: one URL per endpoint (and no action answering 500 to
# the "format" argument its signature does not take).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("branches", views.BranchViewSet, basename="branch")
router.register("users", views.UserViewSet, basename="user")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("authority-limits", views.AuthorityLimitViewSet, basename="authority-limit")

urlpatterns = [path("me/", views.me, name="api-me"), *router.urls]
