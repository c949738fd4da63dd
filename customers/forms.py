"""Forms of the customer file: they shape input; the rules live in customers.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from creditdesk.models import Role, User
from customers.models import (
    Contact,
    Customer,
    FinancialSnapshot,
    HouseholdMember,
    PipelineStage,
    Product,
)
from customers.services import CONTACT_FIELDS, SNAPSHOT_FIELDS


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
            from creditdesk.scoping import scope_q

            self.fields["manager"].required = True
            self.fields["manager"].queryset = User.objects.filter(
                scope_q(user, branch="branch", manager=None), role=Role.MANAGER, is_active=True
            ).select_related("branch")
            self.fields["manager"].label_from_instance = lambda u: f"{u.name}（{u.branch.name}）"
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
        managers = User.objects.filter(role=Role.MANAGER, is_active=True).select_related("branch")
        if head.role == Role.BRANCH_HEAD:
            managers = managers.filter(branch__path__startswith=head.branch.path)
        self.fields["to_manager"].queryset = managers
        self.fields["to_manager"].label_from_instance = lambda u: f"{u.name}（{u.branch.name}）"


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
