"""Timing of loans.schedules: building repayment schedules and allocating repayments.

10,000 loans of 12–60 months with random amounts (1,000.00–5,000,000.00 yuan) and rates
(0.01–24.00 %), the same pseudo-random loans on every run (fixed seed).
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from loans.schedules import (
    InstalmentState,
    RepaymentMethod,
    allocate_repayment,
    build_schedule,
)

LOANS = 10_000
SEED = 20261123


def loans(method: RepaymentMethod | None = None) -> list[dict]:
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data, not secrets
    methods = list(RepaymentMethod)
    return [
        {
            "principal": Decimal(rng.randint(100_000, 500_000_000)).scaleb(-2),
            "annual_rate": Decimal(rng.randint(1, 2400)).scaleb(-2),
            "term_months": rng.randint(12, 60),
            "method": method or rng.choice(methods),
            "start_date": datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 730)),
        }
        for _ in range(LOANS)
    ]


REPEAT = 3  # report the best of three runs: the machine is shared, the best is the signal


def timed(case: str, work, items: list) -> dict:
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        produced = sum(len(work(item)) for item in items)
        runs.append(time.perf_counter() - started)
    best = min(runs)
    return {
        "case": case,
        "n": len(items),
        "rows out": produced,
        "seconds (best of 3)": best,
        "worst": max(runs),
        "per_item_us": best / len(items) * 1e6,
        "per_row_us": best / produced * 1e6,
    }


def run() -> list[dict]:
    rows = []
    for method in RepaymentMethod:
        rows.append(
            timed(f"build_schedule {method.value}", lambda k: build_schedule(**k), loans(method))
        )
    mixed = loans()
    rows.append(timed("build_schedule mixed methods", lambda k: build_schedule(**k), mixed))

    # allocation: a repayment 40 days after the 6th due date, three instalments overdue
    cases = []
    for kwargs in mixed:
        schedule = build_schedule(**kwargs)
        states = [
            InstalmentState(
                number=row.number,
                due_date=row.due_date,
                principal_due=row.principal,
                interest_due=row.interest,
                principal_paid=row.principal if row.number <= 3 else Decimal("0.00"),
                interest_paid=row.interest if row.number <= 3 else Decimal("0.00"),
            )
            for row in schedule
        ]
        on = schedule[min(5, len(schedule) - 1)].due_date + datetime.timedelta(days=40)
        cases.append((states, schedule[0].total * 3, on, kwargs["annual_rate"]))
    rows.append(
        timed(
            "allocate_repayment",
            lambda c: (
                allocate_repayment(instalments=c[0], amount=c[1], on=c[2], annual_rate=c[3]).lines
            ),
            cases,
        )
    )
    return rows
