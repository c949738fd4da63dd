"""Five-category classification (五级分类) by people: a manager proposes, a worse category
applies at once, a better one waits for the branch head, and never past the floor the days
past due set (docs/classification.md). The nightly job moves categories down to the floor by
itself (postloan.nightly.state); every move is a ``LoanMove`` and a history row of the loan.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import require_in_scope, require_role
from creditdesk.history import audited_save
from creditdesk.models import Role, User
from creditdesk.notifications import notify, resolve
from postloan.models import (
    ClassificationProposal,
    Loan,
    LoanClass,
    LoanMove,
    LoanStatus,
    MoveKind,
    ProposalStatus,
    Restructure,
    classification_floor,
)
from postloan.notices import NoticeKind
from postloan.reasons import PostloanReason


def floor_today(loan: Loan, today: datetime.date | None = None) -> str:
    """The floor as of today, from the schedule rather than last night's stored figures."""
    today = today or timezone.localdate()
    return classification_floor(
        days_past_due=loan.days_past_due_on(today),
        restructure=loan.restructure,
        observation_until=loan.observation_until,
        on=today,
    )


def _lock(loan: Loan) -> Loan:
    return Loan.objects.select_for_update(of=("self",)).get(pk=loan.pk)


def _move(loan: Loan, category: str, *, by: User, reason, note: str) -> None:
    """Set the loan's category, with its history row and its move."""
    old = loan.classification
    loan.classification = category
    audited_save(loan, by=by, reason=reason, note=note, update_fields=["classification"])
    LoanMove.objects.create(
        loan=loan,
        kind=MoveKind.CLASSIFICATION,
        moved_on=timezone.localdate(),
        from_value=old,
        to_value=category,
        by=by,
        reason=str(reason.value),
        created_at=timezone.now(),
    )


def _heads_of(loan: Loan):
    path = loan.branch.path
    return [
        head
        for head in User.objects.filter(role=Role.BRANCH_HEAD, is_active=True).select_related(
            "branch"
        )
        if path.startswith(head.branch.path) and head.branch.parent_id is not None
    ]


@transaction.atomic
def classification_propose(
    *, loan: Loan, by: User, category: str, reason: str
) -> ClassificationProposal:
    """A worse category applies at once; a better one waits for the branch head."""
    require_role(by, "postloan.classify")
    require_in_scope(Loan.objects, by, loan)
    loan = _lock(loan)
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("只有未结清的贷款可以调整风险分类。"))
    if category not in LoanClass.values:
        raise ValidationError({"category": _("请选择五级分类。")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写调整理由。")})
    current = loan.classification
    if category == current:
        raise ValidationError({"category": _("与现有分类相同。")})
    worse = LoanClass.rank(category) > LoanClass.rank(current)
    proposal = ClassificationProposal(
        loan=loan, from_class=current, category=category, reason=reason.strip(), proposed_by=by
    )
    if worse:
        proposal.status = ProposalStatus.APPLIED
        proposal.decided_at = timezone.now()
        audited_save(proposal, by=by, reason=PostloanReason.CLASSIFY_DOWN)
        _move(loan, category, by=by, reason=PostloanReason.CLASSIFY_DOWN, note=reason)
        return proposal
    floor = floor_today(loan)
    if LoanClass.rank(category) < LoanClass.rank(floor):
        raise ValidationError(
            {
                "category": _("逾期或重组观察期内，分类不得优于%(floor)s。")
                % {"floor": LoanClass(floor).label}
            }
        )
    if ClassificationProposal.objects.pending().filter(loan=loan).exists():
        raise ValidationError(_("该贷款已有待审批的分类上调。"))
    audited_save(proposal, by=by, reason=PostloanReason.CLASSIFY_PROPOSE)
    notify(
        _heads_of(loan),
        kind=NoticeKind.CLASS_UPGRADE,
        target=proposal,
        label=f"{loan.customer.name} · {loan.contract_number}",
        url=loan.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def classification_decide(
    *, proposal: ClassificationProposal, by: User, approve: bool, opinion: str
) -> ClassificationProposal:
    """The branch head approves or rejects an upgrade (four eyes: not their own proposal)."""
    require_role(by, "postloan.classify_decide")
    require_in_scope(Loan.objects, by, proposal.loan)
    proposal = ClassificationProposal.objects.select_for_update().get(pk=proposal.pk)
    loan = _lock(proposal.loan)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("该分类调整已处理。"))
    if proposal.proposed_by_id == by.pk:
        raise ValidationError(_("不能审批本人提出的分类调整。"))
    if not approve and not (opinion or "").strip():
        raise ValidationError({"opinion": _("驳回须填写意见。")})
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.opinion = (opinion or "").strip()
    if approve:
        floor = floor_today(loan)
        if LoanClass.rank(proposal.category) < LoanClass.rank(floor):
            raise ValidationError(
                _("贷款现已逾期或处于观察期，分类不得优于%(floor)s。")
                % {"floor": LoanClass(floor).label}
            )
        proposal.status = ProposalStatus.APPLIED
        audited_save(proposal, by=by, reason=PostloanReason.CLASSIFY_APPROVE)
        _move(
            loan,
            proposal.category,
            by=by,
            reason=PostloanReason.CLASSIFY_APPROVE,
            note=proposal.opinion,
        )
    else:
        proposal.status = ProposalStatus.REJECTED
        audited_save(proposal, by=by, reason=PostloanReason.CLASSIFY_REJECT)
    resolve(target=proposal, kind=NoticeKind.CLASS_UPGRADE)
    return proposal


@transaction.atomic
def loan_mark_restructured(
    *, loan: Loan, by: User, kind: str, observation_until: datetime.date, note: str = ""
) -> Loan:
    """Mark a loan restructured (重组) or refinanced to repay an old one (借新还旧): until
    ``observation_until`` it cannot sit in "normal"; the category moves there at once."""
    require_role(by, "postloan.restructure")
    require_in_scope(Loan.objects, by, loan)
    loan = _lock(loan)
    if loan.status != LoanStatus.ACTIVE:
        raise ValidationError(_("只有未结清的贷款可以标记重组。"))
    if kind not in (Restructure.RESTRUCTURED, Restructure.REFINANCED):
        raise ValidationError({"kind": _("请选择重组贷款或借新还旧。")})
    today = timezone.localdate()
    if observation_until is None or observation_until <= today:
        raise ValidationError({"observation_until": _("观察期须截至今天以后。")})
    loan.restructure, loan.observation_until = kind, observation_until
    audited_save(
        loan,
        by=by,
        reason=PostloanReason.RESTRUCTURE,
        note=note,
        update_fields=["restructure", "observation_until"],
    )
    floor = floor_today(loan, today)
    if LoanClass.rank(floor) > LoanClass.rank(loan.classification):
        _move(loan, floor, by=by, reason=PostloanReason.RESTRUCTURE, note=note)
    return loan
