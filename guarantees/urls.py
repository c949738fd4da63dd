from django.urls import path

from guarantees.views import groups, records, structure

app_name = "guarantees"

urlpatterns = [
    path("applications/<int:pk>/", structure.application_structure, name="application"),
    path("applications/<int:pk>/guarantors/new/", structure.guarantor_add, name="guarantor_add"),
    path("applications/<int:pk>/collateral/new/", structure.pledge_add, name="pledge_add"),
    path("applications/<int:pk>/group/", structure.group_guarantee, name="group_guarantee"),
    path("guarantees/<int:pk>/withdraw/", structure.guarantee_withdraw, name="guarantee_withdraw"),
    path("guarantees/<int:pk>/end/", structure.guarantee_end, name="guarantee_end"),
    path("pledges/<int:pk>/withdraw/", structure.pledge_withdraw, name="pledge_withdraw"),
    path("pledges/<int:pk>/waive/", structure.pledge_waive, name="pledge_waive"),
    path("guarantors/", records.guarantor_list, name="guarantors"),
    path("guarantors/<int:pk>/", records.guarantor_detail, name="guarantor"),
    path("guarantors/<int:pk>/assess/", records.guarantor_assess, name="guarantor_assess"),
    path("collateral/", records.collateral_list, name="collateral_list"),
    path("collateral/<int:pk>/", records.collateral_detail, name="collateral"),
    path("collateral/<int:pk>/register/", records.collateral_register, name="collateral_register"),
    path("collateral/<int:pk>/custody/", records.custody_move, name="custody_move"),
    path("collateral/<int:pk>/release/", records.collateral_release, name="collateral_release"),
    path("circles/", records.circles, name="circles"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/new/", groups.group_new, name="group_new"),
    path("groups/<int:pk>/", groups.group_detail, name="group"),
    path("groups/<int:pk>/join/", groups.group_join, name="group_join"),
    path("members/<int:pk>/leave/", groups.group_leave, name="group_leave"),
]
