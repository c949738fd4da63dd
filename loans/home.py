"""Home-page panels of loans: the approver's queue, the manager's applications."""

from __future__ import annotations

from creditdesk.models import Role
from loans.models import EDITABLE_STATUSES, ApplicationStatus, LoanApplication

PANEL_ROWS = 8


def panels(user) -> list[dict]:
    if user.role in (Role.BRANCH_HEAD, Role.COMMITTEE):
        queue = LoanApplication.objects.approval_queue(user)
        return [
            {
                "template": "loans/_panel_queue.html",
                "width": "col-12",
                "applications": queue[:PANEL_ROWS],
                "count": queue.count(),
            }
        ]
    if user.role == Role.MANAGER:
        mine = LoanApplication.objects.visible_to(user).for_list()
        return [
            {
                "template": "loans/_panel_applications.html",
                "applications": mine.filter(
                    status__in=[
                        *EDITABLE_STATUSES,
                        ApplicationStatus.APPROVED,
                        ApplicationStatus.CONTRACT_SIGNED,
                    ]
                ).order_by("status_changed_at")[:PANEL_ROWS],
                "waiting": mine.filter(
                    status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.REFERRED]
                ).count(),
            }
        ]
    return []
