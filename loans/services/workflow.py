"""What every origination step shares: the row lock, the status move with its workflow log,
and the checks of who may act. Post-loan moves the application through the same
:func:`move_application` when it opens, settles or writes off the loan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from enum import Enum

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_save
from creditdesk.models import User
from loans import rules
from loans.models import ApplicationStatus, ApplicationTransition, LoanApplication
from loans.services.turns import hand_over

S = ApplicationStatus


def lock_application(application: LoanApplication) -> LoanApplication:
    """The application re-read under a row lock: every step starts here."""
    return (
        LoanApplication.objects.select_for_update(of=("self",))
        .select_related("customer", "product")
        .get(pk=application.pk)
    )


def require_status(application: LoanApplication, allowed: Iterable[str], action: str) -> None:
    if application.status not in allowed:
        raise ValidationError(
            _("申请当前状态为“%(status)s”，不能%(action)s。")
            % {"status": application.get_status_display(), "action": action}
        )


def require_application_in_scope(application: LoanApplication, user: User, *, action: str) -> None:
    """A user whose role may do ``action`` (``creditdesk.permissions_table``) and who may see
    the application (403 otherwise)."""
    require_role(user, action)
    require_in_scope(LoanApplication.objects, user, application)


def require_handling_manager(application: LoanApplication, user: User, *, action: str) -> None:
    """The application's manager: who created it or who manages the customer."""
    require_application_in_scope(application, user, action=action)
    if user.pk not in (application.created_by_id, application.customer.manager_id):
        raise ValidationError(_("只有经办客户经理可以办理此操作。"))


def reject_unknown_fields(fields: Iterable[str], allowed: Iterable[str]) -> None:
    """Input that names a field the step does not change is refused (400), never a crash."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValidationError(
            _("不能修改该字段：%(fields)s。") % {"fields": "、".join(unknown)},
            code="unknown_field",
        )


def raise_problems(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def log_step(
    application: LoanApplication,
    *,
    from_status: str,
    to: str,
    by: User,
    reason: str | Enum,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> ApplicationTransition:
    """One row of the workflow log (流程记录), itself kept with who and why."""
    step = ApplicationTransition(
        application=application,
        from_status=from_status,
        to_status=to,
        at=at or timezone.now(),
        by=by,
        comment=comment,
    )
    return audited_save(step, by=by, reason=reason, exclude=["application", "by"])


def move_application(
    application: LoanApplication, to: str, *, by: User, reason: str | Enum, comment: str = ""
) -> None:
    """Change the status (the locked row), saved with its reason, and log the step.

    ``comment`` is what the person typed (a reason to withdraw, the reviewer's opinion): it is
    kept in the workflow log and as the note of the history row."""
    now = timezone.now()
    previous = application.status
    application.status = to
    application.status_changed_at = now
    audited_save(
        application,
        by=by,
        reason=reason,
        note=comment,
        exclude=["customer", "product", "created_by", "credit_line"],
    )
    log_step(
        application, from_status=previous, to=to, by=by, reason=reason, comment=comment, at=now
    )
    hand_over(application, to=to)


def four_eyes_problem(application: LoanApplication, user: User) -> str | None:
    """审贷分离: nobody decides on what they created, investigated or manage."""
    involved = {application.created_by_id, application.customer.manager_id}
    investigation = getattr(application, "investigation", None)
    if investigation is not None:
        involved |= {investigation.investigator_id, investigation.second_investigator_id}
    if user.pk in involved:
        return _("审贷分离：您经办、调查或管护了该申请，不能审批。")
    return None


def recommendation_for(application: LoanApplication) -> rules.Recommendation:
    investigation = getattr(application, "investigation", None)
    if investigation is None:
        return rules.Recommendation.INCOMPLETE
    return rules.recommend(
        character=investigation.character,
        product=investigation.product_quality,
        collateral=investigation.collateral,
    )


def eligibility_problems(application: LoanApplication, *, on: datetime.date) -> list[str]:
    """Everything that keeps the application from being lent, in the customer's words."""
    customer = application.customer
    amount = application.final_amount
    term = application.final_term_months
    return [
        *rules.product_problems(
            product=application.product,
            customer_type=customer.customer_type,
            amount=amount,
            term_months=term,
            rate=application.final_rate,
            method=application.repayment_method,
        ),
        *rules.age_problems(customer=customer, term_months=term, on=on),
        *rules.credit_problems(
            customer=customer, product=application.product, amount=amount, on=on
        ),
    ]
