"""Guarantees: guarantors, collateral and the coverage of an application (担保)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "guarantees"
    verbose_name = _("担保管理")
