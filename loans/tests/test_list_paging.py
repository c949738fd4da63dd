"""The application list pages by ``?page_size=`` (up to 100) and keeps its filters from page to
page; the same number of queries for one application as for many."""

from __future__ import annotations

import re

from loans.tests.conftest import make_application


def test_page_size_is_honoured_and_the_pager_keeps_the_filter(
    client_for, manager, customer, product
):
    for _ in range(3):
        make_application(customer, product, manager)
    client = client_for(manager)
    response = client.get("/loans/?status=draft&page_size=2")
    assert len(response.context["page"].object_list) == 2
    html = response.content.decode()
    assert re.search(r'rel="next" href="\?status=draft&amp;page_size=2&amp;page=2"', html)
    last = client.get("/loans/?status=draft&page_size=2&page=2")
    assert len(last.context["page"].object_list) == 1
    assert 'rel="next"' not in last.content.decode()


def test_page_size_has_a_cap_and_nonsense_means_the_default(client_for, manager, customer, product):
    make_application(customer, product, manager)
    client = client_for(manager)
    assert client.get("/loans/?page_size=100000").context["page"].paginator.per_page == 100
    assert client.get("/loans/?page_size=abc").context["page"].paginator.per_page == 25
    assert client.get("/loans/?page_size=0").context["page"].paginator.per_page == 25
