"""Forms of the customers floor: they shape input; the rules live in ``customers.services``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from creditdesk.models import Role, User
from creditdesk.validators import reasonable_date
from customers.models import (
    Contact,
    Customer,
    FinancialSnapshot,
    HouseholdMember,
    PipelineStage,
    Product,
    Scorecard,
)
from customers.services.contacts import CONTACT_FIELDS
from customers.services.household import SNAPSHOT_FIELDS


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates/_form_fields.html renders them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)

    def add_error(self, field, error):
        # Every error passes here: the field's own checks and the services' rules.
        super().add_error(field, error)
        for name in self.errors:
            attrs = self.fields[name].widget.attrs if name in self.fields else None
            if attrs is not None and "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = attrs.get("class", "") + " is-invalid"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _managers_of(user: User):
    """The active account managers in the user's scope, to hand a customer to."""
    return User.objects.visible_to(user).active_managers().select_related("branch")


def _manager_label(user: User) -> str:
    return str(_("%(name)s（%(branch)s）") % {"name": user.name, "branch": user.branch.name})


class CustomerForm(BootstrapMixin, forms.ModelForm):
    # Longer than the stored 18 characters: people paste numbers with spaces.
    id_number = forms.CharField(label=_("证件号码"), max_length=30)

    class Meta:
        model = Customer
        fields = [
            "name",
            "customer_type",
            "id_number",
            "phone",
            "township",
            "village",
            "address",
            "industry",
            "channel",
            "segment",
            "status",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "id_number": _(
                "个人客户填 18 位身份证号码，企业填统一社会信用代码；出生日期与年龄自动识别。"
            ),
        }

    manager = forms.ModelChoiceField(
        label=_("管户客户经理"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or user.role == Role.MANAGER or self.instance.pk:
            # A manager files their own customers; changing the owner is a reassignment.
            del self.fields["manager"]
        else:
            self.fields["manager"].required = True
            self.fields["manager"].queryset = _managers_of(user)
            self.fields["manager"].label_from_instance = _manager_label
        self.fields["id_number"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "maxlength": "22"}
        )
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "maxlength": "20"})

    def validate_unique(self):
        # The service checks the ID number bank-wide and says who to ask.
        pass

    def _post_clean(self):
        # Model validation runs in the service, with the ID number cleaned first.
        pass


