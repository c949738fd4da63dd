"""The nightly job (postloan.nightly) at bank scale, against PostgreSQL.

    make bench-nightly LOANS=1000000        # DATABASE_URL defaults to …/bench_nightly

Grows the generated bank (``bank.grow``: loans with their schedules, 5 % of the active ones
overdue, 8 % large) to ``LOANS`` active loans, then, for one business date:

0. prepares what the generator leaves out (loans inspected within the last 85 days, and the
   inspection plan derived from it), untimed;
1. ``first_run_s``: the job on data it has never seen (its columns reset, alerts deleted);
2. about 1 % of the loans change (half fall overdue, half are cured) and the job runs again
   for the same date: ``nightly_s``;
3. ``scan_s``: a raw-SQL single scan of the same table (``count`` and ``sum`` over the active
   loans), the floor any full pass must pay.

Each job run is a child process (``--child``) that reports its own time and peak memory
(``ru_maxrss``), so the generator's memory does not count. The last line reads
``nightly_s=<s> scan_s=<s> ratio=<x> first_run_s=<s> peak_mb=<MB> loans=<n>``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_LOANS = 100_000


def _setup() -> None:
    sys.path[:0] = [str(ROOT), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creditdesk.settings")
    import django

    django.setup()


def _sql(statement: str, params=()) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _child(day: str) -> None:
    """Run the job once in this process; print its seconds, peak memory and counts."""
    import datetime

    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from postloan import nightly

    # A worker runs with DEBUG off: DEBUG's log of every query (tens of MB over a run) is
    # not the job's memory.
    settings.DEBUG = False
    # A worker process is warm: its database connection open and its URLconf loaded (the
    # job reverses one URL for the notices). Python's start-up is not the job's time.
    connection.ensure_connection()
    reverse("postloan:loan_detail", args=[0])
    started = time.perf_counter()
    run = nightly.run(day=datetime.date.fromisoformat(day), force=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "counts": run.counts}))


def _job(day: str) -> dict:
    out = subprocess.run(  # noqa: S603 - this very script, with a date we formatted
        [sys.executable, __file__, "--child", "--date", day],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _reset() -> None:
    """The job's own columns and records back to "never run" (not timed)."""
    _sql(
        "UPDATE postloan_loan SET days_past_due = 0, interest_arrears = 0, is_large = false,"
        " classification = 'normal', classification_floor = 'normal', last_job_date = NULL"
        " WHERE last_job_date IS NOT NULL"
    )
    _sql("DELETE FROM creditdesk_notification WHERE kind LIKE 'postloan.alert%%'")
    for table in ("postloan_alert", "postloan_loanmove", "postloan_nightlyrun"):
        _sql(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    _sql("DELETE FROM postloan_historicalloan WHERE history_change_reason = 'job.nightly'")


def _prepare(day: str) -> float:
    """What ``loan_open`` and inspections would have left on a live book and the generator
    does not write: each loan inspected within the last 85 days (spread by id), and the
    inspection plan (``postloan.planning``) derived from it and from the flags the job sets —
    written here in two statements (bench data, no history), not loan by loan through the
    job's replan. Returns its seconds (untimed in the results)."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from postloan.models import Loan
    from postloan.nightly import refresh_loans
    from postloan.planning import planned_due

    started = time.perf_counter()
    _sql(
        "UPDATE postloan_loan SET last_inspected_on = CAST(%s AS date) - CAST(id %% 85 AS integer)"
        " WHERE last_inspected_on IS NULL",
        [day],
    )
    with transaction.atomic():
        refresh_loans(day=datetime.date.fromisoformat(day), now=timezone.now())
        Loan.objects.update(next_inspection_due=planned_due())  # bench data: no history
    _vacuum()
    return time.perf_counter() - started


def _vacuum() -> None:
    from django.db import connection

    connection.ensure_connection()
    previous = connection.connection.autocommit
    connection.connection.autocommit = True
    try:
        for table in ("postloan_loan", "postloan_historicalloan", "postloan_alert"):
            _sql(f"VACUUM ANALYZE {table}")
    finally:
        connection.connection.autocommit = previous


def _change_one_percent(day: str) -> int:
    """About 1 % of the active loans change state: overdue ones are cured (next due date
    moved after the business date), others fall overdue (three days ago)."""
    rows = _sql(
        "UPDATE postloan_loan SET next_due_date = CASE"
        " WHEN next_due_date < CAST(%s AS date) THEN CAST(%s AS date) + 5"
        " ELSE CAST(%s AS date) - 3 END"
        " WHERE status = 'active' AND id %% 100 = 7 RETURNING id",
        [day, day, day],
    )
    return len(rows)


def _scan() -> float:
    statement = (
        "SELECT count(*), sum(outstanding_principal) FROM postloan_loan WHERE status = 'active'"
    )
    _sql(statement)  # warm, as the job's second run is
    started = time.perf_counter()
    _sql(statement)
    return time.perf_counter() - started


def measure(loans: int) -> dict:
    import datetime

    from bank import grow
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench_nightly needs PostgreSQL (DATABASE_URL=postgres://…)")
    started = time.perf_counter()
    facts = grow(loans=loans, settled=0, repayments=False)
    grown_s = time.perf_counter() - started
    active = _sql("SELECT count(*) FROM postloan_loan WHERE status = 'active'")[0][0]
    print(f"bank: {active:,} active loans ({grown_s:.1f} s to grow) {facts.get('seconds', '')}")
    day = datetime.date.today().isoformat()
    print(f"prepared: {_prepare(day):.1f} s (untimed)")
    _reset()
    _vacuum()
    first = _job(day)
    print(f"first run: {first['seconds']:.2f} s, {first['peak_mb']:.0f} MB, {first['counts']}")
    changed = _change_one_percent(day)
    _vacuum()
    second = _job(day)
    print(
        f"1 % run ({changed:,} loans moved): {second['seconds']:.2f} s, "
        f"{second['peak_mb']:.0f} MB, {second['counts']}"
    )
    scan = _scan()
    return {
        "nightly_s": second["seconds"],
        "scan_s": scan,
        "ratio": second["seconds"] / scan,
        "first_run_s": first["seconds"],
        "peak_mb": max(first["peak_mb"], second["peak_mb"]),
        "loans": active,
    }


def run() -> list[dict]:
    """For ``bench/run.py``: only on PostgreSQL (the generator needs it)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        print("bench_nightly: skipped (needs PostgreSQL)", file=sys.stderr)
        return []
    return [measure(int(os.environ.get("LOANS", DEFAULT_LOANS)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=DEFAULT_LOANS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--date", help=argparse.SUPPRESS)
    args = parser.parse_args()
    _setup()
    if args.child:
        _child(args.date)
        return
    r = measure(args.loans)
    print(
        f"nightly_s={r['nightly_s']:.2f} scan_s={r['scan_s']:.3f} ratio={r['ratio']:.1f} "
        f"first_run_s={r['first_run_s']:.2f} peak_mb={r['peak_mb']:.0f} loans={r['loans']}"
    )


if __name__ == "__main__":
    main()
