"""Home-page panels of post-loan: the manager's overdue loans."""

from __future__ import annotations

from django.utils import timezone

from creditdesk.models import Role
from postloan.queries import overdue_for

PANEL_ROWS = 8


def panels(user) -> list[dict]:
    if user.role != Role.MANAGER:
        return []
    overdue = overdue_for(user, on=timezone.localdate())
    return [
        {
            "template": "postloan/_panel_overdue.html",
            "loans": overdue[:PANEL_ROWS],
            "count": overdue.count(),
        }
    ]
