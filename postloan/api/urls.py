from rest_framework.routers import DefaultRouter

from postloan.api import views

# No ".json" twins of every route: one URL per endpoint (and no action answering 500 to
# the "format" argument its signature does not take).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("loans", views.LoanViewSet, basename="loan")
router.register("inspections", views.InspectionViewSet, basename="inspection")
router.register(
    "classification-proposals",
    views.ClassificationProposalViewSet,
    basename="classification-proposal",
)
router.register("applications", views.DisbursementViewSet, basename="application-disbursement")

urlpatterns = router.urls