class ReassignForm(BootstrapMixin, forms.Form):
    to_manager = forms.ModelChoiceField(label=_("移交给"), queryset=User.objects.none())
    reason = forms.CharField(label=_("移交原因"), max_length=200)

    def __init__(self, *args, head: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_manager"].queryset = _managers_of(head)
        self.fields["to_manager"].label_from_instance = _manager_label


class MemberForm(BootstrapMixin, forms.ModelForm):
    id_number = forms.CharField(label=_("身份证号码"), max_length=30, required=False)

    class Meta:
        model = HouseholdMember
        fields = ["name", "relation", "id_number", "phone", "occupation", "co_signs"]

    def validate_unique(self):
        pass

    def _post_clean(self):
        pass


class SnapshotForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FinancialSnapshot
        fields = list(SNAPSHOT_FIELDS)
        widgets = {"as_of": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def validate_unique(self):
        pass

    def _post_clean(self):
        pass


class ContactForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = list(CONTACT_FIELDS)
        widgets = {
            "occurred_on": DateInput(),
            "follow_up_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"follow_up_on": _("填写后，到期当天起显示在首页的待跟进中。")}

    def _post_clean(self):
        pass


class StageForm(BootstrapMixin, forms.Form):
    stage = forms.ChoiceField(label=_("营销阶段"), choices=PipelineStage.choices)
    lost_reason = forms.CharField(
        label=_("流失原因"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("流失原因（标记流失时必填）")}),
    )


class ProductsForm(forms.Form):
    products = forms.MultipleChoiceField(
        label=_("持有产品"),
        choices=Product.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


class FilterForm(BootstrapMixin, forms.Form):
    """The form behind customers.filters.CustomerFilter, styled for Bootstrap."""


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return f


# --- Rating and credit (评级授信) ---

SCORE_ATTRS = {"class": "form-control", "inputmode": "decimal", "step": "0.5"}


def _score_field(**kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs=SCORE_ATTRS),
        **kwargs,
    )


def _plain(number: Decimal) -> str:
    """30.00 → "30", 12.50 → "12.5"."""
    return f"{number:f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:f}"


class ScorecardForm(forms.Form):
    """One 0–100 score per factor of the customer type's scorecard."""

    def __init__(self, *args, scorecard: Scorecard, initial_scores: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors = list(scorecard.factors.all())
        initial_scores = initial_scores or {}
        for factor in self.factors:
            self.fields[f"factor_{factor.pk}"] = _score_field(
                label=_("%(name)s（权重 %(weight)s%%）")
                % {"name": factor.name, "weight": _plain(factor.weight)},
                help_text=factor.guidance,
                initial=initial_scores.get(factor.pk),
            )

    def scores(self) -> dict[int, Decimal]:
        return {f.pk: self.cleaned_data[f"factor_{f.pk}"] for f in self.factors}


class LineProposeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("授信额度（元）"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    valid_from = forms.DateField(
        label=_("生效日"),
        widget=DateInput(attrs={"class": "form-control"}),
        validators=[reasonable_date],
    )
    valid_until = forms.DateField(
        label=_("到期日"),
        required=False,
        widget=DateInput(attrs={"class": "form-control"}),
        validators=[reasonable_date],
        help_text=_("留空为两年（最长两年，每年年审）。"),
    )
    note = forms.CharField(
        label=_("说明"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("原因"),
        max_length=500,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class ReviewForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("年审结论"),
        choices=[("1", _("通过，继续有效")), ("0", _("不通过，撤销授信"))],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("年审意见"),
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class VillageChoiceForm(forms.Form):
    township = forms.CharField(label=_("乡镇"), max_length=50)
    village = forms.CharField(label=_("行政村"), max_length=50)


class BatchScoresForm(forms.Form):
    """The village grid: for every household, whether to rate it and its factor scores."""

    objection_days = forms.IntegerField(
        label=_("公示期（天）"),
        min_value=1,
        max_value=30,
        initial=7,
        widget=forms.NumberInput(attrs={"class": "form-control", "style": "max-width:8rem"}),
    )

    def __init__(self, *args, households, scorecard: Scorecard, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = list(households)
        self.factors = list(scorecard.factors.all())
        initial_scores = initial_scores or {}
        self.rows = []
        for customer in self.households:
            include = f"include_{customer.pk}"
            self.fields[include] = forms.BooleanField(
                label=customer.name, required=False, initial=True
            )
            names = []
            known = initial_scores.get(customer.pk, {})
            for factor in self.factors:
                name = f"s_{customer.pk}_{factor.pk}"
                self.fields[name] = _score_field(
                    label=f"{customer.name} · {factor.name}",
                    required=False,
                    initial=known.get(factor.pk),
                )
                names.append(name)
            self.rows.append((customer, include, names))

    def clean(self):
        data = super().clean()
        for customer, include, names in self.rows:
            if data.get(include) and any(data.get(n) is None for n in names):
                raise forms.ValidationError(
                    _("请为“%(name)s”的每一项打分，或取消勾选该户。") % {"name": customer.name}
                )
        return data

    def scores(self) -> dict[int, dict[int, Decimal]]:
        return {
            customer.pk: {f.pk: self.cleaned_data[f"s_{customer.pk}_{f.pk}"] for f in self.factors}
            for customer, include, _names in self.rows
            if self.cleaned_data.get(include)
        }


class ObjectionForm(forms.Form):
    objection = forms.CharField(
        label=_("异议内容"),
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结论"),
        choices=[("0", _("异议不成立，恢复授信")), ("1", _("异议成立，不予授信"))],
        coerce=lambda v: v == "1",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    resolution = forms.CharField(
        label=_("处理意见"),
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
