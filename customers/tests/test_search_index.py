"""The one search box (name, ID number, phone) is served by trigram indexes on PostgreSQL and
is a plain case-insensitive scan on SQLite; it finds the same customers either way."""

from __future__ import annotations

from django.db import connection, transaction

from customers.models import Customer
from tests.factories import make_id_number
from tests.helpers import requires_postgres


def _customer(manager, name: str, n: int, phone: str = "") -> Customer:
    return Customer.objects.create(
        name=name,
        customer_type="farm_household",
        id_number=make_id_number(800 + n),
        phone=phone,
        manager=manager,
        branch=manager.branch,
    )


def test_search_finds_by_part_of_name_id_number_or_phone(bank, manager):
    wang = _customer(manager, "王建国Farm", 1, phone="13912340001")
    _customer(manager, "李秀英", 2, phone="13800000002")
    mine = Customer.objects.visible_to(manager)
    assert list(mine.search("建国")) == [wang]
    assert list(mine.search("farm")) == [wang]  # case does not matter
    assert list(mine.search(wang.id_number[-5:].lower())) == [wang]  # x → X (check digit)
    assert list(mine.search("1234 0001")) == [wang]  # spaces typed in a phone number
    assert mine.search("  ").count() == mine.count()


@requires_postgres
def test_each_search_column_has_its_trigram_index(bank, manager):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'customers_customer'"
        )
        indexes = dict(cursor.fetchall())
    assert "gin_trgm_ops" in indexes["customer_name_trgm"]
    assert "upper((name)::text)" in indexes["customer_name_trgm"]  # what icontains compares
    assert "gin_trgm_ops" in indexes["customer_id_number_trgm"]
    assert "gin_trgm_ops" in indexes["customer_phone_trgm"]


@requires_postgres
def test_the_planner_can_answer_a_search_from_the_trigram_indexes(bank, manager):
    _customer(manager, "王建国", 1, phone="13912340001")
    sql, params = Customer.objects.search("王建国").order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # A test table is too small to need an index: leave the planner nothing but bitmaps.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("customer_name_trgm", "customer_id_number_trgm", "customer_phone_trgm"):
        assert index in plan, plan
