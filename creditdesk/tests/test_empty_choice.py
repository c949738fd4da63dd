"""Every select offers 请选择 / "Choose…" as its empty choice, not "---------": one widget
template (templates/django/forms/widgets/select_option.html) for every form."""

from __future__ import annotations

from django import forms
from django.utils import translation

from creditdesk.models import Role, User


class PickForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.all(), required=False)
    role = forms.ChoiceField(choices=[("", "---------"), *Role.choices], required=False)


def test_the_empty_choice_reads_choose_in_both_languages(bank):
    html = str(PickForm())
    assert "---------" not in html
    assert html.count(">请选择</option>") == 2
    with translation.override("en"):
        html = str(PickForm())
    assert html.count(">Choose…</option>") == 2
