"""Whose turn it is (待办): each step of an application hands the next task to someone, who is
told in the application (``creditdesk.notifications``); the step that completes a task clears
its notice. :func:`hand_over` runs inside :func:`loans.services.workflow.move_application`, so
every status change — here or in post-loan — keeps the notices true."""

from __future__ import annotations

from creditdesk.models import User
from creditdesk.notifications import notify, resolve
from loans.models import ApplicationStatus, LoanApplication
from loans.notices import NoticeKind

S = ApplicationStatus
K = NoticeKind

#: The task each status hands out; a status not listed hands out none.
TASK_OF_STATUS = {
    S.SUBMITTED: K.SUBMITTED,
    S.REFERRED: K.COMMITTEE_VOTE,
    S.RETURNED: K.RETURNED,
    S.APPROVED: K.APPROVED,
    S.CONTRACT_SIGNED: K.APPROVED,  # signed, still to be disbursed
}
#: Once the application is decided or closed, nobody's help is needed any more.
FINAL_STATUSES = (S.REJECTED, S.WITHDRAWN, S.DISBURSED, S.SETTLED, S.WRITTEN_OFF)


def application_label(application: LoanApplication) -> str:
    """What a notice is about, the same in every language: ``王建国 · #7 · 50,000.00``."""
    return f"{application.customer.name} · #{application.pk} · {application.amount:,.2f}"


def handling_managers(application: LoanApplication) -> list[User]:
    """Who prepares the application: its creator and the customer's manager."""
    ids = {application.created_by_id, application.customer.manager_id} - {None}
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def recipients_for(application: LoanApplication, kind: str) -> list[User]:
    if kind == K.SUBMITTED:
        return User.objects.heads_over(application.customer.branch)
    if kind == K.COMMITTEE_VOTE:
        voted = application.votes.values("member")
        return list(User.objects.committee_members().exclude(pk__in=voted))
    return handling_managers(application)


def hand_over(application: LoanApplication, *, to: str) -> None:
    """The application moved to ``to``: the previous step's notices are done, the next
    step's people are told."""
    kind = TASK_OF_STATUS.get(to)
    if to in FINAL_STATUSES:
        resolve(target=application)
        return
    # Every step's notice but the new one's; the second investigator's clears on confirmation.
    resolve(
        target=application,
        kind=[k for k in K if k not in (kind, K.SECOND_INVESTIGATOR)],
    )
    if kind is not None:
        notify(
            recipients_for(application, kind),
            kind=kind,
            target=application,
            label=application_label(application),
        )


def second_investigator_turn(application: LoanApplication, second: User | None) -> None:
    """Findings await the second investigator's confirmation (双人调查); a confirmation
    given before the change no longer holds."""
    resolve(target=application, kind=K.CONFIRMED)
    if second is not None:
        notify(
            second,
            kind=K.SECOND_INVESTIGATOR,
            target=application,
            label=application_label(application),
        )


def second_investigator_done(application: LoanApplication) -> None:
    """Confirmed: the manager may submit (their turn again)."""
    resolve(target=application, kind=K.SECOND_INVESTIGATOR)
    notify(
        handling_managers(application),
        kind=K.CONFIRMED,
        target=application,
        label=application_label(application),
    )


def committee_member_done(application: LoanApplication, member: User) -> None:
    resolve(target=application, kind=K.COMMITTEE_VOTE, recipient=member)
