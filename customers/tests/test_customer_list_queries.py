"""A list of 1,000 customers costs the same number of queries at any page size."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import CreditRating, Customer
from tests.factories import make_id_number


def _thousand(manager):
    Customer.objects.bulk_create(
        Customer(
            name=f"客户{n}",
            customer_type="farm_household",
            id_number=make_id_number(n),
            phone=f"138{n:08d}",
            village="东村",
            manager=manager,
            branch=manager.branch,
        )
        for n in range(1000)
    )
    today = datetime.date.today()
    CreditRating.objects.bulk_create(
        CreditRating(
            customer=c, grade="A", score=80, valid_from=today, valid_until=today.replace(
                year=today.year + 1), rated_by=manager,
        )
        for c in Customer.objects.all()[:300]
    )  # fmt: skip


def test_customer_list_query_count_does_not_grow_with_page_size(
    bank, manager, client_for, django_assert_num_queries
):
    _thousand(manager)
    client = client_for(manager)
    client.get("/customers/?page_size=20")  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert client.get("/customers/?page_size=20").status_code == 200
    with django_assert_num_queries(len(small)):
        response = client.get("/customers/?page_size=100&grade=A")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 300
    assert len(small) <= 8


def test_head_list_and_api_list_are_constant_too(
    bank, manager, head, client_for, api_for, django_assert_num_queries
):
    _thousand(manager)
    client = client_for(head)
    with CaptureQueriesContext(connection) as small:
        client.get("/customers/?page_size=20")
    with django_assert_num_queries(len(small)):
        client.get("/customers/?page_size=100")
    api = api_for(manager)
    with CaptureQueriesContext(connection) as small:
        api.get("/api/customers/?page_size=10")
    with django_assert_num_queries(len(small)):
        api.get("/api/customers/?page_size=50")
