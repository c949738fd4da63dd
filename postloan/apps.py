"""Post-loan management (贷后管理): the loan account after disbursement — schedule,
repayments, overdue state — and, next, classification and inspections."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostloanConfig(AppConfig):
    name = "postloan"
    verbose_name = _("贷后管理")

    def ready(self) -> None:
        from customers.signals import customers_reassigned
        from postloan.receivers import follow_reassigned_customers

        customers_reassigned.connect(
            follow_reassigned_customers, dispatch_uid="postloan.follow_reassigned_customers"
        )
