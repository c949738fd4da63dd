"""A violated model constraint reads as a sentence beside its field, in web forms and the API
(``creditdesk.constraints`` on the write path) — never ``约束 "…" 是无效的``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from creditdesk import web
from creditdesk.api.exceptions import exception_handler, validation_detail
from creditdesk.constraints import check_violation
from creditdesk.history import audited_save
from creditdesk.models import AuthorityLimit, Role
from creditdesk.reasons import AdminReason


def _refusal(limit: AuthorityLimit, by) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        audited_save(limit, by=by, reason=AdminReason.CHANGE)
    return refused.value


def test_a_check_constraint_names_the_failing_field_and_the_rule(admin_user):
    limit = AuthorityLimit(
        role=Role.MANAGER, grade=7, max_loan_amount=Decimal("-1"), max_credit_line=Decimal("5")
    )
    errors = _refusal(limit, admin_user).message_dict
    assert errors == {"max_loan_amount": ["“单笔贷款审批上限（元）”不能小于 0。"]}


def test_a_conditional_unique_constraint_reads_as_a_duplicate(admin_user):
    AuthorityLimit.objects.create(role=Role.MANAGER, grade=8)
    errors = _refusal(AuthorityLimit(role=Role.MANAGER, grade=8), admin_user).message_dict
    assert errors == {"role": ["已存在“角色”、“等级”相同的有效记录。"]}


def test_the_message_is_in_the_readers_language(admin_user):
    limit = AuthorityLimit(role=Role.MANAGER, grade=7, max_loan_amount=Decimal("-1"))
    with translation.override("en"):
        errors = _refusal(limit, admin_user).message_dict
    assert "Constraint" not in str(errors) and "max_loan_amount" in errors
    assert "0" in errors["max_loan_amount"][0]


def test_web_forms_and_the_api_show_it_beside_the_field(admin_user):
    limit = AuthorityLimit(role=Role.MANAGER, grade=7, max_loan_amount=Decimal("-1"))
    refusal = _refusal(limit, admin_user)
    assert validation_detail(refusal) == {
        "max_loan_amount": ["“单笔贷款审批上限（元）”不能小于 0。"]
    }

    class LimitForm(forms.Form):
        max_loan_amount = forms.DecimalField()

    form = LimitForm({"max_loan_amount": "-1"})
    assert form.is_valid()
    web.add_service_errors(form, refusal)
    assert form.errors == {"max_loan_amount": ["“单笔贷款审批上限（元）”不能小于 0。"]}


def _database_refusal() -> IntegrityError:
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        AuthorityLimit.objects.create(role=Role.MANAGER, grade=6, max_loan_amount=Decimal("-1"))
    return refused.value


def test_a_check_the_database_enforced_reads_the_same_way(bank):
    refused = check_violation(_database_refusal())
    assert refused.message_dict == {
        "max_loan_amount": ["“单笔贷款审批上限（元）”不能小于 0。"],
        "max_credit_line": ["“授信额度审批上限（元）”不能小于 0。"],
    }


def test_the_api_answers_400_beside_the_fields_not_a_conflict(bank):
    response = exception_handler(_database_refusal(), {})
    assert response.status_code == 400
    assert set(response.data) == {"max_loan_amount", "max_credit_line"}


def test_a_lost_race_on_a_unique_constraint_stays_a_conflict(bank):
    AuthorityLimit.objects.create(role=Role.MANAGER, grade=5)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        AuthorityLimit.objects.create(role=Role.MANAGER, grade=5)
    assert check_violation(refused.value) is None
    assert exception_handler(refused.value, {}).status_code == 409
