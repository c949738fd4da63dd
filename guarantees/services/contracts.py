"""The guarantee side of a loan's life: guarantee and mortgage contracts (保证合同, 抵押合同)
signed with the loan contract and numbered without gaps; the registration check before
disbursement; everything released when the loan is settled.

The loans and post-loan services call these inside their own transactions (they sit above).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sequences import get_next_value

from creditdesk.history import audited_save
from creditdesk.models import User
from guarantees.models import PLEDGE_LIVE, GuaranteeStatus, PledgeStatus
from guarantees.reasons import GuaranteesReason
from guarantees.services.collateral import release_collateral_if_free
from guarantees.services.common import lock_application
from guarantees.services.parties import end_guarantee

#: The contract kinds and the letters in their numbers.
GUARANTEE_CONTRACT = "BZ"  # 保证合同
MORTGAGE_CONTRACT = "DY"  # 抵押合同
PLEDGE_CONTRACT = "ZY"  # 质押合同


def next_contract_number(*, kind: str, branch_code: str, year: int) -> str:
    """Gapless per kind, branch and year: the sequence row is locked until the transaction
    ends (like the loan contracts)."""
    value = get_next_value(f"{kind.lower()}-contract-{branch_code}-{year}")
    return f"{branch_code}-{year}-{kind}{value:06d}"


@transaction.atomic
def contracts_sign(*, application, by: User, signed_on: datetime.date | None = None) -> int:
    """Every proposed guarantee and pledge of the application gets its contract, signed on the
    day of the loan contract. Returns how many contracts were signed."""
    application = lock_application(application, by=by)
    signed_on = signed_on or timezone.localdate()
    branch_code = application.customer.branch.code
    count = 0
    for guarantee in application.guarantees.select_for_update().filter(
        status=GuaranteeStatus.PROPOSED
    ):
        guarantee.contract_number = next_contract_number(
            kind=GUARANTEE_CONTRACT, branch_code=branch_code, year=signed_on.year
        )
        guarantee.status = GuaranteeStatus.ACTIVE
        guarantee.signed_on = signed_on
        audited_save(guarantee, by=by, reason=GuaranteesReason.CONTRACT_SIGN)
        count += 1
    for pledge in (
        application.pledges.select_for_update(of=("self",))
        .select_related("collateral__kind")
        .filter(status=PledgeStatus.PROPOSED)
    ):
        kind = PLEDGE_CONTRACT if pledge.collateral.kind.is_pledge else MORTGAGE_CONTRACT
        pledge.contract_number = next_contract_number(
            kind=kind, branch_code=branch_code, year=signed_on.year
        )
        pledge.status = PledgeStatus.ACTIVE
        pledge.signed_on = signed_on
        audited_save(pledge, by=by, reason=GuaranteesReason.CONTRACT_SIGN)
        count += 1
    return count


def disbursement_problems(application) -> list[str]:
    """Why the loan may not be disbursed yet: a mortgage not registered (no 他项权证) and not
    waived by an approver. Post-loan's ``loan_open`` refuses while this is not empty."""
    problems = []
    pledges = application.pledges.filter(status__in=PLEDGE_LIVE).select_related("collateral__kind")
    for pledge in pledges:
        if not pledge.collateral.is_registered and not pledge.is_waived:
            problems.append(
                _(
                    "押品“%(collateral)s”尚未办妥抵押登记（他项权证），不能放款；如确需先放款后登记，须审批人豁免。"
                )
                % {"collateral": pledge.collateral}
            )
    return problems


@transaction.atomic
def securities_release(*, application, by: User, on: datetime.date | None = None) -> int:
    """The loan is settled: its guarantees end, its pledges are released, and collateral that
    secures no other loan is released (解押). Returns how many records were released."""
    application = lock_application(application, by=by)
    on = on or timezone.localdate()
    count = 0
    for guarantee in application.guarantees.select_for_update().filter(
        status__in=[GuaranteeStatus.ACTIVE, GuaranteeStatus.PROPOSED]
    ):
        end_guarantee(guarantee, by=by, on=on, reason=GuaranteesReason.GUARANTEE_END)
        count += 1
    touched = []
    for pledge in application.pledges.select_for_update(of=("self",)).filter(
        status__in=PLEDGE_LIVE
    ):
        pledge.status = PledgeStatus.RELEASED
        pledge.released_on = on
        audited_save(pledge, by=by, reason=GuaranteesReason.PLEDGE_RELEASE)
        touched.append(pledge.collateral)
        count += 1
    for collateral in touched:
        if release_collateral_if_free(collateral, by=by, on=on):
            count += 1
    return count
