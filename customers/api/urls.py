from django.urls import path
from rest_framework.routers import DefaultRouter

from customers.api import views

# No ".json" twins of every route: one URL per endpoint (and no action answering 500 to
# the "format" argument its signature does not take).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("customers", views.CustomerViewSet, basename="customer")
router.register("household-members", views.HouseholdMemberViewSet, basename="household-member")
router.register(
    "financial-snapshots", views.FinancialSnapshotViewSet, basename="financial-snapshot"
)
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("product-holdings", views.ProductHoldingViewSet, basename="product-holding")
router.register("scorecards", views.ScorecardViewSet, basename="scorecard")
router.register("credit-ratings", views.CreditRatingViewSet, basename="credit-rating")
router.register("credit-lines", views.CreditLineViewSet, basename="credit-line")
router.register("village-batches", views.VillageBatchViewSet, basename="village-batch")
router.register("batch-entries", views.BatchEntryViewSet, basename="batch-entry")

urlpatterns = [
    path("credit-villages/", views.credit_villages, name="api-credit-villages"),
    *router.urls,
]
