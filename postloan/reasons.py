"""Why a loan account changed: the reason codes stored in its history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostloanReason(models.TextChoices):
    OPEN = "postloan.open", _("放款")
    REPAYMENT = "postloan.repayment", _("登记还款")
    WRITE_OFF = "postloan.write_off", _("核销")
    FOLLOW_CUSTOMER = "postloan.follow_customer", _("客户移交，贷款随之移交")


class PostloanJob(models.TextChoices):
    """Changes made by nightly jobs, with no member of staff behind them."""

    MARK_OVERDUE = "job.mark_overdue", _("夜间批处理：标记逾期")
