"""The daily email digest (每日提醒): what landed on each manager and branch head, in one
mail in the morning — built here (a plain module the task and the tests call), sent through
Django's email backend (the console in the embedded default).

A manager reads their overdue loans, the week's inspections (large and exceptions first) and
their open alerts; a branch head reads the early-warning board and the alerts escalated to
them. Nothing to say, no mail."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from creditdesk.models import Role, User
from postloan.models import Alert
from postloan.queries import inspection_worklist, overdue_for, warning_board

ROWS = 10


def _sections(user: User, on: datetime.date) -> dict:
    alerts = Alert.objects.visible_to(user).open().select_related("loan__customer")
    if user.role == Role.MANAGER:
        return {
            "overdue": overdue_for(user, on=on),
            "worklist": inspection_worklist(user, on=on),
            "alerts": alerts.order_by("-raised_on", "pk"),
        }
    return {
        "warnings": warning_board(user),
        "alerts": alerts.filter(escalated_to_head=True).order_by("-raised_on", "pk"),
    }


def digest_for(user: User, *, on: datetime.date) -> EmailMessage | None:
    """The user's digest for the day, or None when nothing is waiting for them."""
    if not user.email or user.role not in (Role.MANAGER, Role.BRANCH_HEAD):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        sections = {}
        for name, rows in _sections(user, on).items():
            count = rows.count()
            if count:
                sections[name] = {"count": count, "rows": list(rows[:ROWS])}
        if not sections:
            return None
        body = render_to_string("postloan/email/digest.txt", {"user": user, "on": on, **sections})
        subject = _("CreditDesk 每日提醒 %(day)s") % {"day": on.isoformat()}
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_daily_digests(*, on: datetime.date) -> int:
    """One digest to every active manager and branch head with something waiting; returns how
    many were sent. Staff are read in pages, so the memory stays small however many."""
    staff = (
        User.objects.filter(is_active=True, role__in=[Role.MANAGER, Role.BRANCH_HEAD])
        .exclude(email="")
        .select_related("branch")
        .order_by("pk")
    )
    sent = 0
    with get_connection() as connection:
        for user in staff.iterator(chunk_size=200):
            message = digest_for(user, on=on)
            if message is not None:
                message.connection = connection
                sent += message.send()
    return sent
