from django.urls import path

from postloan import views

app_name = "postloan"

urlpatterns = [
    path("loans/", views.loan_list, name="loan_list"),
    path("loans/<int:pk>/", views.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/repayments/", views.record_repayment, name="record_repayment"),
    path("applications/<int:pk>/disburse/", views.disburse, name="disburse"),
]
