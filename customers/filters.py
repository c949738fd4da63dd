"""Filters of customer lists, shared by the web list, the Excel export and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from creditdesk.api.filters import InScopeFilters, StrictBooleanFilter
from creditdesk.models import Role, User
from creditdesk.validators import reasonable_date
from customers.forms import FilterForm
from customers.models import (
    Contact,
    ContactKind,
    Customer,
    CustomerStatus,
    CustomerType,
    PipelineStage,
    RatingGrade,
    Segment,
)


def _managers(request):
    if request is None:
        return User.objects.none()
    # Inactive managers too: their customers are still filed under them until reassigned.
    return User.objects.visible_to(request.user).filter(role=Role.MANAGER).select_related("branch")


class CustomerFilter(InScopeFilters, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_q")
    customer_type = django_filters.ChoiceFilter(
        label=_("客户类型"), choices=CustomerType.choices, empty_label=_("全部类型")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=CustomerStatus.choices, empty_label=_("全部状态")
    )
    stage = django_filters.ChoiceFilter(
        label=_("营销阶段"), choices=PipelineStage.choices, empty_label=_("全部阶段")
    )
    segment = django_filters.ChoiceFilter(
        label=_("客户分层"), choices=Segment.choices, empty_label=_("全部分层")
    )
    grade = django_filters.ChoiceFilter(
        label=_("信用等级"),
        choices=[*RatingGrade.choices, ("none", _("未评级"))],
        empty_label=_("全部等级"),
        method="filter_grade",
    )
    township = django_filters.CharFilter(label=_("乡镇"), lookup_expr="exact")
    village = django_filters.CharFilter(label=_("村（社区）"), lookup_expr="icontains")
    manager = django_filters.ModelChoiceFilter(
        label=_("客户经理"), queryset=_managers, empty_label=_("全部客户经理")
    )

    manager_for_managers = False  # the web list hides it from managers; the API keeps it

    class Meta:
        model = Customer
        fields = [
            "q",
            "customer_type",
            "status",
            "stage",
            "segment",
            "grade",
            "township",
            "village",
            "manager",
        ]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and user.role == Role.MANAGER and not self.manager_for_managers:
            # A manager's list holds only their own customers: no manager filter to offer.
            del self.filters["manager"]
        fields = self.form.fields
        fields["q"].widget.attrs["placeholder"] = _("姓名、证件号码或手机号")
        fields["village"].widget.attrs["placeholder"] = _("村名")
        fields["township"].widget.attrs["placeholder"] = _("乡镇")

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_grade(self, queryset, name, value):
        # Expects the queryset annotated by CustomerQuerySet.with_current_grade().
        if value == "none":
            return queryset.filter(current_grade__isnull=True)
        return queryset.filter(current_grade=value)


class CustomerApiFilter(CustomerFilter):
    """The API's customer filters: ``?manager=`` is there for every role, as the schema says —
    for a manager it narrows nothing further, and a value that is no manager in scope is a
    400, not a parameter quietly ignored."""

    manager_for_managers = True


class ContactFilter(InScopeFilters, django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ContactKind.choices)
    follow_up_due_by = django_filters.DateFilter(
        field_name="follow_up_on",
        lookup_expr="lte",
        label=_("跟进日期不晚于"),
        validators=[reasonable_date],
    )
    follow_up_done = StrictBooleanFilter()

    class Meta:
        model = Contact
        fields = ["customer", "kind", "follow_up_done", "follow_up_due_by"]
