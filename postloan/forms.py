"""Input forms of the loan pages; they only clean input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creditdesk.validators import reasonable_date
from loans.forms import BootstrapMixin, DateInput
from postloan.models import Inspection, InspectionMode, LoanClass, Restructure, WarningSignal


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


class InspectionForm(BootstrapMixin, forms.ModelForm):
    """What the inspector fills in the field; every field may stay empty in a draft (the
    service says what a submitted inspection must hold)."""

    signals = forms.MultipleChoiceField(
        label=_("预警信号"),
        choices=WarningSignal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Inspection
        fields = [
            "mode",
            "surprise",
            "inspected_on",
            "funds_use",
            "funds_note",
            "business_condition",
            "guarantor_condition",
            "collateral_condition",
            "findings",
            "signals",
            "proposed_class",
            "proposal_reason",
            "follow_up",
            "follow_up_by",
        ]
        widgets = {
            "mode": forms.RadioSelect,
            "funds_use": forms.RadioSelect,
            "business_condition": forms.RadioSelect,
            "guarantor_condition": forms.RadioSelect,
            "collateral_condition": forms.RadioSelect,
            "inspected_on": DateInput(),
            "follow_up_by": DateInput(),
            "funds_note": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "proposal_reason": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            if isinstance(field.widget, forms.RadioSelect):
                # The blank choice of an optional field is no answer to offer.
                field.choices = [(k, v) for k, v in field.choices if k != ""]
            css = field.widget.attrs.get("class", "")
            if css in ("form-control", "form-select"):
                field.widget.attrs["class"] = f"{css} {css}-lg"
        self.fields["mode"].required = True  # (a radio with a default: always sent)
        self.fields["proposed_class"] = forms.ChoiceField(
            label=_("建议风险分类"),
            choices=[("", _("不调整")), *LoanClass.choices],
            required=False,
        )
        self.fields["proposed_class"].widget.attrs["class"] = "form-select form-select-lg"
        self.order_fields(self.Meta.fields)

    def values(self) -> dict:
        """The cleaned values as the service takes them (the page always sends the whole
        form, the autosave too)."""
        return dict(self.cleaned_data)


class StartInspectionForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(
        label=_("检查方式"), choices=InspectionMode.choices, initial=InspectionMode.ON_SITE
    )
    surprise = forms.BooleanField(label=_("突击检查"), required=False)


class PhotoForm(BootstrapMixin, forms.Form):
    photo = forms.FileField(
        label=_("照片（JPEG、PNG，≤10 MB）"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*", "capture": "environment", "data-autosubmit": ""}
        ),
    )
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)


class ClassifyForm(BootstrapMixin, forms.Form):
    """A manager's (or head's) proposal of a loan's category (五级分类调整)."""

    category = forms.ChoiceField(label=_("拟调整为"), choices=LoanClass.choices)
    reason = forms.CharField(
        label=_("调整理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(BootstrapMixin, forms.Form):
    """The branch head's decision on an upgrade: the button pressed, and an opinion."""

    decision = forms.ChoiceField(
        choices=[("approve", _("同意上调")), ("reject", _("驳回"))], widget=forms.HiddenInput
    )
    opinion = forms.CharField(
        label=_("审批意见"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RestructureForm(BootstrapMixin, forms.Form):
    """The head's mark of a restructured (重组) or refinanced (借新还旧) loan."""

    kind = forms.ChoiceField(
        label=_("标记为"), choices=[c for c in Restructure.choices if c[0] != Restructure.NONE]
    )
    observation_until = forms.DateField(
        label=_("观察期截至"), widget=DateInput(), validators=[reasonable_date]
    )
    note = forms.CharField(label=_("说明"), max_length=2000, required=False)
