"""Reads of loan accounts that are more than one QuerySet method."""

from __future__ import annotations

import datetime

from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from creditdesk.access import may
from postloan import planning
from postloan.models import (
    ClassificationProposal,
    DpdBucket,
    Inspection,
    Loan,
    LoanClass,
    LoanQuerySet,
    LoanStatus,
    MoveKind,
    classification_floor,
)
from postloan.models.inspection import InspectionQuerySet
from postloan.reasons import PostloanJob, PostloanReason


def overdue_for(user, *, on: datetime.date) -> LoanQuerySet:
    """The loans in the user's scope past due on ``on``, oldest due date first."""
    return (
        Loan.objects.visible_to(user)
        .overdue(on=on)
        .select_related("customer")
        .order_by("next_due_date")
    )


def is_handler(loan: Loan, user) -> bool:
    """Whether the user records this loan's repayments: its manager or the application's."""
    return user.pk in (loan.manager_id, loan.application.created_by_id)


#: Days ahead the inspection worklist looks: the week.
WORKLIST_DAYS = 7


def inspection_worklist(user, *, on: datetime.date) -> LoanQuerySet:
    """The active loans in the user's scope due for inspection within the week, large and
    exceptions first (large and overdue, then overdue — longest overdue first — then large),
    then by due date."""
    exception = Q(overdue_since__isnull=False)
    large = planning.LARGE
    return (
        Loan.objects.visible_to(user)
        .active()
        .filter(next_inspection_due__lte=on + datetime.timedelta(days=WORKLIST_DAYS))
        .annotate(
            priority=Case(
                When(exception & large, then=Value(0)),
                When(exception, then=Value(1)),
                When(large, then=Value(2)),
                default=Value(3),
            )
        )
        .select_related("customer", "manager")
        .order_by("priority", F("overdue_since").asc(nulls_last=True), "next_inspection_due", "pk")
    )


def warning_board(user) -> InspectionQuerySet:
    """The early-warning board (预警看板): the loans in the user's scope whose latest
    inspection raised a warning signal, with that inspection."""
    return Inspection.objects.visible_to(user).warnings()


REASONS = dict(PostloanReason.choices + PostloanJob.choices)

#: Moves shown on a loan's classification card (the activity page keeps them all).
CARD_MOVES = 20


def classification_card(loan: Loan, user) -> dict:
    """What the loan page's classification card (五级分类) shows and which of its forms the
    viewer may use; ``*_refused`` says why a button is disabled."""
    today = timezone.localdate()
    floor = classification_floor(
        days_past_due=loan.days_past_due_on(today),
        restructure=loan.restructure,
        observation_until=loan.observation_until,
        on=today,
    )
    pending = (
        ClassificationProposal.objects.pending()
        .filter(loan=loan)
        .select_related("proposed_by")
        .first()
    )
    active = loan.status == LoanStatus.ACTIVE
    decide_refused = approve_refused = ""
    if pending and pending.proposed_by_id == user.pk:
        decide_refused = _("不能审批本人提出的分类调整。")
    elif pending and LoanClass.rank(pending.category) < LoanClass.rank(floor):
        approve_refused = _("贷款现已逾期或处于观察期，分类不得优于%(floor)s。") % {
            "floor": LoanClass(floor).label
        }
    return {
        "floor": LoanClass(floor),
        "observed": loan.restructure != "none"
        and loan.observation_until is not None
        and loan.observation_until >= today,
        "moves": _labelled(loan.moves.select_related("by")[:CARD_MOVES]),
        "pending": pending,
        "may_classify": active and may(user, "postloan.classify"),
        "may_decide": bool(pending) and may(user, "postloan.classify_decide"),
        "decide_refused": decide_refused,
        "approve_refused": approve_refused,
        "may_restructure": active and may(user, "postloan.restructure"),
    }


def _labelled(moves) -> list:
    """The moves with the labels of their values (a category or a days-past-due bucket)."""
    moves = list(moves)
    for move in moves:
        choices = LoanClass if move.kind == MoveKind.CLASSIFICATION else DpdBucket
        labels = dict(choices.choices)
        move.from_label = labels.get(move.from_value, move.from_value)
        move.to_label = labels.get(move.to_value, move.to_value)
        move.reason_label = REASONS.get(move.reason, move.reason)
    return moves


def pending_proposals(user):
    """The upgrades waiting for a branch head in the user's scope, oldest first."""
    return (
        ClassificationProposal.objects.visible_to(user)
        .pending()
        .select_related("loan__customer", "proposed_by")
        .order_by("proposed_at", "pk")
    )
