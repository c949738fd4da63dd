"""Mutual-guarantee circle detection over 100,000 live guarantees.

Runs in a throwaway test database (SQLite in memory by default; PostgreSQL when DATABASE_URL
points at one). The bank, seeded with a fixed seed: 60,000 borrowers with one application each
(40,000 with a second), 100,000 guarantees — 70 % by people who borrow nothing (a registered
guarantor only), 30 % by other borrowers chosen at random — and 200 planted circles of 2–5
borrowers. Bench rows are inserted with ``bulk_create`` (no history: test data, not a service).

Cases: ``all_circles`` (one query for the edges, one Tarjan pass in Python) and ``circle_of``
(one recursive SQL query) for a borrower in a circle and for one outside any.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

BORROWERS = 60_000
SECOND_LOANS = 40_000
GUARANTEES = 100_000
PLANTED = 200
SEED = 20261124
REPEAT = 3


def _id(n: int) -> str:
    return f"B{n:017d}"


def _build() -> dict:
    from creditdesk import demo
    from creditdesk.models import User
    from customers.models import Customer
    from guarantees.models import Guarantee, Guarantor
    from loans.models import LoanApplication, LoanProduct

    demo.seed()
    manager = User.objects.get(username="manager1")
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data
    Customer.objects.bulk_create(
        Customer(
            name=f"户{n}",
            customer_type="farm_household",
            id_number=_id(n),
            branch=manager.branch,
            manager=manager,
        )
        for n in range(BORROWERS)
    )
    customers = dict(Customer.objects.values_list("id_number", "pk"))
    product = LoanProduct.objects.create(
        code="BENCH",
        name="bench",
        min_amount=1,
        max_amount=10**9,
        max_term_months=36,
        min_rate=0,
        max_rate=20,
    )

    def application(n: int) -> LoanApplication:
        return LoanApplication(
            customer_id=customers[_id(n)],
            product=product,
            amount=Decimal("100000"),
            term_months=12,
            purpose="bench",
            repayment_method="equal_instalment",
            proposed_rate=Decimal("6"),
            first_repayment_source="bench",
            created_by=manager,
        )

    owners = list(range(BORROWERS)) + rng.sample(range(BORROWERS), SECOND_LOANS)
    LoanApplication.objects.bulk_create(application(n) for n in owners)
    loans = list(LoanApplication.objects.values_list("pk", "customer__id_number"))
    by_borrower: dict[str, list[int]] = {}
    for pk, number in loans:
        by_borrower.setdefault(number, []).append(pk)

    edges: list[tuple[str, str]] = []  # (guarantor number, borrower number)
    for start in range(PLANTED):
        size = 2 + start % 4
        ring = rng.sample(range(BORROWERS), size)
        edges += [(_id(ring[i]), _id(ring[(i + 1) % size])) for i in range(size)]
    while len(edges) < GUARANTEES:
        borrower = _id(rng.randrange(BORROWERS))
        guarantor = _id(rng.randrange(BORROWERS)) if rng.random() < 0.3 else f"P{len(edges):017d}"
        if guarantor != borrower:
            edges.append((guarantor, borrower))
    Guarantor.objects.bulk_create(
        Guarantor(
            party_type="person",
            name=number,
            id_number=number,
            branch=manager.branch,
            registered_by=manager,
        )
        for number in sorted({g for g, _b in edges})
    )
    parties = dict(Guarantor.objects.values_list("id_number", "pk"))
    seen: set[tuple[int, int]] = set()
    rows = []
    for guarantor, borrower in edges:
        for application_id in by_borrower[borrower]:
            key = (application_id, parties[guarantor])
            if key not in seen:
                seen.add(key)
                break
        else:
            continue
        rows.append(
            Guarantee(
                application_id=key[0],
                borrower_id=customers[borrower],
                guarantor_id=key[1],
                amount=Decimal("50000"),
                relationship="friend",
                willingness="strong",
                created_by=manager,
            )
        )
    Guarantee.objects.bulk_create(rows, batch_size=5000)
    return {"in_circle": edges[0][0], "outside": _id(BORROWERS - 1), "guarantees": len(rows)}


def _timed(case: str, work, n: int) -> dict:
    runs, produced = [], None
    for _ in range(REPEAT):
        started = time.perf_counter()
        produced = work()
        runs.append(time.perf_counter() - started)
    return {
        "case": case,
        "n": n,
        "result": produced,
        "seconds (best of 3)": min(runs),
        "worst": max(runs),
    }


def run() -> list[dict]:
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from guarantees import queries

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        bank = _build()
        built = time.perf_counter() - started
        n = bank["guarantees"]
        vendor = connection.vendor
        return [
            {"case": f"build the bench bank ({vendor})", "n": n, "seconds (best of 3)": built},
            _timed(
                f"all_circles: edges + Tarjan ({vendor})",
                lambda: f"{len(queries.all_circles())} circles",
                n,
            ),
            _timed(
                f"circle_of a borrower in a circle ({vendor})",
                lambda: f"{len(queries.circle_of(bank['in_circle']))} members",
                n,
            ),
            _timed(
                f"circle_of a borrower in none ({vendor})",
                lambda: f"{len(queries.circle_of(bank['outside']))} members",
                n,
            ),
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
