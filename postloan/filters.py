"""The loan ledger's search and filters (贷款台账): what a manager or a branch head narrows
the loans in their scope by — a name, an ID or a contract number; status, overdue, product,
manager."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from creditdesk.api.filters import InScopeFilters
from creditdesk.models import Role, User
from customers.forms import FilterForm
from loans.models import LoanProduct
from postloan.models import Loan, LoanStatus

# Beyond ten days an arrear is a full alert (DOMAIN.md: "within 10 days with a clear plan is
# tolerable").
ALERT_DAYS = 10


class Overdue(django_filters.ChoiceFilter):
    """``yes`` overdue today, ``alert`` more than ten days, ``no`` not overdue: counted from
    the oldest unpaid due date, as ``Loan.days_past_due_on`` counts."""

    CHOICES = [
        ("yes", _("逾期")),
        ("alert", _("逾期超过 10 天")),
        ("no", _("未逾期")),
    ]

    def __init__(self, **kwargs):
        super().__init__(choices=self.CHOICES, method=self.narrow, **kwargs)

    @staticmethod
    def narrow(queryset, name, value):
        today = timezone.localdate()
        overdue = Q(status=LoanStatus.ACTIVE, next_due_date__lt=today)
        if value == "yes":
            return queryset.filter(overdue)
        if value == "alert":
            return queryset.filter(
                overdue, next_due_date__lt=today - datetime.timedelta(days=ALERT_DAYS)
            )
        if value == "no":
            return queryset.exclude(overdue)
        return queryset


OPTION = '<option value="{}">{}</option>'
OPTION_SELECTED = '<option value="{}" selected>{}</option>'


class QuickSelect(forms.Select):
    """A ``<select>`` written out at once rather than through one template per option: a
    branch head's or an auditor's manager filter offers hundreds of managers, and the
    templates took about two thirds of the auditor's ledger page (500 managers, profiled on the
    300,000-loan bank)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            "{}",
            (
                (format_html(OPTION_SELECTED if o["selected"] else OPTION, o["value"], o["label"]),)
                for _, group, _ in widget["optgroups"]
                for o in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def _managers(request):
    if request is None:
        return User.objects.none()
    # Inactive managers too: their loans stay under them until the customers are reassigned.
    return User.objects.visible_to(request.user).filter(role=Role.MANAGER).select_related("branch")


class LoanFilter(InScopeFilters, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_q", max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=LoanStatus.choices, empty_label=_("全部状态")
    )
    overdue = Overdue(label=_("逾期"), empty_label=_("全部"))
    product = django_filters.ModelChoiceFilter(
        label=_("贷款产品"),
        field_name="application__product",
        queryset=LoanProduct.objects.order_by("name"),
        empty_label=_("全部产品"),
    )
    manager = django_filters.ModelChoiceFilter(
        label=_("客户经理"),
        queryset=_managers,
        empty_label=_("全部客户经理"),
        widget=QuickSelect,
    )

    class Meta:
        model = Loan
        fields = ["q", "status", "overdue", "product", "manager"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and user.role == Role.MANAGER:
            # A manager's ledger holds only their own loans: no manager to choose.
            del self.filters["manager"]
        self.form.fields["q"].widget.attrs["placeholder"] = _("客户姓名、证件号码或合同编号")

    def filter_q(self, queryset, name, value):
        return queryset.search(value, user=getattr(self.request, "user", None))
