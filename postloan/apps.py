"""Post-loan management: inspections, overdue and large-loan flags (贷后管理)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostloanConfig(AppConfig):
    name = "postloan"
    verbose_name = _("贷后管理")
