from rest_framework.routers import DefaultRouter

from postloan.api import views

router = DefaultRouter()
router.register("loans", views.LoanViewSet, basename="loan")
router.register("applications", views.DisbursementViewSet, basename="application-disbursement")

urlpatterns = router.urls
