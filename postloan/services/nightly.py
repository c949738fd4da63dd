"""Starting the nightly job by hand (the administrator's button in the admin site)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from creditdesk.access import require_role
from creditdesk.models import User


def nightly_request(*, by: User, day: datetime.date | None = None) -> datetime.date:
    """Queue the nightly job for ``day`` (today) once the caller's transaction commits; run
    again if the date was already run (the job is idempotent). Returns the business date."""
    require_role(by, "postloan.run_nightly")
    from postloan.tasks import nightly  # the task module imports the services

    day = day or timezone.localdate()
    nightly.delay_on_commit(day.isoformat(), force=True)
    return day
