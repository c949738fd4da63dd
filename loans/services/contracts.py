"""The loan contract (借款合同): signed on the approved terms, numbered without gaps. The
disbursement that follows is post-loan's hand-over (``postloan.services.disbursement``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value

from creditdesk.models import User
from creditdesk.validators import require_between
from guarantees.services import contracts_sign
from loans.models import LoanApplication
from loans.reasons import LoansReason
from loans.services.workflow import (
    S,
    lock_application,
    move_application,
    require_handling_manager,
    require_status,
)


def next_contract_number(*, branch_code: str, year: int) -> str:
    """Gapless per branch and year: the sequence row is locked until the transaction ends."""
    value = get_next_value(f"contract-{branch_code}-{year}")
    return f"{branch_code}-{year}-{value:06d}"


@transaction.atomic
def application_sign_contract(
    *, application: LoanApplication, user: User, signed_on: datetime.date | None = None
) -> LoanApplication:
    """Approved → contract signed, on the approved terms, with the next contract number."""
    application = lock_application(application)
    require_handling_manager(application, user, action="loans.sign_contract")
    require_status(application, [S.APPROVED], _("签订合同"))
    today = timezone.localdate()
    signed_on = signed_on or today
    # No backdating before the approval, no contract dated ahead.
    require_between(
        signed_on,
        earliest=timezone.localdate(application.approved_at),
        latest=today,
        field="day",
        message=_("合同签订日须在审批日 %(earliest)s 与今天 %(latest)s 之间。"),
    )
    application.contract_number = next_contract_number(
        branch_code=application.customer.branch.code, year=signed_on.year
    )
    application.contract_signed_on = signed_on
    # The guarantee and mortgage contracts are signed with the loan contract.
    contracts_sign(application=application, by=user, signed_on=signed_on)
    move_application(
        application,
        S.CONTRACT_SIGNED,
        by=user,
        comment=application.contract_number,
        reason=LoansReason.SIGN_CONTRACT,
    )
    return application
