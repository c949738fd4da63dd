"""The approval queue (待审批) a page at a time, oldest first, in the same number of queries
however long it is."""

from __future__ import annotations

import re

from loans.tests.conftest import make_application, submitted

URL = "/loans/queue/"


def listed(html: str) -> list[int]:
    """The application numbers on the page, in order."""
    return [int(n) for n in re.findall(r'<td><a href="/loans/(\d+)/">\d+</a></td>', html)]


def test_queue_pages_oldest_first(client_for, customer, product, manager, manager2, head):
    waiting = [
        submitted(make_application(customer, product, manager), manager, manager2) for _ in range(3)
    ]
    client = client_for(head)
    first = client.get(URL, {"page_size": 2}).content.decode()
    assert listed(first) == [a.pk for a in waiting[:2]]
    assert 'rel="next" href="?page_size=2&amp;page=2"' in first
    second = client.get(URL, {"page_size": 2, "page": 2}).content.decode()
    assert listed(second) == [waiting[2].pk]
    assert 'rel="next"' not in second


def test_queue_costs_the_same_queries_for_any_length(
    client_for, customer, product, manager, manager2, head, django_assert_num_queries
):
    client = client_for(head)
    submitted(make_application(customer, product, manager), manager, manager2)
    # session, user, the user's branch (scope), page count, page rows (with customer and
    # product), notification count
    with django_assert_num_queries(6):
        assert len(listed(client.get(URL).content.decode())) == 1
    for _ in range(3):
        submitted(make_application(customer, product, manager), manager, manager2)
    with django_assert_num_queries(6):
        assert len(listed(client.get(URL).content.decode())) == 4
    with django_assert_num_queries(6):
        assert len(listed(client.get(URL, {"page_size": 2, "page": 2}).content.decode())) == 2
