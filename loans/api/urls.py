from rest_framework.routers import DefaultRouter

from loans.api import views

router = DefaultRouter()
router.register("loan-products", views.LoanProductViewSet, basename="loan-product")
router.register("applications", views.LoanApplicationViewSet, basename="application")

urlpatterns = router.urls
