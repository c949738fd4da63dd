"""Forms of the guarantees floor: they shape input; the rules live in ``guarantees.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from customers.forms import BootstrapMixin, DateInput
from customers.models import Customer, CustomerType
from guarantees.models import (
    Collateral,
    CollateralKind,
    CollateralStatus,
    Custody,
    Guarantor,
    JointGroup,
    PartyType,
    Relationship,
    Willingness,
)

MONEY_FIELD = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class GuarantorForm(BootstrapMixin, forms.Form):
    """A guarantor for an application: one already registered, or a new party."""

    existing = forms.ModelChoiceField(
        label=_("选用已登记的保证人"),
        queryset=Guarantor.objects.none(),
        required=False,
        help_text=_("不选则按下列信息登记新保证人。"),
    )
    party_type = forms.ChoiceField(
        label=_("类型"), choices=PartyType.choices, initial=PartyType.PERSON, required=False
    )
    name = forms.CharField(label=_("姓名或名称"), max_length=100, required=False)
    id_number = forms.CharField(
        label=_("身份证号码或统一社会信用代码"), max_length=30, required=False
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    net_assets = forms.DecimalField(label=_("净资产（元）"), required=False, **MONEY_FIELD)
    annual_income = forms.DecimalField(label=_("年收入（元）"), required=False, **MONEY_FIELD)
    relationship = forms.ChoiceField(label=_("与借款人关系"), choices=Relationship.choices)
    willingness = forms.ChoiceField(label=_("担保意愿"), choices=Willingness.choices)
    willingness_notes = forms.CharField(
        label=_("意愿说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = forms.DecimalField(label=_("担保金额（元）"), **MONEY_FIELD)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = Guarantor.objects.visible_to(user)

    def arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data[name] for name in ("amount", "relationship", "willingness")} | {
            "willingness_notes": data.get("willingness_notes") or ""
        }
        if data.get("existing"):
            return arguments | {"guarantor": data["existing"]}
        party = {
            name: data.get(name)
            for name in ("party_type", "name", "id_number", "phone", "net_assets", "annual_income")
        }
        return arguments | {"party": {k: v for k, v in party.items() if v not in (None, "")}}


class PledgeForm(BootstrapMixin, forms.Form):
    """Collateral for an application: an item already on file, or a new one, and the amount."""

    existing = forms.ModelChoiceField(
        label=_("选用已登记的押品"),
        queryset=Collateral.objects.none(),
        required=False,
        help_text=_("不选则按下列信息登记新押品。"),
    )
    kind = forms.ModelChoiceField(
        label=_("押品种类"), queryset=CollateralKind.objects.filter(is_active=True), required=False
    )
    description = forms.CharField(label=_("押品描述"), max_length=200, required=False)
    location = forms.CharField(label=_("坐落或存放地点"), max_length=200, required=False)
    owner_name = forms.CharField(
        label=_("权利人"), max_length=100, required=False, help_text=_("不填即为借款人本人。")
    )
    owner_id_number = forms.CharField(label=_("权利人证件号码"), max_length=30, required=False)
    owner_consent_on = forms.DateField(
        label=_("第三人同意抵押日"), required=False, widget=DateInput()
    )
    appraised_value = forms.DecimalField(label=_("评估价值（元）"), required=False, **MONEY_FIELD)
    appraiser = forms.CharField(label=_("评估机构或评估人"), max_length=100, required=False)
    appraised_on = forms.DateField(label=_("评估日"), required=False, widget=DateInput())
    insurer = forms.CharField(label=_("保险公司"), max_length=100, required=False)
    insured_until = forms.DateField(label=_("保险到期日"), required=False, widget=DateInput())
    amount_secured = forms.DecimalField(label=_("担保债权金额（元）"), **MONEY_FIELD)

    NEW_FIELDS = (
        "kind",
        "description",
        "location",
        "owner_name",
        "owner_id_number",
        "owner_consent_on",
        "appraised_value",
        "appraiser",
        "appraised_on",
        "insurer",
        "insured_until",
    )

    def __init__(self, *args, user, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = (
            Collateral.objects.visible_to(user)
            .filter(status=CollateralStatus.ACTIVE)
            .select_related("kind")
        )
        self.customer = customer

    def collateral_values(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in self.NEW_FIELDS if data.get(name) not in (None, "")}


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class RegisterForm(BootstrapMixin, forms.Form):
    certificate_number = forms.CharField(label=_("他项权证号"), max_length=50)
    registry = forms.CharField(label=_("登记机关"), max_length=100)
    registered_on = forms.DateField(label=_("登记日"), widget=DateInput())


class CustodyForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(label=_("权证去向"), choices=Custody.choices)
    holder = forms.CharField(label=_("借用人"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class AssessForm(BootstrapMixin, forms.Form):
    net_assets = forms.DecimalField(label=_("净资产（元）"), **MONEY_FIELD)
    annual_income = forms.DecimalField(label=_("年收入（元）"), **MONEY_FIELD)
    assessed_on = forms.DateField(label=_("实力评估日"), widget=DateInput())
    notes = forms.CharField(
        label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _farm_households(user):
    return Customer.objects.visible_to(user).filter(customer_type=CustomerType.FARM_HOUSEHOLD)


class GroupForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("小组名称"), max_length=100)
    ceiling = forms.DecimalField(label=_("小组贷款总额上限（元）"), **MONEY_FIELD)
    members = forms.ModelMultipleChoiceField(
        label=_("成员（3 至 5 户农户）"), queryset=Customer.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _farm_households(user)


class JoinForm(BootstrapMixin, forms.Form):
    customer = forms.ModelChoiceField(label=_("农户"), queryset=Customer.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = _farm_households(user)


class GroupGuaranteeForm(BootstrapMixin, forms.Form):
    group = forms.ModelChoiceField(label=_("联保小组"), queryset=JointGroup.objects.none())
    willingness = forms.ChoiceField(
        label=_("担保意愿"), choices=Willingness.choices, initial=Willingness.AVERAGE
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = JointGroup.objects.visible_to(user).filter(status="active")
