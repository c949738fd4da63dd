"""Every list, detail and home page — web and API — costs the same number of queries however
many records the bank holds (no N+1): each page is measured, the bank grows by two more full
sets of records of every kind in the manager's scope and one in another branch, and each page
must then cost exactly as many queries as before (``django_assert_num_queries``), and never
more than ``CEILING``.

Pages of a scope are read by the role that sees the most of it (the manager their own book,
the head their branch, the auditor the bank).
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from creditdesk.models import User
from tests.world import _records, world_in_rollback

pytestmark = pytest.mark.django_db

#: No page may need more queries than this, whatever the data.
CEILING = 45

LISTS = [
    "home",
    "notifications",
    "customers:list",
    "customers:followups",
    "customers:pipeline",
    "customers:villages",
    "customers:credit_queue",
    "customers:credit_batches",
    "loans:application_list",
    "loans:approval_queue",
    "postloan:loan_list",
    "postloan:classification_proposals",
    "guarantees:guarantors",
    "guarantees:collateral_list",
    "guarantees:groups",
    "customer-list",
    "contact-list",
    "household-member-list",
    "financial-snapshot-list",
    "product-holding-list",
    "credit-rating-list",
    "credit-line-list",
    "village-batch-list",
    "batch-entry-list",
    "application-list",
    "loan-list",
    "classification-proposal-list",
    "guarantor-list",
    "guarantee-list",
    "collateral-list",
    "pledge-list",
    "joint-group-list",
]
#: (route, the world's record whose id fills <pk>)
DETAILS = [
    ("customers:detail", "customer"),
    ("customers:credit", "customer"),
    ("customers:credit_line", "line_active"),
    ("customers:credit_batch", "batch_open"),
    ("loans:application_detail", "app_pending"),
    ("postloan:loan_detail", "loan"),
    ("guarantees:application", "app_pending"),
    ("guarantees:guarantor", "guarantor"),
    ("guarantees:collateral", "collateral"),
    ("guarantees:group", "group"),
    ("customer-detail", "customer"),
    ("application-detail", "app_pending"),
    ("loan-detail", "loan"),
    ("loan-repayments", "loan"),
    ("classification-proposal-detail", "class_proposal"),
    ("credit-line-detail", "line_active"),
    ("village-batch-detail", "batch_open"),
    ("guarantee-structure", "app_pending"),
    ("joint-group-detail", "group"),
]
ROLES = ("manager", "head", "auditor")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _pages(built) -> list[tuple[str, str]]:
    own = built.scopes["own"]
    pages = [(role, reverse(route)) for route in LISTS for role in ROLES]
    for route, record in DETAILS:
        url = reverse(route, kwargs={"pk": getattr(own, record).pk})
        pages += [(role, url) for role in ROLES]
    return pages


def _count(client, url: str) -> int:
    """The queries of one request (after a first one that warms the session); -1 if the page
    does not answer 200."""
    client.raise_request_exception = False
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries) if response.status_code == 200 else -1


def _grow(built) -> None:
    """Two more full sets of records for the manager, one more for a manager elsewhere."""
    product = built.refs["product"]
    for tag, scope in (("grow1", "own"), ("grow2", "own"), ("grow3", "other")):
        records = built.scopes[scope]
        head = User.objects.get(username="head1" if scope == "own" else "head2")
        _records(records.owner, head, records.second, product, tag=tag)


def test_no_page_costs_more_queries_with_more_data(world, django_assert_num_queries):
    built, clients = world
    pages = _pages(built)
    with transaction.atomic():
        before = {(role, url): _count(clients[role], url) for role, url in pages}
        _grow(built)
        grown = []
        for (role, url), n in before.items():
            if n < 0:
                continue
            try:
                with django_assert_num_queries(n):
                    clients[role].get(url)
            except pytest.fail.Exception:
                grown.append(f"{role} {url}: {n} → {_count(clients[role], url)}")
        transaction.set_rollback(True)
    assert grown == [], "pages whose queries grow with the data:\n" + "\n".join(grown)
    broken = [f"{role} {url}" for (role, url), n in before.items() if n < 0]
    assert broken == [], "pages that do not answer 200:\n" + "\n".join(broken)
    heavy = [f"{role} {url}: {n}" for (role, url), n in before.items() if n > CEILING]
    assert heavy == [], f"pages over {CEILING} queries:\n" + "\n".join(heavy)
