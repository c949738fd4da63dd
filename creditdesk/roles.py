"""Roles of staff: the ground under both the models and the scoping rule."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("客户经理")
    BRANCH_HEAD = "branch_head", _("支行行长")
    COMMITTEE = "committee", _("审贷会委员")
    AUDITOR = "auditor", _("稽核审计")
    ADMIN = "admin", _("系统管理员")


#: Roles that may approve loan applications and credit lines.
APPROVER_ROLES = (Role.BRANCH_HEAD, Role.COMMITTEE)
#: Roles that read every branch's records.
BANK_WIDE_ROLES = (Role.COMMITTEE, Role.AUDITOR, Role.ADMIN)
