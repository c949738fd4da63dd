"""The pre-loan investigation (贷前调查): two investigators, findings, confirmation."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_delete, audited_save
from creditdesk.models import User
from loans.models import ASK_ITEMS, Investigation, LoanApplication, OtherBorrowing
from loans.queries import second_investigator_candidates
from loans.reasons import LoansReason
from loans.services.turns import second_investigator_done, second_investigator_turn
from loans.services.workflow import (
    S,
    lock_application,
    move_application,
    reject_unknown_fields,
    require_application_in_scope,
    require_handling_manager,
    require_status,
)

INVESTIGATION_FIELDS = (
    "visit_date",
    "character",
    "character_evidence",
    "product_quality",
    "product_evidence",
    "collateral",
    "collateral_evidence",
    "observe_notes",
    "hear_sources",
    "hear_cross_checked",
    *ASK_ITEMS,
    "ask_notes",
    "annual_sales",
    "profit_margin",
    "sales_growth",
    "own_funds",
    "suggested_amount",
    "suggested_term_months",
    "crit_morality",
    "crit_repayment",
    "crit_capital",
    "crit_environment",
    "crit_guarantee",
    "report",
)
BORROWING_FIELDS = ("lender", "amount", "rate")


@transaction.atomic
def application_start_investigation(
    *, application: LoanApplication, user: User, second_investigator: User
) -> Investigation:
    """Draft → investigating, with the two investigators (双人调查). The second investigator
    is an active account manager of the customer's branch (or its outlets), never the lead:
    naming them gives them read access to the application, so the rule lives here."""
    application = lock_application(application)
    require_handling_manager(application, user, action="loans.edit")
    require_status(application, [S.DRAFT], _("开始调查"))
    if second_investigator.pk == user.pk:
        raise ValidationError({"second_investigator": _("双人调查：协助调查人不能是您本人。")})
    if not second_investigator_candidates(application).filter(pk=second_investigator.pk).exists():
        raise ValidationError(
            {"second_investigator": _("协助调查人须为客户所在支行（含下辖网点）的在岗客户经理。")}
        )
    investigation = Investigation.objects.filter(application=application).first()
    investigation = investigation or Investigation(application=application)
    investigation.investigator = user
    investigation.second_investigator = second_investigator
    audited_save(investigation, by=user, reason=LoansReason.START_INVESTIGATION)
    move_application(application, S.INVESTIGATING, by=user, reason=LoansReason.START_INVESTIGATION)
    second_investigator_turn(application, second_investigator)
    return investigation


def _require_positive_amount(row: dict) -> None:
    """A debt owed elsewhere is a positive sum (the check constraint is only the backstop)."""
    try:
        amount = Decimal(str(row.get("amount")))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        raise ValidationError({"other_borrowings": _("他行及民间借款的金额须大于零。")})


@transaction.atomic
def investigation_update(
    *,
    application: LoanApplication,
    user: User,
    data: dict,
    other_borrowings: list[dict] | None = None,
) -> Investigation:
    """Record findings. Any change needs the second investigator to confirm again."""
    application = lock_application(application)
    require_application_in_scope(application, user, action="loans.investigate")
    require_status(application, [S.INVESTIGATING, S.RETURNED], _("修改调查"))
    investigation = Investigation.objects.select_for_update().get(application=application)
    if user.pk not in (investigation.investigator_id, application.created_by_id):
        raise ValidationError(_("只有主调查人可以填写调查内容。"))
    reject_unknown_fields(data, INVESTIGATION_FIELDS)
    for row in other_borrowings or []:
        reject_unknown_fields(row, BORROWING_FIELDS)
        _require_positive_amount(row)
    for name, value in data.items():
        setattr(investigation, name, value)
    if other_borrowings is not None:
        reason = LoansReason.INVESTIGATION_UPDATE
        for old in investigation.other_borrowings.all():
            audited_delete(old, by=user, reason=reason)
        for row in other_borrowings:
            audited_save(OtherBorrowing(investigation=investigation, **row), by=user, reason=reason)
    # The match (切): suggest amount and term from the computed need and the production cycle.
    need = investigation.working_capital_need()
    if investigation.suggested_amount is None and need is not None:
        investigation.suggested_amount = min(need, application.amount) or None
    if investigation.suggested_term_months is None:
        investigation.suggested_term_months = application.production_cycle_months
    investigation.confirmed_at = None
    # Changed findings need the second investigator's confirmation again.
    second_investigator_turn(application, investigation.second_investigator)
    return audited_save(
        investigation,
        by=user,
        reason=LoansReason.INVESTIGATION_UPDATE,
        exclude=["application", "investigator", "second_investigator"],
    )


def confirmation_problems(investigation: Investigation) -> dict[str, list[str]]:
    """What keeps the findings from being confirmed, by field: the service refuses on it and
    the page disables the button with it."""
    errors: dict[str, list[str]] = {k: [v] for k, v in investigation.gaps().items()}
    if not (investigation.character and investigation.product_quality and investigation.collateral):
        errors[NON_FIELD_ERRORS] = [_("三品（人品、产品、押品）须全部评定。")]
    return errors


@transaction.atomic
def investigation_confirm(*, application: LoanApplication, user: User) -> Investigation:
    """The second investigator confirms the findings (双人调查)."""
    application = lock_application(application)
    require_application_in_scope(application, user, action="loans.investigate")
    require_status(application, [S.INVESTIGATING, S.RETURNED], _("确认调查"))
    investigation = Investigation.objects.select_for_update().get(application=application)
    if user.pk != investigation.second_investigator_id:
        raise ValidationError(_("只有协助调查人可以确认调查结论。"))
    errors = confirmation_problems(investigation)
    if errors:
        raise ValidationError(errors)
    investigation.confirmed_at = timezone.now()
    second_investigator_done(application)
    return audited_save(investigation, by=user, reason=LoansReason.INVESTIGATION_CONFIRM)
