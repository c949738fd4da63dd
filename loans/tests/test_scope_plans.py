"""A manager's applications cost their book, not the bank: the scope is a set of ids found
through three indexes (their customers', the ones they created, the ones they help to
investigate), never an OR across a LEFT JOIN that makes the planner scan every application."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import Q

from loans.models import Investigation, LoanApplication
from loans.models.base import scoped
from tests.helpers import requires_postgres


def _sql(queryset) -> str:
    return str(queryset.query).upper()


def test_the_managers_scope_is_a_union_of_indexed_id_sets(bank, manager):
    sql = _sql(LoanApplication.objects.visible_to(manager))
    assert "UNION" in sql and "SECOND_INVESTIGATOR_ID" in sql and "CREATED_BY_ID" in sql
    assert "LEFT OUTER JOIN" not in sql
    assert " OR " not in sql
    assert "LEFT OUTER JOIN" not in _sql(Investigation.objects.visible_to(manager))


def test_the_set_holds_exactly_the_rows_of_the_three_rules(bank, manager, manager2, pending):
    """(``pending`` is the manager's submitted application, investigated with manager2.)"""
    for user in (manager, manager2):
        rule = scoped(user, "") | Q(created_by=user) | Q(investigation__second_investigator=user)
        expected = set(LoanApplication.objects.filter(rule).values_list("pk", flat=True))
        got = set(LoanApplication.objects.visible_to(user).values_list("pk", flat=True))
        assert got == expected
    assert pending.pk in got  # manager2 sees it as the second investigator


@requires_postgres
def test_on_postgresql_the_set_is_looked_up_by_index(bank, manager):
    sql, params = LoanApplication.objects.visible_to(manager).query.sql_with_params()
    assert "= ANY(ARRAY(" in sql
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Join Filter" not in plan
    assert "Seq Scan on loans_loanapplication" not in plan, plan
