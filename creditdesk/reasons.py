"""Why an organisation record changed: the reason codes stored in its history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdminReason(models.TextChoices):
    """Changes made in the admin site, by an administrator."""

    CREATE = "admin.create", _("管理后台新增")
    CHANGE = "admin.change", _("管理后台修改")
    DELETE = "admin.delete", _("管理后台删除")


class OrganisationReason(models.TextChoices):
    BRANCH_SAVE = "creditdesk.branch_save", _("保存机构")
    BRANCH_REPATH = "creditdesk.branch_repath", _("上级机构调整，路径随之更新")
    DEMO = "creditdesk.demo", _("演示数据")
