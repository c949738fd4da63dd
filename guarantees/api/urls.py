from django.urls import path
from rest_framework.routers import DefaultRouter

from guarantees.api import views

router = DefaultRouter()
router.register("collateral-kinds", views.CollateralKindViewSet, basename="collateral-kind")
router.register("guarantee-policy", views.GuaranteePolicyViewSet, basename="guarantee-policy")
router.register("guarantors", views.GuarantorViewSet, basename="guarantor")
router.register("guarantees", views.GuaranteeViewSet, basename="guarantee")
router.register("collateral", views.CollateralViewSet, basename="collateral")
router.register("pledges", views.PledgeViewSet, basename="pledge")
router.register("joint-groups", views.JointGroupViewSet, basename="joint-group")

urlpatterns = [
    path(
        "guarantee-structures/<int:pk>/",
        views.StructureViewSet.as_view({"get": "retrieve"}),
        name="guarantee-structure",
    ),
    *router.urls,
]
