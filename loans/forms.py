"""Input forms of the loan pages; they only clean input, the services decide."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creditdesk.models import User
from creditdesk.validators import reasonable_date
from customers.models import Customer
from loans import prefill
from loans.models import DocumentKind, Investigation, LoanApplication, Vote
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


#: A select whose choice changes what the form proposes: htmx asks the page again with what
#: was typed and swaps the form in place (no page load, nothing typed lost).
RELOAD_ON_CHANGE = {
    "hx-get": reverse_lazy("loans:application_create"),
    "hx-trigger": "change",
    "hx-include": "#application-form",
    "hx-select": "#application-form",
    "hx-target": "#application-form",
    "hx-swap": "outerHTML",
}


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

    # Chosen here, the investigation starts with the application (one step less).
    second_investigator = forms.ModelChoiceField(
        label=_("协助调查人"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("选定后保存即开始贷前调查。"),
    )

    field_order = ["customer", "product", "amount", "term_months", "second_investigator"]

    def __init__(self, *args, user, hints: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        customers = Customer.objects.visible_to(user)
        # The customer comes from the type-ahead search (loans:customer_search), not from a
        # list of every customer in scope (900 for one manager).
        self.fields["customer"].queryset = customers
        self.fields["customer"].widget = forms.HiddenInput()
        self.customer = self._chosen(customers, "customer")
        self.fields["product"].queryset = prefill.products_for(self.customer)
        self.fields["product"].widget.attrs.update(RELOAD_ON_CHANGE)
        if self.customer is not None:
            self.fields["second_investigator"].queryset = second_investigator_candidates(
                LoanApplication(customer=self.customer)
            ).exclude(pk=user.pk)
        else:
            del self.fields["second_investigator"]
        for name, hint in (hints or {}).items():
            self.fields[name].help_text = hint

    def _chosen(self, queryset, name):
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        if not str(value or "").isdigit():
            return None
        return queryset.select_related("branch").filter(pk=value).first()


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DocumentsForm(BootstrapMixin, forms.Form):
    """Several scans at once, each with its kind (proposed from the checklist's next missing
    items), and the documents the bank already holds ticked to be filed again."""

    files = MultipleFileField(label=_("文件（PDF、JPEG、PNG，≤10 MB，可多选）"), required=False)
    kinds = forms.MultipleChoiceField(choices=DocumentKind.choices, required=False)
    # Choices from the held documents themselves: an id that is not one of them is refused
    # here without a query (10**20 included).
    held = forms.MultipleChoiceField(
        label=_("沿用本行已有材料"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, held=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.held_documents = {str(d.pk): d for d in held}
        self.fields["held"].choices = [
            (pk, f"{d.get_kind_display()} · {d.download_name} · {d.uploaded_at:%Y-%m-%d}")
            for pk, d in self.held_documents.items()
        ]
        if not self.is_bound:
            self.initial["held"] = list(self.held_documents)

    def clean_held(self) -> list:
        return [self.held_documents[pk] for pk in self.cleaned_data["held"]]

    def clean(self):
        data = super().clean()
        if not data.get("files") and not data.get("held"):
            raise forms.ValidationError(_("请选择要上传的文件或沿用的材料。"))
        return data


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
