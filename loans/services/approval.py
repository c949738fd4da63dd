"""Approval (审批): the branch head's decision within authority, and the credit committee's
vote (审贷会) beyond it. Four eyes and eligibility are checked again at every decision."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.history import audited_save
from creditdesk.models import AuthorityLimit, Role, User
from guarantees.coverage import FULL_COVERAGE, coverage_ratio
from loans import rules
from loans.models import (
    ZERO,
    ApprovalDecision,
    CommitteeVote,
    DecisionKind,
    LoanApplication,
    Vote,
)
from loans.reasons import LoansReason
from loans.services.turns import committee_member_done
from loans.services.workflow import (
    S,
    eligibility_problems,
    four_eyes_problem,
    lock_application,
    move_application,
    raise_problems,
    recommendation_for,
    require_application_in_scope,
    require_status,
)


def _require_approver(application: LoanApplication, user: User, action: str) -> None:
    require_application_in_scope(application, user, action=action)
    problem = four_eyes_problem(application, user)
    if problem:
        raise ValidationError(problem)


def _decide(
    application: LoanApplication, user: User, kind: str, opinion: str, reason, **extra
) -> ApprovalDecision:
    if not opinion.strip():
        raise ValidationError(_("请填写审批意见。"))
    decision = ApprovalDecision(
        application=application, decided_by=user, kind=kind, opinion=opinion, **extra
    )
    return audited_save(decision, by=user, reason=reason, exclude=["application", "decided_by"])


def _approval_problems(application: LoanApplication, user: User, amount: Decimal) -> list[str]:
    """Authority and guarantee coverage, then eligibility on the day of the decision: a rating
    or credit line that expired after submission blocks the approval."""
    problems = []
    limit = AuthorityLimit.objects.for_user(user)
    max_amount = limit.max_loan_amount if limit else ZERO
    if amount > max_amount:
        problems.append(
            _("金额 %(amount)s 元超出您的审批权限（%(limit)s 元），请提交审贷会。")
            % {"amount": rules.yuan(amount), "limit": rules.yuan(max_amount)}
        )
    if recommendation_for(application) == rules.Recommendation.LEND_WITH_GUARANTEE:
        ratio = coverage_ratio(application)
        if ratio < FULL_COVERAGE:
            problems.append(
                _("调查结论要求追加足额有效担保，当前担保覆盖率 %(ratio)s，须不低于 100%%。")
                % {"ratio": rules.percent(ratio)}
            )
    return problems + eligibility_problems(application, on=timezone.localdate())


def _review(
    application: LoanApplication,
    reviewer: User,
    *,
    allowed,
    action: str,
    kind: str,
    opinion: str,
    to: str,
    reason: LoansReason,
) -> LoanApplication:
    """Return, reject or refer: one decision and one move."""
    application = lock_application(application)
    action = "loans.return" if kind == DecisionKind.RETURN else "loans.decide"
    _require_approver(application, reviewer, action)
    require_status(application, allowed(reviewer), action)
    _decide(application, reviewer, kind, opinion, reason)
    if kind == DecisionKind.RETURN:
        application.reviewer_comments = opinion
    move_application(application, to, by=reviewer, comment=opinion, reason=reason)
    return application


def _submitted(reviewer: User) -> list[str]:
    return [S.SUBMITTED]


@transaction.atomic
def application_return(
    *, application: LoanApplication, reviewer: User, comments: str
) -> LoanApplication:
    """Submitted or referred → returned to the manager with the reviewer's comments."""
    return _review(
        application,
        reviewer,
        allowed=lambda user: [S.REFERRED] if user.role == Role.COMMITTEE else [S.SUBMITTED],
        action=_("退回"),
        kind=DecisionKind.RETURN,
        opinion=comments,
        to=S.RETURNED,
        reason=LoansReason.RETURN,
    )


@transaction.atomic
def application_reject(
    *, application: LoanApplication, reviewer: User, opinion: str
) -> LoanApplication:
    """Submitted → rejected by the branch head."""
    return _review(
        application,
        reviewer,
        allowed=_submitted,
        action=_("否决"),
        kind=DecisionKind.REJECT,
        opinion=opinion,
        to=S.REJECTED,
        reason=LoansReason.REJECT,
    )


