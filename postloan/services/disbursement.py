"""Disbursement (放款): the hand-over from origination to post-loan. The approved, signed
application becomes a loan account with its repayment schedule."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_bulk_create, audited_save
from creditdesk.models import User
from creditdesk.validators import require_between
from customers.models import CreditLine
from guarantees.services import disbursement_problems
from loans import rules
from loans.models import ApplicationStatus, LoanApplication
from loans.reasons import LoansReason
from loans.schedules import build_schedule
from loans.services import lock_application, move_application
from loans.services.workflow import require_handling_manager, require_status
from postloan import planning
from postloan.models import Instalment, Loan
from postloan.reasons import PostloanReason


def _draw_credit_line(application: LoanApplication, *, day: datetime.date) -> CreditLine:
    """The customer's line in force, locked so two disbursements cannot both draw its last
    yuan, with enough available for the approved amount."""
    in_force = application.customer.credit_lines.in_force_on(day).values("pk")
    line = CreditLine.objects.select_for_update().filter(pk__in=in_force).first()
    if line is None:
        raise ValidationError(_("该产品要求有效的授信额度，客户当前没有有效授信。"))
    problems = rules.credit_problems(
        customer=application.customer,
        product=application.product,
        amount=application.final_amount,
        on=day,
    )
    if problems:
        raise ValidationError(problems)
    return line


@transaction.atomic
def loan_open(*, application: LoanApplication, by: User, day: datetime.date | None = None) -> Loan:
    """Contract signed → disbursed: the loan and its repayment schedule on the approved terms,
    answered for by the customer's branch and manager."""
    application = lock_application(application)
    require_handling_manager(application, by, action="postloan.disburse")
    require_status(application, [ApplicationStatus.CONTRACT_SIGNED], _("放款"))
    today = timezone.localdate()
    day = day or today
    # Between the contract (itself not before the approval) and today: no backdated loan,
    # none dated ahead (and no schedule computed from year 9999).
    require_between(
        day,
        earliest=application.contract_signed_on,
        latest=today,
        field="day",
        message=_("放款日须在合同签订日 %(earliest)s 与今天 %(latest)s 之间。"),
    )
    # A mortgage not registered (nor waived by an approver) blocks the disbursement.
    problems = disbursement_problems(application)
    if problems:
        raise ValidationError(problems)
    line = None
    if application.product.needs_credit_line:
        line = application.credit_line = _draw_credit_line(application, day=day)
    amount = application.final_amount
    schedule = build_schedule(
        principal=amount,
        annual_rate=application.final_rate,
        term_months=application.final_term_months,
        method=application.repayment_method,
        start_date=day,
    )
    customer = application.customer
    loan = Loan(
        application=application,
        customer=customer,
        branch_id=customer.branch_id,
        manager_id=customer.manager_id,
        credit_line=line,
        contract_number=application.contract_number,
        principal=amount,
        annual_rate=application.final_rate,
        term_months=application.final_term_months,
        repayment_method=application.repayment_method,
        disbursed_on=day,
        maturity_date=schedule[-1].due_date,
        outstanding_principal=amount,
        next_due_date=schedule[0].due_date,
    )
    loan.next_inspection_due = planning.next_due(loan)  # the first inspection: use of funds
    audited_save(loan, by=by, reason=PostloanReason.OPEN)
    instalments = [
        Instalment(
            loan=loan,
            number=row.number,
            due_date=row.due_date,
            principal_due=row.principal,
            interest_due=row.interest,
        )
        for row in schedule
    ]
    audited_bulk_create(Instalment, instalments, by=by, reason=PostloanReason.OPEN)
    move_application(
        application,
        ApplicationStatus.DISBURSED,
        by=by,
        comment=loan.contract_number,
        reason=LoansReason.DISBURSE,
    )
    return loan
