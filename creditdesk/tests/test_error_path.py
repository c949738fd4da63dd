"""One error path: every refusal maps to the answer a client can act on, never a 500."""

import pytest
from django import forms
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework.test import APIRequestFactory

from creditdesk.access import get_for_user
from creditdesk.api.exceptions import exception_handler
from creditdesk.models import Branch
from creditdesk.web import NOT_DONE, submit


def _answer(exc):
    request = APIRequestFactory().get("/api/x/")
    return exception_handler(exc, {"request": request, "view": None})


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (ValidationError("金额超限"), 400, {"non_field_errors": ["金额超限"]}),
        (ValidationError({"amount": ["金额超限"]}), 400, {"amount": ["金额超限"]}),
        (ValidationError({"__all__": ["不可"]}), 400, {"non_field_errors": ["不可"]}),
        (PermissionDenied(), 403, None),
        (Http404(), 404, None),
        (ObjectDoesNotExist(), 404, None),
        (IntegrityError("duplicate key"), 409, None),
    ],
)
def test_api_maps_each_refusal_to_its_status(exc, status, body):
    response = _answer(exc)
    assert response.status_code == status
    if body is not None:
        assert response.data == body


@pytest.mark.parametrize("bad_id", ["abc", "1.5", 10**20, None, "", "../1"])
def test_a_malformed_id_is_a_404_like_a_missing_one(bank, auditor, bad_id):
    with pytest.raises(Http404):
        get_for_user(Branch.objects.all(), auditor, pk=bad_id)


def test_another_scopes_record_is_a_404(bank, other_head):
    with pytest.raises(Http404):
        get_for_user(Branch.objects.all(), other_head, pk=bank["B01"].pk)


class _AmountForm(forms.Form):
    amount = forms.DecimalField()
    note = forms.CharField()


def _refuse(**kwargs):
    raise ValidationError({"amount": ["超过授权"], "other": ["整体不可"]})


def test_a_refused_service_call_puts_errors_beside_the_fields_and_keeps_the_input():
    form = _AmountForm(data={"amount": "123.45", "note": "客户急用"})
    assert form.is_valid()
    assert submit(form, _refuse, amount=form.cleaned_data["amount"]) is NOT_DONE
    assert form.errors["amount"] == ["超过授权"]
    assert form.non_field_errors() == ["整体不可"]
    # What the user typed is still in the bound form to re-render.
    assert form["note"].value() == "客户急用"
    assert form["amount"].value() == "123.45"


def test_an_accepted_service_call_returns_its_result():
    form = _AmountForm(data={"amount": "1", "note": "x"})
    assert submit(form, lambda **kw: kw["value"] * 2, value=21) == 42
    assert form.errors == {}
