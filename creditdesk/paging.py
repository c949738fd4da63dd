"""Pages of long lists, web and API alike, that cost one page — not the whole scope.

A list of a bank-wide scope (an auditor's 300,000 loans) must not run ``COUNT(*)`` over its
whole scope on every request. :class:`Paginator` is Django's paginator with two changes:

- the count is exact up to ``settings.LIST_EXACT_COUNT_UP_TO`` rows (a count over a
  ``LIMIT``-ed subquery: at most that many index entries are read); above it, the planner's
  estimate on PostgreSQL (``count_is_exact`` is then False and pages say "about");
- whether there is a next page is decided by reading one row more than the page, never by the
  count, so a client that follows ``next`` reaches the last row even when the count is only
  an estimate.

Use it wherever ``django.core.paginator.Paginator`` was used::

    from creditdesk.paging import Paginator
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))

and render ``templates/creditdesk/_pager.html`` (``{% include "creditdesk/_pager.html" %}``,
with ``query`` the other GET parameters — :func:`other_parameters` — if the list has filters;
:func:`page_size` reads ``?page_size=`` up to a cap). The API's pagination
(``creditdesk.api.pagination``) uses the same class.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.paginator import EmptyPage, InvalidPage, Page, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.utils.functional import cached_property

__all__ = [
    "EmptyPage",
    "InvalidPage",
    "Paginator",
    "bounded_count",
    "estimated_rows",
    "other_parameters",
    "page_size",
]


def exact_count_cap() -> int:
    return settings.LIST_EXACT_COUNT_UP_TO


def estimated_rows(queryset) -> int | None:
    """The planner's estimate of the rows ``queryset`` returns (PostgreSQL), else None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def bounded_count(queryset, cap: int | None = None) -> tuple[int, bool]:
    """``(count, exact)``: the exact count if it is at most ``cap``, else an estimate above
    ``cap`` (the planner's on PostgreSQL, ``cap + 1`` elsewhere)."""
    cap = exact_count_cap() if cap is None else cap
    n = queryset.order_by().values("pk")[: cap + 1].count()
    if n <= cap:
        return n, True
    return max(estimated_rows(queryset) or 0, cap + 1), False


def page_size(request, default: int, *, cap: int = 100) -> int:
    """``?page_size=`` of a web list: a whole number, at most ``cap``; else ``default``."""
    raw = request.GET.get("page_size", "")
    if not raw.isdigit() or int(raw) < 1:
        return default
    return min(int(raw), cap)


def other_parameters(request) -> str:
    """The list's query string without ``page``: what the pager's links carry along."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class BoundedPage(Page):
    """A page that knows from its own rows whether another follows."""

    def __init__(self, object_list, number, paginator, *, has_more: bool):
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self) -> bool:
        return self._has_more


class Paginator(DjangoPaginator):
    count_is_exact = True

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, list | tuple):
            return len(self.object_list)
        n, self.count_is_exact = bounded_count(self.object_list)
        return n

    def validate_number(self, number):
        self.count  # noqa: B018 (counting sets count_is_exact)
        if self.count_is_exact:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number  # beyond an estimate: the page itself tells whether it is empty

    def page(self, number) -> BoundedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return BoundedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def get_page(self, number) -> BoundedPage:
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            last = self.num_pages
            try:
                return self.page(last)
            except EmptyPage:  # an estimate larger than the list
                return self.page(1)
