"""The application's own steps: create, change, submit, withdraw."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_save
from creditdesk.models import User
from customers.models import Customer
from loans import rules
from loans.models import ASK_ITEMS, EDITABLE_STATUSES, Answer, LoanApplication, LoanProduct
from loans.reasons import LoansReason
from loans.services.workflow import (
    S,
    eligibility_problems,
    lock_application,
    log_step,
    move_application,
    raise_problems,
    recommendation_for,
    reject_unknown_fields,
    require_handling_manager,
    require_status,
)

#: What the manager may change while the application is with them.
REQUEST_FIELDS = (
    "amount",
    "term_months",
    "purpose",
    "repayment_method",
    "proposed_rate",
    "first_repayment_source",
    "second_repayment_source",
    "production_cycle_months",
)


def _product_problems(application: LoanApplication) -> list[str]:
    """The product's limits, and for a product drawn on a credit line (贷款证) a valid rating
    and an active line with enough available, as soon as the application is made."""
    return [
        *rules.product_problems(
            product=application.product,
            customer_type=application.customer.customer_type,
            amount=application.amount,
            term_months=application.term_months,
            rate=application.proposed_rate,
            method=application.repayment_method,
        ),
        *rules.credit_problems(
            customer=application.customer,
            product=application.product,
            amount=application.amount,
            on=timezone.localdate(),
        ),
    ]


@transaction.atomic
def application_create(
    *,
    customer: Customer,
    product: LoanProduct,
    amount: Decimal,
    term_months: int,
    purpose: str,
    repayment_method: str,
    proposed_rate: Decimal,
    first_repayment_source: str,
    second_repayment_source: str = "",
    production_cycle_months: int = 12,
    created_by: User,
) -> LoanApplication:
    """A new draft application by the customer's account manager."""
    require_role(created_by, "loans.create")
    require_in_scope(Customer.objects, created_by, customer)
    if not product.is_active:
        raise ValidationError(_("该产品已停售。"))
    application = LoanApplication(
        customer=customer,
        product=product,
        amount=amount,
        term_months=term_months,
        purpose=purpose,
        repayment_method=repayment_method,
        proposed_rate=proposed_rate,
        first_repayment_source=first_repayment_source,
        second_repayment_source=second_repayment_source,
        production_cycle_months=production_cycle_months,
        created_by=created_by,
    )
    raise_problems(_product_problems(application))
    audited_save(application, by=created_by, reason=LoansReason.CREATE)
    log_step(application, from_status="", to=S.DRAFT, by=created_by, reason=LoansReason.CREATE)
    return application


@transaction.atomic
def application_update(*, application: LoanApplication, user: User, **fields) -> LoanApplication:
    """Change the request while it is still with the manager."""
    application = lock_application(application)
    require_handling_manager(application, user, action="loans.edit")
    require_status(application, EDITABLE_STATUSES, _("修改"))
    reject_unknown_fields(fields, REQUEST_FIELDS)
    for name, value in fields.items():
        setattr(application, name, value)
    raise_problems(_product_problems(application))
    return audited_save(application, by=user, reason=LoansReason.UPDATE)


def investigation_gaps(application: LoanApplication) -> dict[str, str]:
    """By field, what the investigation still lacks (``Investigation.gaps``)."""
    investigation = getattr(application, "investigation", None)
    return investigation.gaps() if investigation is not None else {}


def submission_problems(application: LoanApplication, *, on: datetime.date) -> list[str]:
    """Every reason the application cannot be submitted yet, in the manager's words."""
    gaps = investigation_gaps(application)
    return [*gaps.values(), *_other_submission_problems(application, on=on)]


def _other_submission_problems(application: LoanApplication, *, on: datetime.date) -> list[str]:
    investigation = getattr(application, "investigation", None)
    if investigation is None:
        return [_("尚未开展贷前调查。")]
    problems = []
    if not investigation.is_confirmed:
        problems.append(_("协助调查人尚未确认调查结论。"))
    recommendation = recommendation_for(application)
    if recommendation in rules.NOT_SUBMITTABLE:
        problems.append(_("调查结论：%(r)s，不能提交审批。") % {"r": recommendation.label})
    unknown = [
        str(label)
        for name, label in ASK_ITEMS.items()
        if getattr(investigation, name) != Answer.ANSWERED
    ]
    if unknown:
        problems.append(
            _("借款人答不上来或未询问：%(items)s。经营者说不清自己的经营，不予贷款。")
            % {"items": "、".join(unknown)}
        )
    missing = application.missing_documents()
    if missing:
        problems.append(
            _("材料不全，尚缺：%(docs)s。") % {"docs": "、".join(str(m["label"]) for m in missing)}
        )
    return problems + eligibility_problems(application, on=on)


@transaction.atomic
def application_submit(
    *, application: LoanApplication, user: User, on: datetime.date | None = None
) -> LoanApplication:
    """Investigating or returned → submitted for approval."""
    application = lock_application(application)
    require_handling_manager(application, user, action="loans.edit")
    require_status(application, [S.INVESTIGATING, S.RETURNED], _("提交审批"))
    # The investigation's gaps beside their fields, everything else above them.
    errors: dict[str, list[str]] = {k: [v] for k, v in investigation_gaps(application).items()}
    others = _other_submission_problems(application, on=on or timezone.localdate())
    if others:
        errors[NON_FIELD_ERRORS] = others
    if errors:
        raise ValidationError(errors)
    application.submitted_at = timezone.now()
    move_application(application, S.SUBMITTED, by=user, reason=LoansReason.SUBMIT)
    return application


@transaction.atomic
def application_withdraw(
    *, application: LoanApplication, user: User, reason: str = ""
) -> LoanApplication:
    """The customer or manager withdraws the application before a decision."""
    application = lock_application(application)
    require_handling_manager(application, user, action="loans.edit")
    require_status(application, [S.DRAFT, S.INVESTIGATING, S.RETURNED, S.SUBMITTED], _("撤回"))
    move_application(application, S.WITHDRAWN, by=user, comment=reason, reason=LoansReason.WITHDRAW)
    return application
