"""Loans: products, applications, investigation, approval, disbursement, repayment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoansConfig(AppConfig):
    name = "loans"
    verbose_name = _("贷款管理")
