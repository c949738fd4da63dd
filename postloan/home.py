"""Home-page panels of post-loan: a manager's overdue and large loans, the week's
inspections and open alerts; a branch head's early-warning board and the alerts escalated
to them (10 days overdue)."""

from __future__ import annotations

from django.utils import timezone

from creditdesk.models import Role
from postloan import planning
from postloan.models import Alert, Loan
from postloan.queries import inspection_worklist, overdue_for, pending_proposals, warning_board

PANEL_ROWS = 8


def _manager_panels(user, today) -> list[dict]:
    overdue = overdue_for(user, on=today)
    large = (
        Loan.objects.visible_to(user)
        .active()
        .filter(planning.LARGE)
        .select_related("customer")
        .order_by("-outstanding_principal", "pk")
    )
    worklist = inspection_worklist(user, on=today)
    alerts = _alerts(user)
    return [
        {
            "template": "postloan/_panel_overdue.html",
            "loans": overdue[:PANEL_ROWS],
            "count": overdue.count(),
        },
        {
            "template": "postloan/_panel_worklist.html",
            "loans": worklist[:PANEL_ROWS],
            "count": worklist.count(),
            "today": today,
        },
        {
            "template": "postloan/_panel_large.html",
            "loans": large[:PANEL_ROWS],
            "count": large.count(),
        },
        {
            "template": "postloan/_panel_alerts.html",
            "alerts": alerts[:PANEL_ROWS],
            "count": alerts.count(),
        },
    ]


def _alerts(user):
    """The open alerts on the loans in the user's scope (the nightly job raises them)."""
    return (
        Alert.objects.visible_to(user)
        .open()
        .select_related("loan__customer")
        .order_by("-raised_on", "-pk")
    )


def _head_panels(user, today) -> list[dict]:
    board = warning_board(user)
    escalated = _alerts(user).filter(escalated_to_head=True)
    upgrades = pending_proposals(user)
    return [
        {
            "template": "postloan/_panel_warnings.html",
            "rows": board[:PANEL_ROWS],
            "count": board.count(),
            "width": "col-12",
        },
        {
            "template": "postloan/_panel_alerts.html",
            "alerts": escalated[:PANEL_ROWS],
            "count": escalated.count(),
            "escalated": True,
        },
        {
            "template": "postloan/_panel_upgrades.html",
            "proposals": upgrades[:PANEL_ROWS],
            "count": upgrades.count(),
        },
    ]


def panels(user) -> list[dict]:
    today = timezone.localdate()
    if user.role == Role.MANAGER:
        return _manager_panels(user, today)
    if user.role == Role.BRANCH_HEAD:
        return _head_panels(user, today)
    return []
