"""Filters on related records offer only the records the caller sees.

``?customer=<id>`` of another branch's customer must answer exactly like a customer that does
not exist (400, "not one of the available choices"): the filter's choices are the caller's
``visible_to`` queryset, never the whole table. Every API list gets this through
:class:`ScopedFilterBackend` (the default backend in settings), and hand-written filter sets
through :class:`InScopeFilters`.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, QuerySet
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters import rest_framework as filters


class InScopeFilters:
    """A FilterSet mixin: each model-choice filter's queryset narrowed to ``visible_to(user)``.

    A filter whose queryset is a callable (it receives the request) is taken as already
    scoped; a model without ``visible_to`` is reference data and stays as it is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for declared in self.filters.values():
            if not isinstance(declared, ModelChoiceFilter | ModelMultipleChoiceFilter):
                continue
            queryset = declared.queryset
            if isinstance(queryset, QuerySet) and hasattr(queryset, "visible_to"):
                declared.queryset = queryset.visible_to(user)


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or ``1``/``0``, ``yes``/``no``): anything else is a 400, not a
    filter quietly dropped; empty is no filter."""

    widget = forms.TextInput  # the raw value reaches to_python (Django's select maps it first)

    def to_python(self, value):
        if value in (None, "") or isinstance(value, bool):
            return value if isinstance(value, bool) else None
        spelled = str(value).strip().lower()
        if spelled in ("true", "1", "yes", "on"):
            return True
        if spelled in ("false", "0", "no", "off"):
            return False
        raise ValidationError(
            BooleanField.default_error_messages["invalid"], code="invalid", params={"value": value}
        )


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class ScopedFilterSet(InScopeFilters, filters.FilterSet):
    """The base of the filter sets DRF builds from a view's ``filterset_fields``."""

    FILTER_DEFAULTS = {
        **filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }


class ScopedFilterBackend(filters.DjangoFilterBackend):
    filterset_base = ScopedFilterSet
