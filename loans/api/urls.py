from rest_framework.routers import DefaultRouter

from loans.api import views

# No ".json" twins of every route: one URL per endpoint (and no action answering 500 to
# the "format" argument its signature does not take).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("loan-products", views.LoanProductViewSet, basename="loan-product")
router.register("applications", views.LoanApplicationViewSet, basename="application")
router.register("documents", views.DocumentViewSet, basename="document")

urlpatterns = router.urls
