"""Organisation, people, authority and the audit trail: the ground floor of CreditDesk."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditdeskConfig(AppConfig):
    name = "creditdesk"
    verbose_name = _("机构与人员")

    def ready(self) -> None:
        # Connects the security log to login, logout, failure and lockout signals.
        from creditdesk import security  # noqa: F401
