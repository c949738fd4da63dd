from django.urls import path
from rest_framework.routers import DefaultRouter

from creditdesk.api import views

router = DefaultRouter()
router.register("branches", views.BranchViewSet, basename="branch")
router.register("users", views.UserViewSet, basename="user")
router.register("authority-limits", views.AuthorityLimitViewSet, basename="authority-limit")

urlpatterns = [path("me/", views.me, name="api-me"), *router.urls]
