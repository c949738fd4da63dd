"""Template context for every page: the navigation's count of open notices."""

from __future__ import annotations

from functools import cache

from creditdesk.notifications import open_count


def notifications(request) -> dict:
    """``notice_count``: called by the template, so a page that never shows the navigation
    (errors, the login page) runs no query; cached, so showing it twice costs one COUNT."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def notice_count() -> int:
        return open_count(user)

    return {"notice_count": notice_count}
