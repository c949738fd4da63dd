"""Why an origination record changed: the reason codes stored in its history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoansReason(models.TextChoices):
    CREATE = "loans.create", _("创建申请")
    UPDATE = "loans.update", _("修改申请")
    START_INVESTIGATION = "loans.start_investigation", _("开始贷前调查")
    INVESTIGATION_UPDATE = "loans.investigation_update", _("填写调查内容")
    INVESTIGATION_CONFIRM = "loans.investigation_confirm", _("协助调查人确认")
    DOCUMENT_UPLOAD = "loans.document_upload", _("上传材料")
    DOCUMENT_ATTACH = "loans.document_attach", _("沿用已有材料")
    SUBMIT = "loans.submit", _("提交审批")
    WITHDRAW = "loans.withdraw", _("撤回申请")
    RETURN = "loans.return", _("退回补充")
    REJECT = "loans.reject", _("否决")
    REFER = "loans.refer", _("提交审贷会")
    APPROVE = "loans.approve", _("批准")
    VOTE = "loans.vote", _("审贷会表决")
    COMMITTEE_REJECT = "loans.committee_reject", _("审贷会否决")
    SIGN_CONTRACT = "loans.sign_contract", _("签订合同")
    # Steps that post-loan takes on the application: the hand-over and the end of the loan.
    DISBURSE = "loans.disburse", _("放款")
    SETTLE = "loans.settle", _("贷款结清")
    WRITE_OFF = "loans.write_off", _("核销")
    DEMO = "loans.demo", _("演示数据")
