"""Rating and credit (评级授信) pages, included under /customers/."""

from django.urls import path

from customers import credit_views as views

urlpatterns = [
    path("<int:pk>/credit/", views.customer_credit, name="credit"),
    path("<int:pk>/credit/rate/", views.rating_create, name="credit_rate"),
    path("<int:pk>/credit/lines/new/", views.line_propose, name="credit_line_propose"),
    path("credit/lines/", views.line_queue, name="credit_queue"),
    path("credit/lines/<int:pk>/", views.line_detail, name="credit_line"),
    path("credit/lines/<int:pk>/approve/", views.line_approve, name="credit_line_approve"),
    path("credit/lines/<int:pk>/revoke/", views.line_revoke, name="credit_line_revoke"),
    path("credit/lines/<int:pk>/review/", views.line_review, name="credit_line_review"),
    path("credit/lines/<int:pk>/card/", views.loan_card, name="credit_loan_card"),
    path("credit/batches/", views.batch_list, name="credit_batches"),
    path("credit/batches/new/", views.batch_new, name="credit_batch_new"),
    path("credit/batches/<int:pk>/", views.batch_detail, name="credit_batch"),
    path("credit/batches/<int:pk>/publish/", views.batch_publish, name="credit_batch_publish"),
    path(
        "credit/batches/<int:pk>/effective/", views.batch_effective, name="credit_batch_effective"
    ),
    path("credit/batches/<int:pk>/notice/", views.batch_notice, name="credit_batch_notice"),
    path("credit/batches/<int:pk>/cards/", views.batch_cards, name="credit_batch_cards"),
    path("credit/entries/<int:pk>/object/", views.entry_object, name="credit_entry_object"),
    path("credit/entries/<int:pk>/resolve/", views.entry_resolve, name="credit_entry_resolve"),
]
