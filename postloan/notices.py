"""The kinds of in-app notice post-loan sends (creditdesk.notifications): whose turn it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    WARNING_RAISED = "postloan.warning_raised", _("贷后检查发现预警信号")
    # Raised by the nightly job (postloan.nightly.alerts): "postloan.alert_" + AlertKind.
    ALERT_OVERDUE = "postloan.alert_overdue", _("贷款首日逾期")
    ALERT_OVERDUE_10 = "postloan.alert_overdue_10", _("贷款逾期10天")
    ALERT_MATURITY = "postloan.alert_maturity", _("贷款30天内到期")
    ALERT_CREDIT_LINE_EXPIRING = "postloan.alert_credit_line_expiring", _("授信额度30天内到期")
    ALERT_RATING_EXPIRING = "postloan.alert_rating_expiring", _("信用评级30天内到期")
    ALERT_REVALUATION_DUE = "postloan.alert_revaluation_due", _("押品到期重估")
    ALERT_MORTGAGE_UNREGISTERED = "postloan.alert_mortgage_unregistered", _("抵押未办理登记")
    ALERT_INSURANCE_EXPIRING = "postloan.alert_insurance_expiring", _("押品保险到期或缺失")
    ALERT_INSPECTION_OVERDUE = "postloan.alert_inspection_overdue", _("贷后检查逾期")
    CLASS_UPGRADE = "postloan.class_upgrade", _("风险分类上调待您审批")
