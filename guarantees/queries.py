"""Reads that are more than a QuerySet method: bank-wide contingent liabilities, mutual-
guarantee circles, what collateral already secures, and members of a group in default.

Circles are found on the graph "guarantor → borrower" of the live guarantees, people and
organisations known by their ID number or credit code (the same party registered by two
branches is one node):

- :func:`circle_of` — the circle through one borrower: ONE recursive SQL query (SQLite and
  PostgreSQL) intersecting who the borrower reaches with who reaches the borrower;
- :func:`all_circles` — every circle of the bank: the edges loaded in one query, then one
  pass of Tarjan's algorithm (strongly connected components) in Python.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Q, Sum

from customers.models import Customer
from guarantees.models import LIVE, PLEDGE_LIVE, ZERO, Guarantee, Guarantor, Pledge


def contingent_liabilities(id_numbers, *, excluding_application=None) -> dict[str, Decimal]:
    """Per ID number, the amounts it guarantees across the bank (live guarantees)."""
    guarantees = Guarantee.objects.filter(status__in=LIVE, guarantor__id_number__in=id_numbers)
    if excluding_application is not None:
        guarantees = guarantees.exclude(application=excluding_application)
    rows = guarantees.values("guarantor__id_number").annotate(total=Sum("amount"))
    return {row["guarantor__id_number"]: row["total"] or ZERO for row in rows}


def pledged_elsewhere(collateral_ids, *, excluding_application) -> dict[int, Decimal]:
    """Per collateral, what it secures for other applications (live pledges)."""
    rows = (
        Pledge.objects.filter(status__in=PLEDGE_LIVE, collateral_id__in=collateral_ids)
        .exclude(application=excluding_application)
        .values("collateral_id")
        .annotate(total=Sum("amount_secured"))
    )
    return {row["collateral_id"]: row["total"] or ZERO for row in rows}


def _tables() -> dict[str, str]:
    return {
        "guarantee": Guarantee._meta.db_table,
        "guarantor": Guarantor._meta.db_table,
        "customer": Customer._meta.db_table,
    }


CIRCLE_SQL = """
WITH RECURSIVE
reach(node) AS (
    SELECT CAST(%(start)s AS VARCHAR)
    UNION
    SELECT CAST(c.id_number AS VARCHAR)
    FROM reach CROSS JOIN {guarantor} p CROSS JOIN {guarantee} g CROSS JOIN {customer} c
    WHERE p.id_number = reach.node AND g.guarantor_id = p.id AND g.status IN %(live)s
      AND c.id = g.borrower_id
),
reached_by(node) AS (
    SELECT CAST(%(start)s AS VARCHAR)
    UNION
    SELECT CAST(p.id_number AS VARCHAR)
    FROM reached_by CROSS JOIN {customer} c CROSS JOIN {guarantee} g CROSS JOIN {guarantor} p
    WHERE c.id_number = reached_by.node AND g.borrower_id = c.id AND g.status IN %(live)s
      AND p.id = g.guarantor_id
)
SELECT node FROM reach INTERSECT SELECT node FROM reached_by
"""


def circle_of(id_number: str) -> set[str]:
    """The ID numbers in a mutual-guarantee circle with ``id_number`` (empty if none): those
    it guarantees, directly or down a chain, who also guarantee it, directly or down a chain.
    One recursive query; ``UNION`` (not ``UNION ALL``) makes it stop on a circle. The joins
    are written as ``CROSS JOIN`` so that SQLite follows them in this order, by the indexes on
    the ID numbers and foreign keys (PostgreSQL plans them as ordinary joins)."""
    live = "(" + ", ".join(f"'{status}'" for status in LIVE) + ")"
    sql = CIRCLE_SQL.format(**_tables()).replace("%(live)s", live).replace("%(start)s", "%s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [id_number, id_number])
        members = {row[0] for row in cursor.fetchall()}
    members.discard(id_number)
    return {id_number, *members} if members else set()


def guarantee_edges() -> list[tuple[str, str]]:
    """Every live guarantee as (guarantor's number, borrower's number): one query."""
    return list(
        Guarantee.objects.filter(status__in=LIVE).values_list(
            "guarantor__id_number", "borrower__id_number"
        )
    )


def circles_in(edges) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    graph: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        if source != target:
            graph[source].append(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in list(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, ())
            if child < len(children):
                work.append((node, child + 1))
                target = children[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def all_circles() -> list[list[str]]:
    """Every mutual-guarantee circle of the bank, as lists of ID numbers."""
    return circles_in(guarantee_edges())


def names_of(id_numbers) -> dict[str, str]:
    """Names for ID numbers: customers first, then registered guarantors."""
    names = dict(
        Guarantor.objects.filter(id_number__in=id_numbers).values_list("id_number", "name")
    )
    names.update(Customer.objects.filter(id_number__in=id_numbers).values_list("id_number", "name"))
    return names


def in_default(customer_ids) -> set[int]:
    """Which of these customers have a loan in arrears. The loan account is post-loan's (the
    floor above): it is read through its reverse relation ``Customer.loans`` and its columns,
    the way loans reads ``application.loan``, without importing post-loan."""
    if "loans" not in {f.name for f in Customer._meta.related_objects}:
        return set()
    return set(
        Customer.objects.filter(
            Q(pk__in=list(customer_ids))
            & Q(loans__status="active")
            & Q(loans__overdue_since__isnull=False)
        ).values_list("pk", flat=True)
    )
