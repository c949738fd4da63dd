from django.urls import path

from customers.views import contacts, credit, customers, excel, household, villages

app_name = "customers"

urlpatterns = [
    path("", customers.customer_list, name="list"),
    path("new/", customers.customer_create, name="create"),
    path("export.xlsx", customers.customer_export, name="export"),
    path("import/", excel.import_upload, name="import"),
    path("import/confirm/", excel.import_confirm, name="import_confirm"),
    path("import/template.xlsx", excel.import_template, name="import_template"),
    path("reassign/", customers.customer_reassign, name="reassign"),
    path("followups/", contacts.followups, name="followups"),
    path("pipeline/", customers.pipeline, name="pipeline"),
    path("villages/", villages.villages, name="villages"),
    path("<int:pk>/", customers.customer_detail, name="detail"),
    path("<int:pk>/edit/", customers.customer_edit, name="edit"),
    path("<int:pk>/stage/", customers.customer_stage, name="stage"),
    path("<int:pk>/products/", customers.customer_products, name="products"),
    path("<int:pk>/members/new/", household.member_add, name="member_add"),
    path("members/<int:pk>/delete/", household.member_delete, name="member_delete"),
    path("<int:pk>/financials/new/", household.snapshot_add, name="snapshot_add"),
    path("financials/<int:pk>/delete/", household.snapshot_delete, name="snapshot_delete"),
    path("<int:pk>/contacts/new/", contacts.contact_add, name="contact_add"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/done/", contacts.contact_done, name="contact_done"),
    # Rating and credit (评级授信)
    path("<int:pk>/credit/", credit.customer_credit, name="credit"),
    path("<int:pk>/credit/rate/", credit.rating_create, name="credit_rate"),
    path("<int:pk>/credit/lines/new/", credit.line_propose, name="credit_line_propose"),
    path("credit/lines/", credit.line_queue, name="credit_queue"),
    path("credit/lines/<int:pk>/", credit.line_detail, name="credit_line"),
    path("credit/lines/<int:pk>/approve/", credit.line_approve, name="credit_line_approve"),
    path("credit/lines/<int:pk>/revoke/", credit.line_revoke, name="credit_line_revoke"),
    path("credit/lines/<int:pk>/review/", credit.line_review, name="credit_line_review"),
    path("credit/lines/<int:pk>/card/", credit.loan_card, name="credit_loan_card"),
    path("credit/batches/", villages.batch_list, name="credit_batches"),
    path("credit/batches/new/", villages.batch_new, name="credit_batch_new"),
    path("credit/batches/<int:pk>/", villages.batch_detail, name="credit_batch"),
    path("credit/batches/<int:pk>/publish/", villages.batch_publish, name="credit_batch_publish"),
    path(
        "credit/batches/<int:pk>/effective/",
        villages.batch_effective,
        name="credit_batch_effective",
    ),
    path("credit/batches/<int:pk>/notice/", villages.batch_notice, name="credit_batch_notice"),
    path("credit/batches/<int:pk>/cards/", villages.batch_cards, name="credit_batch_cards"),
    path("credit/entries/<int:pk>/object/", villages.entry_object, name="credit_entry_object"),
    path("credit/entries/<int:pk>/resolve/", villages.entry_resolve, name="credit_entry_resolve"),
]
