"""The kinds of in-app notice customers sends (creditdesk.notifications): whose turn it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    LINE_PENDING = "customers.line_pending", _("授信额度待您审批")