@transaction.atomic
def application_refer(
    *, application: LoanApplication, reviewer: User, opinion: str
) -> LoanApplication:
    """Submitted → referred to the credit committee (beyond the head's authority)."""
    return _review(
        application,
        reviewer,
        allowed=_submitted,
        action=_("提交审贷会"),
        kind=DecisionKind.REFER,
        opinion=opinion,
        to=S.REFERRED,
        reason=LoansReason.REFER,
    )


@transaction.atomic
def application_approve(
    *,
    application: LoanApplication,
    approver: User,
    opinion: str,
    conditions: str = "",
    amount: Decimal | None = None,
    term_months: int | None = None,
    rate: Decimal | None = None,
) -> LoanApplication:
    """Submitted → approved by a branch head within their authority, possibly on changed
    terms (a lower amount, a shorter term) and with conditions; the contract follows these."""
    application = lock_application(application)
    _require_approver(application, approver, "loans.decide")
    require_status(application, [S.SUBMITTED], _("审批"))
    amount = application.amount if amount is None else amount
    term_months = application.term_months if term_months is None else term_months
    rate = application.proposed_rate if rate is None else rate
    problems = []
    if amount > application.amount:
        problems.append(_("批准金额不能高于申请金额。"))
    if term_months > application.term_months:
        problems.append(_("批准期限不能长于申请期限。"))
    application.approved_amount = amount
    application.approved_term_months = term_months
    application.approved_rate = rate
    raise_problems(problems + _approval_problems(application, approver, amount))
    _approve(application, approver, opinion, conditions)
    return application


def _approve(application: LoanApplication, user: User, opinion: str, conditions: str) -> None:
    if application.decisions.filter(kind=DecisionKind.APPROVE).exists():
        raise ValidationError(_("该申请已被批准。"))
    try:
        with transaction.atomic():
            _decide(
                application,
                user,
                DecisionKind.APPROVE,
                opinion,
                LoansReason.APPROVE,
                conditions=conditions,
                amount=application.approved_amount,
                term_months=application.approved_term_months,
            )
    except IntegrityError as exc:  # the unique constraint: someone approved it already
        raise ValidationError(_("该申请已被批准。")) from exc
    application.approval_conditions = conditions
    application.approved_by = user
    application.approved_at = timezone.now()
    move_application(application, S.APPROVED, by=user, comment=opinion, reason=LoansReason.APPROVE)


def committee_size() -> int:
    return User.objects.filter(role=Role.COMMITTEE, is_active=True).count()


def committee_votes_needed(size: int) -> int:
    """The committee rule: a decision needs a strict majority of all active members, and never
    fewer than two votes. With two members that is both; with three, two; with five, three."""
    return max(2, size // 2 + 1)


@transaction.atomic
def committee_vote(
    *, application: LoanApplication, member: User, vote: str, opinion: str = ""
) -> CommitteeVote:
    """A committee member votes on a referred application. The application is approved once
    approvals reach the majority, rejected once a majority is no longer possible. A vote for
    re-checks eligibility on the day: what expired since submission is not approved."""
    application = lock_application(application)
    _require_approver(application, member, "loans.vote")
    require_status(application, [S.REFERRED], _("表决"))
    if vote not in Vote.values:
        raise ValidationError({"vote": _("表决须为同意或不同意。")})
    if application.votes.filter(member=member).exists():
        raise ValidationError(_("您已对该申请表决。"))
    if vote == Vote.APPROVE:
        application.approved_amount = application.amount
        application.approved_term_months = application.term_months
        application.approved_rate = application.proposed_rate
        raise_problems(_approval_problems(application, member, application.amount))
    record = audited_save(
        CommitteeVote(application=application, member=member, vote=vote, opinion=opinion),
        by=member,
        reason=LoansReason.VOTE,
        exclude=["application", "member"],
    )
    committee_member_done(application, member)
    size = committee_size()
    needed = committee_votes_needed(size)
    approvals = application.votes.filter(vote=Vote.APPROVE).count()
    rejections = application.votes.filter(vote=Vote.REJECT).count()
    summary = _("审贷会表决：同意 %(a)s 票，不同意 %(r)s 票。") % {"a": approvals, "r": rejections}
    if approvals >= needed:
        _approve(application, member, summary, "")
    elif rejections > size - needed:
        application.approved_amount = None
        application.approved_term_months = None
        application.approved_rate = None
        reason = LoansReason.COMMITTEE_REJECT
        _decide(application, member, DecisionKind.REJECT, summary, reason)
        move_application(application, S.REJECTED, by=member, comment=summary, reason=reason)
    return record
