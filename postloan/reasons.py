"""Why a loan account changed: the reason codes stored in its history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostloanReason(models.TextChoices):
    OPEN = "postloan.open", _("放款")
    REPAYMENT = "postloan.repayment", _("登记还款")
    WRITE_OFF = "postloan.write_off", _("核销")
    FOLLOW_CUSTOMER = "postloan.follow_customer", _("客户移交，贷款随之移交")
    INSPECTION_START = "postloan.inspection_start", _("开始贷后检查")
    INSPECTION_DRAFT = "postloan.inspection_draft", _("保存贷后检查草稿")
    INSPECTION_PHOTO = "postloan.inspection_photo", _("上传检查照片")
    INSPECTION_PHOTO_REMOVE = "postloan.inspection_photo_remove", _("删除检查照片")
    INSPECTION_SUBMIT = "postloan.inspection_submit", _("提交贷后检查")
    CLASSIFY_DOWN = "postloan.classify_down", _("客户经理下调风险分类")
    CLASSIFY_PROPOSE = "postloan.classify_propose", _("提议上调风险分类")
    CLASSIFY_APPROVE = "postloan.classify_approve", _("支行行长批准上调风险分类")
    CLASSIFY_REJECT = "postloan.classify_reject", _("支行行长驳回上调风险分类")
    RESTRUCTURE = "postloan.restructure", _("标记重组或借新还旧")


class PostloanJob(models.TextChoices):
    """Changes made by nightly jobs, with no member of staff behind them."""

    MARK_OVERDUE = "job.mark_overdue", _("夜间批处理：标记逾期")
    NIGHTLY = "job.nightly", _("夜间批处理：逾期天数、欠息、大额标识与风险分类下限")
    INSPECTION_REPLAN = "job.inspection_replan", _("夜间批处理：更新贷后检查计划")
