"""Every list, search, detail page and API list at bank size, as a manager, a head and an auditor.

    make bench-pages                      # 30,000 then 300,000 loans (LOANS=… for the second)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages \\
        .venv/bin/python bench/bench_pages.py --sizes 30000 300000

Grows the generated bank (``bench/bank.py``) to each size in turn in the database of
``DATABASE_URL`` (PostgreSQL; ``make bench-pages`` recreates ``bench_pages`` first, because the
bank only grows) and measures, at each size, the p50 server time of every page below: the
Django test client in-process (middleware, view, queries, template), two warm-up requests,
then ``--repeats`` timed ones, as the manager whose book stays at 900 loans, the head of the
branch that holds half of the customers, and an auditor. Beside each page: a raw-SQL baseline
of the same rows (the page's rows fetched by the shortest SQL we know, through the same
connection), and the page's number of queries. At the last size it also exports that head's
customers (≈ 50,000 at 300,000 loans) the way the list's export button does: the request, and
the background task's own time when the export is queued (``customers.exports.run``).

The last line reads ``worst_p50_ms=… worst_page=… manager_ratio=… export_s=… loans=…``:
the slowest page and role at the last size, and the manager's worst p50 at the last size over
the same at the first. Timings are never asserted; record them in docs/performance.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

BENCH_DIR = Path(__file__).resolve().parent
SIZES = (30_000, 300_000)
WARMUP, REPEATS = 2, 7

# name, URL (formatted with the context), baseline (a key of BASELINES or None), kind
PAGES = [
    ("home", "/", "home", "page"),
    ("customers", "/customers/", "customers", "list"),
    ("customers?q=name", "/customers/?q={name}", "customers_q", "search"),
    ("customers?q=id", "/customers/?q={id_part}", "customers_q", "search"),
    ("customers?q=phone", "/customers/?q={phone_part}", "customers_q", "search"),
    ("customers/followups", "/customers/followups/", None, "list"),
    ("customers/pipeline", "/customers/pipeline/", None, "list"),
    ("customers/credit/lines", "/customers/credit/lines/", None, "list"),
    ("customers/credit/batches", "/customers/credit/batches/", None, "list"),
    ("customers/villages", "/customers/villages/", None, "list"),
    ("loans (applications)", "/loans/", "applications", "list"),
    ("loans?status=submitted", "/loans/?status=submitted", "applications_submitted", "list"),
    ("loans/queue", "/loans/queue/", "applications_submitted", "list"),
    ("loans/new/customers?q=", "/loans/new/customers/?q={name}", "customers_q", "search"),
    ("postloan/loans (ledger)", "/postloan/loans/", "loans", "list"),
    ("postloan/loans?q=name", "/postloan/loans/?q={name}", "loans_q", "search"),
    ("postloan/loans?q=id", "/postloan/loans/?q={id_part}", "loans_q", "search"),
    ("postloan/loans?q=contract", "/postloan/loans/?q={contract_part}", "loans_q", "search"),
    ("postloan/loans?overdue=yes", "/postloan/loans/?overdue=yes", "loans_overdue", "list"),
    ("postloan/inspections", "/postloan/inspections/", "loans_active", "list"),
    ("postloan/warnings", "/postloan/warnings/", "loans_overdue", "list"),
    ("guarantees/guarantors", "/guarantees/guarantors/", None, "list"),
    ("guarantees/collateral", "/guarantees/collateral/", None, "list"),
    ("guarantees/groups", "/guarantees/groups/", None, "list"),
    ("guarantees/circles", "/guarantees/circles/", None, "list"),
    ("notifications", "/notifications/", None, "list"),
    ("customer detail", "/customers/{customer}/", "customer_detail", "detail"),
    ("customer credit", "/customers/{customer}/credit/", "customer_detail", "detail"),
    ("application detail", "/loans/{application}/", "application_detail", "detail"),
    ("application guarantees", "/guarantees/applications/{application}/", None, "detail"),
    ("loan detail", "/postloan/loans/{loan}/", "loan_detail", "detail"),
    ("loan activity", "/activity/postloan/loan/{loan}/", "loan_detail", "detail"),
    ("api customers", "/api/customers/", "customers_api", "api"),
    ("api customers?q=name", "/api/customers/?q={name}", "customers_q_api", "api"),
    ("api applications", "/api/applications/", "applications_api", "api"),
    ("api loans", "/api/loans/", "loans_api", "api"),
    ("api loans page 15", "/api/loans/?page=15", "loans_api_deep", "api"),
    ("api credit-lines", "/api/credit-lines/", None, "api"),
    ("api contacts", "/api/contacts/", None, "api"),
    ("api guarantees", "/api/guarantees/", None, "api"),
    ("api users", "/api/users/", None, "api"),
    ("api credit-ratings", "/api/credit-ratings/", None, "api"),
    ("api household-members", "/api/household-members/", None, "api"),
    ("api guarantors", "/api/guarantors/", None, "api"),
    ("api collateral", "/api/collateral/", None, "api"),
    ("api notifications", "/api/notifications/", None, "api"),
    ("api customer", "/api/customers/{customer}/", "customer_detail", "api"),
    ("api application", "/api/applications/{application}/", "application_detail", "api"),
    ("api loan", "/api/loans/{loan}/", "loan_detail", "api"),
]

# The rows a page shows, fetched by the shortest SQL we know: {scope_x} is the role's scope
# on table alias x (customers: its own branch and manager; applications: their customer's,
# plus for a manager those he created or helps investigate; loans: their own columns).
_CUSTOMERS = (
    "SELECT c.id, c.name, c.id_number, c.phone, b.name, u.name FROM customers_customer c "
    "JOIN creditdesk_branch b ON b.id = c.branch_id JOIN creditdesk_user u ON u.id = c.manager_id "
    "WHERE {scope_c} %s ORDER BY c.name, c.id LIMIT %s"
)
_SEARCH = "AND (c.name LIKE %(like)s OR c.id_number LIKE %(like)s OR c.phone LIKE %(like)s)"
_APPLICATIONS = (
    "SELECT a.id, a.amount, a.status, a.created_at, c.name, p.name FROM loans_loanapplication a "
    "JOIN customers_customer c ON c.id = a.customer_id JOIN loans_loanproduct p ON p.id = "
    "a.product_id WHERE {scope_a} %s ORDER BY %s LIMIT %s"
)
_LOANS = (
    "SELECT l.id, l.contract_number, l.principal, l.outstanding_principal, l.next_due_date, "
    "c.name FROM postloan_loan l JOIN customers_customer c ON c.id = l.customer_id "
    "WHERE {scope_l} %s ORDER BY %s LIMIT %s OFFSET %s"
)
_LOAN_ORDER = "l.disbursed_on DESC, l.id DESC"
BASELINES = {
    "home": [
        "SELECT count(*), sum(l.outstanding_principal) FROM postloan_loan l "
        "WHERE {scope_l} AND l.status = 'active'",
        "SELECT count(*) FROM postloan_loan l WHERE {scope_l} AND l.status = 'active' "
        "AND l.next_due_date < %(today)s",
    ],
    "customers": [_CUSTOMERS % ("", 20)],
    "customers_api": [_CUSTOMERS % ("", 50)],
    "customers_q": [_CUSTOMERS % (_SEARCH, 20)],
    "customers_q_api": [_CUSTOMERS % (_SEARCH, 50)],
    "applications": [_APPLICATIONS % ("", "a.created_at DESC, a.id DESC", 25)],
    "applications_api": [_APPLICATIONS % ("", "a.created_at DESC, a.id DESC", 50)],
    "applications_submitted": [
        _APPLICATIONS % ("AND a.status = 'submitted'", "a.submitted_at, a.id", 100)
    ],
    "loans": [_LOANS % ("", _LOAN_ORDER, 25, 0)],
    "loans_api": [_LOANS % ("", _LOAN_ORDER, 50, 0)],
    "loans_api_deep": [_LOANS % ("", _LOAN_ORDER, 50, 700)],
    "loans_q": [
        _LOANS
        % (
            "AND (c.name LIKE %(like)s OR c.id_number LIKE %(like)s "
            "OR l.contract_number LIKE %(like)s)",
            _LOAN_ORDER,
            25,
            0,
        )
    ],
    "loans_overdue": [
        _LOANS % ("AND l.status = 'active' AND l.next_due_date < %(today)s", _LOAN_ORDER, 25, 0)
    ],
    "loans_active": [
        _LOANS % ("AND l.status = 'active'", "l.principal DESC, l.id", 100, 0),
    ],
    "customer_detail": [
        "SELECT * FROM customers_customer WHERE id = %(customer)s",
        "SELECT * FROM loans_loanapplication WHERE customer_id = %(customer)s "
        "ORDER BY created_at DESC LIMIT 50",
        "SELECT * FROM postloan_loan WHERE customer_id = %(customer)s",
    ],
    "application_detail": [
        "SELECT * FROM loans_loanapplication a JOIN customers_customer c ON c.id = a.customer_id "
        "WHERE a.id = %(application)s",
        "SELECT * FROM loans_investigation WHERE application_id = %(application)s",
    ],
    "loan_detail": [
        "SELECT * FROM postloan_loan l JOIN customers_customer c ON c.id = l.customer_id "
        "WHERE l.id = %(loan)s",
        "SELECT * FROM postloan_instalment WHERE loan_id = %(loan)s ORDER BY number",
        "SELECT * FROM postloan_repayment WHERE loan_id = %(loan)s ORDER BY paid_on, id",
    ],
}


def scopes(role: str) -> dict[str, str]:
    """The {scope_x} fragments of the baselines for a role (see BASELINES)."""
    if role == "auditor":
        return {"scope_c": "TRUE", "scope_a": "TRUE", "scope_l": "TRUE"}
    if role == "head":
        below = "(SELECT id FROM creditdesk_branch WHERE path LIKE %(path)s)"
        return {
            "scope_c": f"c.branch_id IN {below}",
            "scope_a": f"c.branch_id IN {below}",
            "scope_l": f"l.branch_id IN {below}",
        }
    return {
        "scope_c": "c.manager_id = %(uid)s",
        "scope_a": "a.id IN (SELECT a2.id FROM loans_loanapplication a2 JOIN customers_customer "
        "c2 ON c2.id = a2.customer_id WHERE c2.manager_id = %(uid)s UNION SELECT id FROM "
        "loans_loanapplication WHERE created_by_id = %(uid)s UNION SELECT application_id FROM "
        "loans_investigation WHERE second_investigator_id = %(uid)s)",
        "scope_l": "l.manager_id = %(uid)s",
    }


def p50_ms(work, repeats: int) -> tuple[float, object]:
    """Median wall time of ``work()`` in ms after the warm-up, and the last result. A page
    slower than a second gets three timed runs, not ``repeats`` (the shared machine's time)."""
    result = None
    started = time.perf_counter()
    for _ in range(WARMUP):
        result = work()
    if (time.perf_counter() - started) / WARMUP > 1.0:
        repeats = min(repeats, 3)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(facts: dict, repeats: int, only: str = "") -> list[dict]:
    """Every page of PAGES as each role: p50 ms, baseline p50 ms, queries, status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from creditdesk.models import User
    from customers.models import Customer
    from postloan.models import Loan

    manager = User.objects.get(pk=facts["manager_id"])
    loan = Loan.objects.filter(manager=manager, status="active").order_by("pk").first()
    customer = Customer.objects.get(pk=loan.customer_id)
    context = {
        "loan": loan.pk,
        "application": loan.application_id,
        "customer": customer.pk,
        "name": customer.name[:2],  # a surname and a first character: many matches
        "id_part": customer.id_number[6:14],  # a birth date
        "phone_part": customer.phone[-6:],
        "contract_part": loan.contract_number[-6:],
    }
    users = {
        "manager": manager,
        "head": User.objects.select_related("branch").get(pk=facts["head_id"]),
        "auditor": User.objects.get(pk=facts["auditor_id"]),
    }
    rows = []
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a 500 is in the table
    for role, user in users.items():
        client = Client(HTTP_HOST="localhost", raise_request_exception=False)
        client.force_login(user)
        params = context | {
            "uid": user.pk,
            "path": f"{user.branch.path}%",
            "today": timezone.localdate(),
        }
        for name, url, baseline, kind in PAGES:
            if only and only not in name:
                continue
            target = url.format(**context)
            term = target.split("?q=")[1] if "?q=" in target else context["name"]
            params["like"] = f"%{term}%"
            with CaptureQueriesContext(connection) as queries:
                response = client.get(target)
            status = response.status_code
            row = {"page": name, "role": role, "kind": kind, "status": status}
            row["queries"] = len(queries.captured_queries)
            if status == 200:
                row["p50_ms"], _ = p50_ms(lambda c=client, t=target: c.get(t), repeats)
            if baseline:
                sql = [statement.format(**scopes(role)) for statement in BASELINES[baseline]]
                row["baseline_ms"], _ = p50_ms(
                    lambda s=sql, v=dict(params): _run_sql(connection, s, v), repeats
                )
            rows.append(row)
            print(_line(row), file=sys.stderr, flush=True)
    return rows


def _run_sql(connection, statements: list[str], params: dict) -> int:
    fetched = 0
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)
            fetched += len(cursor.fetchall())
    return fetched


def export(facts: dict) -> dict:
    """The head's customer export as the list's button does it; the queued task timed apart."""
    from django.test import Client

    from creditdesk.models import User
    from customers.models import Customer

    head = User.objects.select_related("branch").get(pk=facts["head_id"])
    rows = Customer.objects.visible_to(head).count()
    client = Client(HTTP_HOST="localhost")
    client.force_login(head)
    queued = []
    with mock.patch("customers.tasks.export_customers.delay", side_effect=queued.append):
        started = time.perf_counter()
        response = client.get("/customers/export.xlsx")
        request_s = time.perf_counter() - started
    result = {"rows": rows, "request_s": request_s, "status": response.status_code}
    if queued:
        from customers import exports

        started = time.perf_counter()
        done = exports.run(queued[0])
        result["task_s"] = time.perf_counter() - started
        result["written"] = done.rows_done
        done.file.delete(save=False)
    result["export_s"] = result.get("task_s", request_s)
    return result


def _line(row: dict) -> str:
    p50 = f"{row['p50_ms']:.1f}" if "p50_ms" in row else "-"
    base = f"{row['baseline_ms']:.1f}" if "baseline_ms" in row else "-"
    return (
        f"{row['page']:<28} {row['role']:<8} {row['status']} q={row['queries']:<3} "
        f"p50={p50} ms baseline={base} ms"
    )


def table(results: dict[int, list[dict]]) -> str:
    """One Markdown row per page and role: p50 at each size, the baseline and queries at the
    last size."""
    sizes = sorted(results)
    last = {(r["page"], r["role"]): r for r in results[sizes[-1]]}
    head = ["page", "role", *[f"p50 ms @{n:,}" for n in sizes], "SQL baseline ms", "queries"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_size = {n: {(r["page"], r["role"]): r for r in results[n]} for n in sizes}
    for key, row in last.items():
        cells = [row["page"], row["role"]]
        for n in sizes:
            r = by_size[n].get(key, {})
            cells.append(f"{r['p50_ms']:.1f}" if "p50_ms" in r else f"({r.get('status', '-')})")
        cells.append(f"{row['baseline_ms']:.2f}" if "baseline_ms" in row else "—")
        cells.append(str(row["queries"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(results: dict[int, list[dict]], export_s: float, loans: int) -> str:
    sizes = sorted(results)
    timed = [r for r in results[sizes[-1]] if "p50_ms" in r]
    worst = max(timed, key=lambda r: r["p50_ms"])

    def manager_worst(n: int) -> float:
        return max(r["p50_ms"] for r in results[n] if r["role"] == "manager" and "p50_ms" in r)

    ratio = manager_worst(sizes[-1]) / manager_worst(sizes[0])
    return (
        f"worst_p50_ms={worst['p50_ms']:.1f} worst_page={worst['page'].replace(' ', '_')}"
        f"@{worst['role']} manager_ratio={ratio:.2f} export_s={export_s:.1f} loans={loans}"
    )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = os.getloadavg()
    return (
        f"nproc={os.cpu_count()} cpu={cpu} ram={int(mem) / 1024**2:.1f}GiB "
        f"load={load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args(argv)

    sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creditdesk.settings")
    os.environ.setdefault("API_THROTTLE_USER", "1000000/min")  # thousands of timed requests
    import django

    django.setup()
    from bank import grow
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        print("bench_pages needs PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    settings.DEBUG = False  # no query log kept per request, as in production
    results, facts, export_s = {}, {}, float("nan")
    for size in sorted(args.sizes):
        print(f"growing the bank to {size:,} loans … ({machine()})", file=sys.stderr, flush=True)
        facts = grow(loans=size)
        if facts["loans"] != size:
            print(f"the database holds {facts['loans']:,} loans: recreate it", file=sys.stderr)
            return 2
        print(f"grown in {facts['seconds']} s: {facts}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # the steady state of a live bank: visibility map
        print(f"vacuumed in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        results[size] = measure(facts, args.repeats, args.only)
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · {machine()}\n")
    print(table(results))
    if not args.no_export:
        outcome = export(facts)
        export_s = outcome["export_s"]
        print(f"\nexport of the head's customers: {outcome}")
    failed = sorted(
        {
            f"{r['page']}@{r['role']} ({r['status']})"
            for rs in results.values()
            for r in rs
            if r["status"] != 200
        }
    )
    if failed:
        print(f"not timed (answered other than 200): {', '.join(failed)}")
    print(summary(results, export_s, facts["loans"]))
    return 0


def run() -> list[dict]:
    """``bench/run.py`` runs every bench module: this one needs PostgreSQL and several
    minutes, so it runs only as ``make bench-pages``."""
    print("bench_pages: skipped here, run `make bench-pages` (PostgreSQL)", file=sys.stderr)
    return []


if __name__ == "__main__":
    sys.exit(main())
