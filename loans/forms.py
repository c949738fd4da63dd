"""Input forms of the loan pages; they only clean input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creditdesk.models import User
from creditdesk.validators import reasonable_date
from customers.models import Customer
from loans.models import DocumentKind, Investigation, LoanApplication, LoanProduct, Vote
from loans.queries import second_investigator_candidates
from loans.services import INVESTIGATION_FIELDS


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    """The browser's date picker wants ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LoanApplication
        fields = [
            "customer",
            "product",
            "amount",
            "term_months",
            "repayment_method",
            "proposed_rate",
            "purpose",
            "first_repayment_source",
            "second_repayment_source",
            "production_cycle_months",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = Customer.objects.visible_to(user).order_by("name")
        self.fields["product"].queryset = LoanProduct.objects.active()


class StartInvestigationForm(BootstrapMixin, forms.Form):
    second_investigator = forms.ModelChoiceField(
        label=_("协助调查人"), queryset=User.objects.none()
    )

    def __init__(self, *args, application, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices the service accepts (loans.queries); the service checks again.
        self.fields["second_investigator"].queryset = second_investigator_candidates(
            application
        ).exclude(pk=user.pk)


class InvestigationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Investigation
        fields = list(INVESTIGATION_FIELDS)
        widgets = {
            "visit_date": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "character_evidence",
                    "product_evidence",
                    "collateral_evidence",
                    "observe_notes",
                    "hear_sources",
                    "ask_notes",
                )
            },
            "report": forms.Textarea(attrs={"rows": 6}),
        }


class BorrowingForm(BootstrapMixin, forms.Form):
    lender = forms.CharField(label=_("出借人"), max_length=100, required=False)
    amount = forms.DecimalField(
        label=_("金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    rate = forms.DecimalField(
        label=_("年利率（%）"), max_digits=7, decimal_places=4, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["placeholder"] = field.label


BorrowingFormSet = forms.formset_factory(BorrowingForm, extra=2)


class ApplicationEditForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LoanApplication
        fields = [
            "amount",
            "term_months",
            "repayment_method",
            "proposed_rate",
            "purpose",
            "first_repayment_source",
            "second_repayment_source",
            "production_cycle_months",
        ]


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("文件（PDF、JPEG、PNG，≤10 MB）"))


class ReviewForm(BootstrapMixin, forms.Form):
    ACTIONS = [
        ("approve", _("同意")),
        ("return", _("退回补充")),
        ("reject", _("否决")),
        ("refer", _("提交审贷会")),
    ]
    opinion = forms.CharField(label=_("审批意见"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions = forms.CharField(
        label=_("审批条件"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = forms.DecimalField(
        label=_("批准金额（元）"), max_digits=14, decimal_places=2, required=False
    )
    term_months = forms.IntegerField(label=_("批准期限（月）"), min_value=1, required=False)


class VoteForm(BootstrapMixin, forms.Form):
    vote = forms.ChoiceField(label=_("表决"), choices=Vote.choices)
    opinion = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DayForm(BootstrapMixin, forms.Form):
    day = forms.DateField(
        label=_("日期"),
        initial=timezone.localdate,
        required=False,
        widget=DateInput(),
        validators=[reasonable_date],
    )


class WithdrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("撤回原因"), required=False)
