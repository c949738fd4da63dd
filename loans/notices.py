"""The kinds of in-app notice loans sends (creditdesk.notifications): whose turn it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    SECOND_INVESTIGATOR = "loans.second_investigator", _("请您作为第二调查人完成调查")
    CONFIRMED = "loans.confirmed", _("调查结论已确认，请提交审批")
    SUBMITTED = "loans.submitted", _("贷款申请待您审批")
    RETURNED = "loans.returned", _("贷款申请被退回，待您补充")
    APPROVED = "loans.approved", _("贷款申请已批准，待签约放款")
    COMMITTEE_VOTE = "loans.committee_vote", _("审贷会待您投票")
