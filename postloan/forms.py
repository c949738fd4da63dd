"""Input forms of the loan pages; they only clean input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creditdesk.validators import reasonable_date
from loans.forms import BootstrapMixin, DateInput


class RepaymentForm(BootstrapMixin, forms.Form):
    amount = forms.DecimalField(label=_("还款金额（元）"), max_digits=14, decimal_places=2)
    paid_on = forms.DateField(
        label=_("还款日"),
        initial=timezone.localdate,
        widget=DateInput(),
        validators=[reasonable_date],
    )


class DisburseForm(BootstrapMixin, forms.Form):
    day = forms.DateField(
        label=_("放款日"),
        initial=timezone.localdate,
        required=False,
        widget=DateInput(),
        validators=[reasonable_date],
    )
