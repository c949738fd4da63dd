"""Long lists page without counting the whole scope: the count is exact up to a bound and an
estimate above it, and ``next`` still leads to the very last row."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from creditdesk.models import User
from creditdesk.paging import Paginator, bounded_count
from customers.models import Customer
from tests.factories import make_id_number


def _customers(manager, n: int) -> None:
    for i in range(n):
        Customer.objects.create(
            name=f"分页客户{i:02d}",
            customer_type="farm_household",
            id_number=make_id_number(700 + i),
            manager=manager,
            branch=manager.branch,
        )


def test_the_count_is_exact_up_to_the_bound(bank, settings):
    settings.LIST_EXACT_COUNT_UP_TO = 100
    assert bounded_count(User.objects.all()) == (User.objects.count(), True)
    paginator = Paginator(User.objects.order_by("pk"), 2)
    assert paginator.count == User.objects.count() and paginator.count_is_exact


def test_above_the_bound_the_count_reads_no_more_rows_than_the_bound(bank, settings):
    settings.LIST_EXACT_COUNT_UP_TO = 3
    with CaptureQueriesContext(connection) as queries:
        count, exact = bounded_count(User.objects.all())
    assert not exact and count >= 4
    assert "LIMIT 4" in queries[0]["sql"]  # COUNT(*) over at most bound + 1 rows


def test_next_pages_reach_the_last_row_when_the_count_is_an_estimate(bank, settings):
    settings.LIST_EXACT_COUNT_UP_TO = 3
    everyone = list(User.objects.order_by("pk").values_list("pk", flat=True))
    paginator = Paginator(User.objects.order_by("pk"), 2)
    seen, number = [], 1
    while True:
        page = paginator.page(number)
        assert not paginator.count_is_exact
        seen += [u.pk for u in page]
        if not page.has_next():
            break
        number = page.next_page_number()
    assert seen == everyone


def test_a_page_beyond_the_list_falls_back_to_a_real_page(bank, settings):
    settings.LIST_EXACT_COUNT_UP_TO = 3
    page = Paginator(User.objects.order_by("pk"), 2).get_page(999)
    assert len(page.object_list) >= 1


def test_the_api_follows_next_to_every_row_beyond_the_exact_count(bank, api_for, auditor, settings):
    settings.LIST_EXACT_COUNT_UP_TO = 3
    api = api_for(auditor)
    url, seen = "/api/users/?page_size=2", []
    while url:
        body = api.get(url).json()
        assert body["count"] >= 4  # an estimate above the bound, never a full COUNT(*)
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(User.objects.values_list("pk", flat=True))


def test_page_size_is_honoured_up_to_the_cap(bank, api_for, auditor):
    api = api_for(auditor)
    assert len(api.get("/api/users/?page_size=3").json()["results"]) == 3
    assert api.get("/api/users/?page_size=0").status_code == 400


def test_the_web_list_says_about_when_the_count_is_an_estimate(bank, manager, client_for, settings):
    _customers(manager, 25)
    settings.LIST_EXACT_COUNT_UP_TO = 10
    response = client_for(manager).get("/customers/?page_size=20")
    assert response.status_code == 200
    assert not response.context["page"].paginator.count_is_exact
    assert "≈" in response.content.decode()
    assert 'rel="next"' in response.content.decode()
    last = client_for(manager).get("/customers/?page_size=20&page=2")
    assert len(last.context["page"].object_list) == 5
    assert 'rel="next"' not in last.content.decode()
