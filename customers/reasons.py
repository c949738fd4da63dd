"""Why a customer record changed: the reason codes stored in its history.

The label is shown in the reader's language on the activity page; a note typed by a person
(a reassignment's reason, say) is stored after the code (``creditdesk.history``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CustomersReason(models.TextChoices):
    """Changes made by a member of staff through the customers services."""

    CREATE = "customers.create", _("新建客户档案")
    IMPORT = "customers.import", _("Excel 导入")
    UPDATE = "customers.update", _("修改客户档案")
    MOVE_STAGE = "customers.move_stage", _("营销阶段")
    REASSIGN = "customers.reassign", _("客户移交")
    PRODUCT_ADD = "customers.product_add", _("开通产品")
    PRODUCT_REMOVE = "customers.product_remove", _("停用产品")
    MEMBER_ADD = "customers.member_add", _("登记家庭成员")
    MEMBER_UPDATE = "customers.member_update", _("修改家庭成员")
    MEMBER_REMOVE = "customers.member_remove", _("删除家庭成员")
    SNAPSHOT_RECORD = "customers.snapshot_record", _("记录经营财务快照")
    SNAPSHOT_DELETE = "customers.snapshot_delete", _("删除经营财务快照")
    CONTACT_LOG = "customers.contact_log", _("记录客户接触")
    CONTACT_UPDATE = "customers.contact_update", _("修改接触记录")
    CONTACT_FOLLOW_UP_DONE = "customers.contact_follow_up_done", _("完成跟进")
    CONTACT_DELETE = "customers.contact_delete", _("删除接触记录")
    RATING_RECORD = "customers.rating_record", _("信用评级")
    LINE_PROPOSE = "customers.line_propose", _("提议授信")
    LINE_APPROVE = "customers.line_approve", _("审批通过，授信生效")
    LINE_SUPERSEDED = "customers.line_superseded", _("被新授信替代")
    LINE_REVOKE = "customers.line_revoke", _("撤销授信")
    LINE_REVIEW_PASSED = "customers.line_review_passed", _("年审通过")
    LINE_REVIEW_FAILED = "customers.line_review_failed", _("年审未通过，授信撤销")
    VILLAGE_OPEN = "customers.village_open", _("设立信用村")
    BATCH_RATE = "customers.batch_rate", _("整村评级")
    BATCH_PUBLISH = "customers.batch_publish", _("发布公示")
    ENTRY_OBJECT = "customers.entry_object", _("登记异议")
    ENTRY_UPHELD = "customers.entry_upheld", _("异议成立，不予授信")
    ENTRY_DISMISSED = "customers.entry_dismissed", _("异议不成立")
    LINE_OBJECTION_UPHELD = "customers.line_objection_upheld", _("公示异议成立")
    BATCH_LINE_EFFECTIVE = "customers.batch_line_effective", _("整村授信公示期满生效")
    ENTRY_EFFECTIVE = "customers.entry_effective", _("授信生效")
    BATCH_EFFECTIVE = "customers.batch_effective", _("整村授信生效")
    DEMO = "customers.demo", _("演示数据")


class CustomersJobReason(models.TextChoices):
    """Changes made by a nightly job, with no member of staff behind them (``by=None``)."""

    EXPIRE_CREDIT_LINES = "job.expire_credit_lines", _("授信到期")
