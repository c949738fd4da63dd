"""Bounds for the dates people type: a year 1 or 9999 is a typing error, and date arithmetic
on it (a schedule, a line's expiry, an age) would overflow into a 500."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
# Far enough for any contract or line the bank signs today; far from datetime's year 9999.
YEARS_AHEAD = 50


def latest_reasonable_date() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def reasonable_date(value: datetime.date | None) -> None:
    """A typed date lies between 1900-01-01 and 50 years from today."""
    if value is None:
        return
    latest = latest_reasonable_date()
    if not EARLIEST_DATE <= value <= latest:
        raise ValidationError(
            _("日期须在 %(earliest)s 至 %(latest)s 之间。"),
            code="date_out_of_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": latest.isoformat()},
        )


def require_between(
    value: datetime.date,
    *,
    earliest: datetime.date,
    latest: datetime.date,
    field: str,
    message,
) -> None:
    """Services: ``value`` must lie in [earliest, latest] (both inclusive), else a field error."""
    if not earliest <= value <= latest:
        raise ValidationError(
            {
                field: ValidationError(
                    message,
                    code="date_out_of_range",
                    params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                )
            }
        )
