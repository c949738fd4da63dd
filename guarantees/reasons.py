"""Why a guarantee record changed: the reason codes stored in its history."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GuaranteesReason(models.TextChoices):
    """Changes made by a member of staff through the guarantees services."""

    GUARANTOR_REGISTER = "guarantees.guarantor_register", _("登记保证人")
    GUARANTOR_ASSESS = "guarantees.guarantor_assess", _("评估保证人实力")
    GUARANTEE_PROPOSE = "guarantees.guarantee_propose", _("追加保证担保")
    GUARANTEE_WITHDRAW = "guarantees.guarantee_withdraw", _("撤销保证")
    GUARANTEE_END = "guarantees.guarantee_end", _("解除保证")
    COLLATERAL_ADD = "guarantees.collateral_add", _("登记押品")
    COLLATERAL_REVALUE = "guarantees.collateral_revalue", _("押品重估或续保")
    COLLATERAL_REGISTER = "guarantees.collateral_register", _("办妥抵押登记")
    COLLATERAL_RELEASE = "guarantees.collateral_release", _("押品解押")
    CUSTODY_MOVE = "guarantees.custody_move", _("权证出入库")
    PLEDGE_PROPOSE = "guarantees.pledge_propose", _("追加抵质押担保")
    PLEDGE_WITHDRAW = "guarantees.pledge_withdraw", _("撤销抵质押")
    PLEDGE_WAIVE = "guarantees.pledge_waive", _("豁免：先放款后登记")
    PLEDGE_RELEASE = "guarantees.pledge_release", _("解除抵质押")
    CONTRACT_SIGN = "guarantees.contract_sign", _("签订担保合同")
    GROUP_FORM = "guarantees.group_form", _("成立联保小组")
    GROUP_JOIN = "guarantees.group_join", _("加入联保小组")
    GROUP_LEAVE = "guarantees.group_leave", _("退出联保小组")
    GROUP_GUARANTEE = "guarantees.group_guarantee", _("联保小组互保")
