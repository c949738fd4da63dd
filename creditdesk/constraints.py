"""A model constraint's refusal in words a person reads, beside the field it is about.

Django reports a violated ``CheckConstraint`` (or a conditional ``UniqueConstraint``) as
``Constraint “application_amount_positive” is violated.`` under no field. The write path
(``creditdesk.history.audited_save``) passes every validation error through
:func:`readable`, which rewrites each such message from the constraint itself — its condition
says which field and what rule — so web forms show it beside the field and the API answers
``{"amount": ["“申请金额（元）”须大于 0。"]}``. A constraint given its own
``violation_error_message`` keeps it. A CHECK constraint that only the database enforced (an
``IntegrityError``) reads the same way through :func:`check_violation`, used by the web's and
the API's error paths.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

#: lookup → (message for figures, message for dates)
RULES = {
    "gt": (
        gettext_noop("%(field)s须大于 %(other)s。"),
        gettext_noop("%(field)s须晚于 %(other)s。"),
    ),
    "gte": (
        gettext_noop("%(field)s不能小于 %(other)s。"),
        gettext_noop("%(field)s不能早于 %(other)s。"),
    ),
    "lt": (
        gettext_noop("%(field)s须小于 %(other)s。"),
        gettext_noop("%(field)s须早于 %(other)s。"),
    ),
    "lte": (
        gettext_noop("%(field)s不能大于 %(other)s。"),
        gettext_noop("%(field)s不能晚于 %(other)s。"),
    ),
}


def _label(model, name: str) -> str:
    try:
        return f"“{model._meta.get_field(name).verbose_name}”"
    except FieldDoesNotExist:
        return f"“{name}”"


def _leaves(condition: Q):
    """(lookup, value, negated) of each leaf of an AND-ed condition; None if it is not one."""
    if condition.connector != Q.AND:
        return None
    leaves = []
    for child in condition.children:
        if isinstance(child, Q):
            if len(child.children) == 1 and not isinstance(child.children[0], Q):
                lookup, value = child.children[0]
                leaves.append((lookup, value, child.negated != condition.negated))
                continue
            nested = _leaves(child) if not child.negated else None
            if nested is None:
                return None
            leaves.extend(nested)
        else:
            leaves.append((child[0], child[1], condition.negated))
    return leaves


def _holds(instance, lookup: str, value, negated: bool) -> bool | None:
    """Whether one leaf holds for the instance; None where it cannot be told in Python."""
    name, _sep, op = lookup.partition("__")
    op = op or "exact"
    if "__" in op:
        return None
    try:
        left = getattr(instance, name)
        right = getattr(instance, value.name) if isinstance(value, F) else value
        if op == "isnull":
            result = (left is None) == bool(right)
        elif left is None or (right is None and op != "exact"):
            return None
        elif op == "exact":
            result = left == right
        elif op == "in":
            result = left in right
        elif op in RULES:
            result = {
                "gt": left > right,
                "gte": left >= right,
                "lt": left < right,
                "lte": left <= right,
            }[op]
        else:
            return None
    except (AttributeError, TypeError, ValueError):
        return None
    return result != negated


def _sentence(model, lookup: str, value, negated: bool) -> str:
    name, _sep, op = lookup.partition("__")
    op = op or "exact"
    field = _label(model, name)
    other = _label(model, value.name) if isinstance(value, F) else _plain(value)
    try:
        is_date = isinstance(model._meta.get_field(name), models.DateField)
    except FieldDoesNotExist:
        is_date = False
    if negated and op == "exact":
        return _("%(field)s不能与%(other)s相同。") % {"field": field, "other": other}
    if not negated and op in RULES:
        figure, date = RULES[op]
        return _(date if is_date else figure) % {"field": field, "other": other}
    if op == "isnull" and not negated:
        return (_("%(field)s须为空。") if value else _("请填写%(field)s。")) % {"field": field}
    return _("%(field)s的取值不符合规则。") % {"field": field}


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def explain(instance, constraint) -> dict[str, list[str]]:
    """The readable errors, by field, of one violated constraint of ``instance``."""
    model = type(instance)
    if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
        labels = "、".join(_label(model, name) for name in constraint.fields)
        return {constraint.fields[0]: [_("已存在%(fields)s相同的有效记录。") % {"fields": labels}]}
    condition = getattr(constraint, "condition", None)
    leaves = _leaves(condition) if isinstance(condition, Q) else None
    if not leaves:
        return {NON_FIELD_ERRORS: [_("填写的内容不符合规则，请检查后重试。")]}
    failing = [leaf for leaf in leaves if _holds(instance, *leaf) is not True] or leaves
    errors: dict[str, list[str]] = {}
    for lookup, value, negated in failing:
        name = lookup.split("__")[0]
        errors.setdefault(name, []).append(_sentence(model, lookup, value, negated))
    return errors


def readable(instance, exc: ValidationError) -> ValidationError:
    """``exc`` (from ``instance.full_clean()``) with each default constraint message
    replaced by :func:`explain`'s field messages; other errors unchanged."""
    if not hasattr(exc, "error_dict") or NON_FIELD_ERRORS not in exc.error_dict:
        return exc
    defaults = {
        constraint.get_violation_error_message(): constraint
        for constraint in type(instance)._meta.constraints
        if constraint.violation_error_message == constraint.default_violation_error_message
    }
    errors: dict[str, list] = {
        field: list(items) for field, items in exc.error_dict.items() if field != NON_FIELD_ERRORS
    }
    for error in exc.error_dict[NON_FIELD_ERRORS]:
        message = error.message % error.params if error.params else error.message
        constraint = defaults.get(str(message))
        if constraint is None:
            errors.setdefault(NON_FIELD_ERRORS, []).append(error)
            continue
        for field, messages in explain(instance, constraint).items():
            errors.setdefault(field, []).extend(
                ValidationError(m, code="constraint") for m in messages
            )
    return ValidationError(errors)


@cache
def _by_name() -> dict[str, tuple[type[models.Model], models.BaseConstraint]]:
    return {
        constraint.name: (model, constraint)
        for model in apps.get_models()
        for constraint in model._meta.constraints
    }


def _constraint_name(exc: IntegrityError) -> str | None:
    """The name of the constraint the database refused by: PostgreSQL says it in the error's
    diagnostics, SQLite in the message ("CHECK constraint failed: loan_principal_positive")."""
    diag = getattr(exc.__cause__, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = re.search(r"CHECK constraint failed: (\w+)", str(exc))
    return match.group(1) if match else None


def check_violation(exc: IntegrityError) -> ValidationError | None:
    """A CHECK constraint the database refused (a write the model did not validate first) as
    field messages; None for anything else — a unique constraint lost to a concurrent request
    stays a conflict."""
    found = _by_name().get(_constraint_name(exc) or "")
    if found is None or not isinstance(found[1], models.CheckConstraint):
        return None
    model, constraint = found
    if constraint.violation_error_message != constraint.default_violation_error_message:
        return ValidationError(constraint.get_violation_error_message())
    leaves = _leaves(constraint.condition) if isinstance(constraint.condition, Q) else None
    if not leaves:
        return ValidationError(_("填写的内容不符合规则，请检查后重试。"))
    errors: dict[str, list[str]] = {}
    for lookup, value, negated in leaves:
        errors.setdefault(lookup.split("__")[0], []).append(
            _sentence(model, lookup, value, negated)
        )
    return ValidationError(errors)
