from django.urls import path

from loans import views

app_name = "loans"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_create, name="application_create"),
    path("new/customers/", views.customer_search, name="customer_search"),
    path("queue/", views.approval_queue, name="approval_queue"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("<int:pk>/investigation/start/", views.start_investigation, name="start_investigation"),
    path("<int:pk>/investigation/", views.investigation_edit, name="investigation_edit"),
    path(
        "<int:pk>/investigation/confirm/",
        views.investigation_confirm,
        name="investigation_confirm",
    ),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("<int:pk>/missing-documents/", views.missing_documents, name="missing_documents"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/sign-contract/", views.sign_contract, name="sign_contract"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
