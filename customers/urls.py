from django.urls import include, path

from customers import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_create, name="create"),
    path("export.xlsx", views.customer_export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("reassign/", views.customer_reassign, name="reassign"),
    path("followups/", views.followups, name="followups"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("villages/", views.villages, name="villages"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
    path("<int:pk>/stage/", views.customer_stage, name="stage"),
    path("<int:pk>/products/", views.customer_products, name="products"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("members/<int:pk>/delete/", views.member_delete, name="member_delete"),
    path("<int:pk>/financials/new/", views.snapshot_add, name="snapshot_add"),
    path("financials/<int:pk>/delete/", views.snapshot_delete, name="snapshot_delete"),
    path("<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/done/", views.contact_done, name="contact_done"),
    path("", include("customers.credit_urls")),
]
