"""Joint-guarantee groups (联保小组): three to five farm households that guarantee each
other's loans, up to a group ceiling."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creditdesk.models import Branch
from creditdesk.scoping import scope_q
from creditdesk.validators import reasonable_date
from customers.models import Customer
from guarantees.models.base import MONEY

MIN_MEMBERS = 3
MAX_MEMBERS = 5


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    DISSOLVED = "dissolved", _("已解散")


class JointGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> JointGroupQuerySet:
        return self.filter(scope_q(user, branch="branch", manager="manager"))


class JointGroup(models.Model):
    """A joint-guarantee group (联保小组) of farm households, with its ceiling."""

    name = models.CharField(_("小组名称"), max_length=100)
    branch = models.ForeignKey(
        Branch, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("管户客户经理"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ceiling = models.DecimalField(_("小组贷款总额上限（元）"), **MONEY)
    formed_on = models.DateField(_("成立日"), validators=[reasonable_date])
    status = models.CharField(
        _("状态"), max_length=20, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )

    objects = JointGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联保小组")
        verbose_name_plural = _("联保小组")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ceiling__gt=0), name="group_ceiling_positive"),
            models.CheckConstraint(
                condition=Q(status__in=GroupStatus.values), name="group_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JointGroupMemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> JointGroupMemberQuerySet:
        return self.filter(scope_q(user, branch="group__branch", manager="group__manager"))

    def current(self) -> JointGroupMemberQuerySet:
        return self.filter(left_on__isnull=True)


class JointGroupMember(models.Model):
    """A farm household's membership of a joint-guarantee group."""

    group = models.ForeignKey(JointGroup, on_delete=models.CASCADE, related_name="members")
    customer = models.ForeignKey(
        Customer, verbose_name=_("成员"), on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("加入日"), validators=[reasonable_date])
    left_on = models.DateField(_("退出日"), null=True, blank=True, validators=[reasonable_date])

    objects = JointGroupMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联保小组成员")
        verbose_name_plural = _("联保小组成员")
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "customer"],
                condition=Q(left_on__isnull=True),
                name="group_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.customer}"
