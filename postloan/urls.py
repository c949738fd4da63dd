from django.urls import path

from postloan import views

app_name = "postloan"

urlpatterns = [
    path("loans/", views.loan_list, name="loan_list"),
    path("loans/<int:pk>/", views.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/repayments/", views.record_repayment, name="record_repayment"),
    path("applications/<int:pk>/disburse/", views.disburse, name="disburse"),
    path("loans/<int:pk>/inspections/", views.inspection_start, name="inspection_start"),
    path("inspections/", views.inspection_worklist, name="inspection_worklist"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/submit/", views.inspection_submit, name="inspection_submit"),
    path("inspections/<int:pk>/photos/", views.inspection_photo_add, name="inspection_photo_add"),
    path("inspection-photos/<int:pk>/", views.inspection_photo, name="inspection_photo"),
    path(
        "inspection-photos/<int:pk>/remove/",
        views.inspection_photo_remove,
        name="inspection_photo_remove",
    ),
    path("warnings/", views.warning_board, name="warning_board"),
    path(
        "loans/<int:pk>/classification/",
        views.classification_propose,
        name="classification_propose",
    ),
    path("loans/<int:pk>/restructure/", views.loan_restructure, name="loan_restructure"),
    path(
        "classification-proposals/",
        views.classification_proposals,
        name="classification_proposals",
    ),
    path(
        "classification-proposals/<int:pk>/decide/",
        views.classification_decide,
        name="classification_decide",
    ),
]
