"""Contacts with the customer (客户接触记录) and their follow-ups."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.validators import reasonable_date
from customers.models.customer import Customer, customer_scope


class ContactKind(models.TextChoices):
    VISIT = "visit", _("走访")
    CALL = "call", _("电话")
    MESSAGE = "message", _("短信/微信")
    MEAL = "meal", _("宴请")
    GIFT = "gift", _("礼品")


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> ContactQuerySet:
        return self.filter(customer_scope(user))

    def followups_due(self, on: datetime.date) -> ContactQuerySet:
        """Follow-ups promised for ``on`` or earlier and not yet done."""
        return self.filter(follow_up_on__lte=on, follow_up_done=False)


class Contact(models.Model):
    """A contact with the customer (客户接触记录): visit, call, message, meal or gift."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("客户"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("方式"), max_length=20, choices=ContactKind.choices)
    occurred_on = models.DateField(_("日期"), validators=[reasonable_date])
    attendees = models.CharField(_("参加人员"), max_length=200, blank=True)
    purpose = models.CharField(_("目的"), max_length=200)
    summary = models.TextField(_("情况记录"), blank=True)
    cost = models.DecimalField(
        _("费用（元）"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    follow_up_on = models.DateField(
        _("跟进日期"), null=True, blank=True, validators=[reasonable_date]
    )
    follow_up_done = models.BooleanField(_("已跟进"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("接触记录")
        verbose_name_plural = _("接触记录")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="contact_kind"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="contact_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(follow_up_done=False) | Q(follow_up_on__isnull=False),
                name="contact_done_needs_follow_up",
            ),
        ]
        indexes = [
            models.Index(fields=["follow_up_on", "follow_up_done"]),
            models.Index(fields=["-occurred_on", "-id"], name="contact_list"),
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.occurred_on} {self.get_kind_display()}"
