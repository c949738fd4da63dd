"""Forms of rating and credit: input only; the rules live in ``credit_services``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from customers.models import Scorecard

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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", attrs={"class": "form-control"}, **kwargs)


class LineProposeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("授信额度（元）"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )
    valid_from = forms.DateField(label=_("生效日"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("到期日"),
        required=False,
        widget=DateInput(),
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
