"""A bank-sized CreditDesk in minutes: the bank generator of the benchmarks (PostgreSQL only).

    .venv/bin/python bench/bank.py --loans 300000            # grow the bank to 300,000 loans
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_x .venv/bin/python bench/bank.py \\
        --loans 1000000 --settled 0                          # one million active loans

    from bank import grow                                    # bench/ on sys.path (bench/run.py)
    facts = grow(loans=30_000)                               # … then grow(loans=300_000)

``grow(*, loans, customers=None, seed=1, …)`` brings the database Django is connected to (its
schema migrated; the demo organisation may or may not be there) up to ``loans`` generated
loans and returns what a benchmark needs (``manager_id``/``manager_username``: the manager
whose book stays at ``manager_loans`` = 900 loans whatever the size; ``head_…``: the head of
the biggest branch; ``auditor_…``; ``big_branch_id``; the counts and the seconds it took).
Growing is additive: a second call with more loans adds only the difference, so a benchmark
measures at 30,000 and then at 300,000 without starting again. Nothing is deleted.

What it builds, under the bank's head office (the demo's ``HO`` if it exists):
- six branches ``BK01``–``BK06`` with an outlet each, a head each, a committee member and an
  auditor (``bk_head01``, ``bk_committee``, ``bk_auditor``; password ``creditdesk-bench``);
  ``BK01`` holds half of the customers (≈ 50,000 at 300,000 loans: the export case);
- managers of about 600 loans each (``bk_m01_0001`` …, half of them in the outlets) and the
  named manager ``bk_m900`` (in ``BK01``), whose customers get no loans after his first 900;
- customers (``loans / 3`` by default) with valid resident ID numbers or social credit codes
  (``bank_people.py``), each with its branch and manager;
- per loan: the application (disbursed or settled, approved by the branch head or, above the
  head's authority, by the committee), the investigation, the loan with the customer's branch
  and manager, the schedule and one repayment (with its line) per paid instalment. About 8 %
  are large (≥ 100,000 yuan), 15 % settled (``settled=``), 5 % of the active ones overdue
  (1 day to over a year) and 5 % of the loans come with a further application in progress.

The schedules are ``loans.schedules.build_schedule``'s own: a few thousand templates (amount ×
rate × term × method) are built in Python, and each loan's instalments are the template's
lines on its own due dates (``disbursed_on + n months``, clamped to the month's end as
``add_months`` does; bullet loans' interest by the days, as in ``build_schedule``). Principal
therefore sums exactly to the loan's amount; balances, paid-through, next-due and overdue dates
agree with the paid instalments as ``refresh_loan_state`` would set them.

How: reference rows (branches, staff, products) go through the ORM and the write path; the
bulk rows are one ``COPY`` (customers) and ``INSERT … SELECT`` statements over
``generate_series`` (everything else), in one transaction. Those bulk rows get no history
rows: a generated bank has no past. CHECK and UNIQUE constraints are enforced as always; the
foreign keys of the bulk rows are checked by one anti-join per column instead of a trigger per
row, where the connection is a superuser's (``bank_sql.foreign_keys_checked_in_bulk``).
Columns added to the models later are filled from the field's default (or NULL), so the
generator keeps working as the schema grows; a new required column without a default stops
it with a message naming the column. The same ``seed`` and sizes give the same bank;
``as_of`` (default today) is the day the loans' states are computed for.

Speed (2 shared vCPUs, PostgreSQL 15): about 1,500 loans a second with their schedules and
repayments (``BANK_VERBOSE=1`` prints each step's time). Tested by tests/test_bench_bank.py.

READY
"""

from __future__ import annotations

import argparse
import datetime
import functools
import io
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if __name__ == "__main__":  # run as a script: make Django importable first
    sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creditdesk.settings")
    import django

    django.setup()

from bank_people import PERSON_TYPES  # noqa: E402
from bank_people import customers as new_customers  # noqa: E402
from bank_sql import (  # noqa: E402
    FUNCTIONS,
    INSERTS,
    PAID,
    PIPELINE,
    PLAN,
    SOURCES,
    foreign_keys_checked_in_bulk,
    insert_sql,
    step,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from creditdesk.history import audited_bulk_create, audited_save  # noqa: E402
from creditdesk.models import Branch, BranchKind, Role, User  # noqa: E402
from creditdesk.reasons import OrganisationReason  # noqa: E402
from creditdesk.services import branch_save  # noqa: E402
from customers.models import Customer  # noqa: E402
from loans.models import Investigation, LoanApplication, LoanProduct  # noqa: E402
from loans.schedules import RepaymentMethod, build_schedule  # noqa: E402
from postloan.models import Instalment, Loan, Repayment, RepaymentLine  # noqa: E402

BULK_MODELS = (Customer, LoanApplication, Investigation, Loan, Instalment, Repayment, RepaymentLine)
TEMP_TABLES = ("bank_new_customer", "bank_tpl", "bank_tpl_line", "bank_big", "bank_pool")
TEMP_TABLES += ("bank_office", "bank_partner", "bank_plan", "bank_pipe", "bank_inv", "bank_paid")
PASSWORD = "creditdesk-bench"  # noqa: S105 - generated staff of a benchmark database
MANAGER_LOANS = 900
LOANS_PER_MANAGER = 600
LARGE_SHARE, SETTLED_SHARE, OVERDUE_SHARE, PIPELINE_SHARE = 0.08, 0.15, 0.05, 0.05
# code, name, share of the customers (BK01 is the big branch of the export benchmark)
BRANCHES = [
    ("BK01", "城东支行", 5),
    ("BK02", "城西支行", 1),
    ("BK03", "南山支行", 1),
    ("BK04", "北湖支行", 1),
    ("BK05", "河西支行", 1),
    ("BK06", "枫林支行", 1),
]
SLOTS = [code for code, _name, share in BRANCHES for _ in range(share)]
SMALL = [5_000, 8_000, 10_000, 15_000, 20_000, 25_000, 30_000, 38_000, 45_000, 50_000]
SMALL += [58_000, 60_000, 66_000, 70_000, 75_000, 80_000, 85_000, 88_000, 90_000, 96_000]
LARGE = [100_000, 120_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 600_000]
LARGE += [800_000, 1_000_000, 1_500_000, 2_000_000]
RATES = ["3.8500", "4.3500", "4.9000", "5.2200", "6.0000", "7.2000"]
# (term, method, weight): 等额本息 and 按月付息 most common, a few 利随本清 of a season
TERMS = [
    (12, RepaymentMethod.EQUAL_INSTALMENT, 3),
    (24, RepaymentMethod.EQUAL_INSTALMENT, 2),
    (36, RepaymentMethod.EQUAL_INSTALMENT, 1),
    (12, RepaymentMethod.EQUAL_PRINCIPAL, 2),
    (24, RepaymentMethod.EQUAL_PRINCIPAL, 1),
    (12, RepaymentMethod.INTEREST_MONTHLY, 3),
    (24, RepaymentMethod.INTEREST_MONTHLY, 1),
    (6, RepaymentMethod.BULLET, 1),
    (12, RepaymentMethod.BULLET, 2),
]
PRODUCTS = {
    "BK-PERSON": ("农户及个体工商户经营贷款（基准测试）", list(PERSON_TYPES)),
    "BK-FIRM": ("小微企业流动资金贷款（基准测试）", ["small_micro", "private_enterprise"]),
}


def grow(
    *,
    loans: int,
    customers: int | None = None,
    seed: int = 1,
    manager_loans: int = MANAGER_LOANS,
    settled: float = SETTLED_SHARE,
    repayments: bool = True,
    as_of: datetime.date | None = None,
) -> dict:
    """Grow the generated bank to ``loans`` loans (and ``customers`` customers, by default a
    third of the loans); see the module's docstring. ``repayments=False`` leaves out the
    repayment rows (paid instalments stay paid) for benchmarks that only read loans."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the bank generator needs PostgreSQL (set DATABASE_URL=postgres://…)")
    if loans < manager_loans:
        raise ValueError(f"loans ({loans}) must be at least manager_loans ({manager_loans})")
    started = time.perf_counter()
    as_of = as_of or timezone.localdate()
    with step("transaction"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")
            cursor.execute("SET LOCAL work_mem TO '256MB'")
        with step("organisation"):
            org = _organisation()
        big = org["manager"]
        have_loans = Loan.objects.filter(branch__code__startswith="BK").count()
        have_customers = Customer.objects.filter(branch__code__startswith="BK").count()
        big_customers = -(-manager_loans // 3)
        want_customers = max(customers or loans // 3, big_customers + 1, have_customers)
        new_count = want_customers - have_customers
        last_id = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        big_missing = max(big_customers - have_customers, 0)
        added = max(loans - have_loans, 0)
        with foreign_keys_checked_in_bulk(BULK_MODELS):
            if new_count:
                per_manager = max(1, round(LOANS_PER_MANAGER * want_customers / loans))
                with step("customers"):
                    _copy_customers(
                        org, have_customers, new_count, big_customers, per_manager, seed, as_of
                    )
            if added:
                with step("templates"):
                    _templates()
                    _people_tables(org, last_id, fresh=new_count > big_missing)
                _loans(have_loans + 1, loans, manager_loans, seed, settled, repayments, as_of, org)
        with connection.cursor() as cursor:  # (ON COMMIT DROP, but the caller's may not commit)
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(TEMP_TABLES)}")
    with step("commit and analyze"), connection.cursor() as cursor:
        for model in (Customer, LoanApplication, Investigation, Loan, Instalment, Repayment):
            cursor.execute(f"ANALYZE {model._meta.db_table}")  # the planner's first look
    head = org["heads"]["BK01"]
    return {
        "manager_id": big.pk,
        "manager_username": big.username,
        "head_id": head.pk,
        "head_username": head.username,
        "auditor_id": org["auditor"].pk,
        "auditor_username": org["auditor"].username,
        "big_branch_id": org["branches"]["BK01"].pk,
        "password": PASSWORD,
        "loans": Loan.objects.filter(branch__code__startswith="BK").count(),
        "customers": Customer.objects.filter(branch__code__startswith="BK").count(),
        "manager_loans": Loan.objects.filter(manager=big).count(),
        "added_loans": added,
        "added_customers": new_count,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _organisation() -> dict:
    """Branches, heads, a committee member, an auditor, the big manager and two managers per
    branch (more come with the customers); the products. Idempotent."""
    head_office = Branch.objects.filter(kind=BranchKind.HEAD_OFFICE).order_by("pk").first()
    if head_office is None:
        head_office = Branch(code="HO", name="青禾农商银行总行", kind=BranchKind.HEAD_OFFICE)
        branch_save(branch=head_office, by=None, reason=OrganisationReason.DEMO)
    branches: dict[str, Branch] = {}
    for code, name, _share in BRANCHES:
        for bcode, bname, kind, parent in [
            (code, name, BranchKind.BRANCH, head_office),
            (f"{code}-1", f"{name}{code[-1]}号分理处", BranchKind.OUTLET, None),
        ]:
            parent = parent or branches[code]
            branch = Branch.objects.filter(code=bcode).first()
            if branch is None:
                branch = Branch(code=bcode, name=bname, kind=kind, parent=parent)
                branch_save(branch=branch, by=None, reason=OrganisationReason.DEMO)
            branches[bcode] = branch
    staff = [("bk_auditor", "钱稽核", Role.AUDITOR, branches["BK01"].parent, None)]
    staff.append(("bk_committee", "冯委员", Role.COMMITTEE, branches["BK01"].parent, 1))
    staff.append(("bk_m900", "钱九百", Role.MANAGER, branches["BK01"], 3))
    for code, name, _share in BRANCHES:
        staff.append((f"bk_head{code[2:]}", f"{name}行长", Role.BRANCH_HEAD, branches[code], 3))
    users = {u.username: u for u in _staff(staff)}
    for code, _name, _share in BRANCHES:
        _managers(branches, code, 2)
    for code, (name, types) in PRODUCTS.items():
        if not LoanProduct.objects.filter(code=code).exists():
            product = LoanProduct(
                code=code,
                name=name,
                customer_types=types,
                min_amount=Decimal("1000.00"),
                max_amount=Decimal("5000000.00"),
                max_term_months=36,
                min_rate=Decimal("3.0000"),
                max_rate=Decimal("8.0000"),
                repayment_methods=list(RepaymentMethod.values),
            )
            audited_save(product, by=None, reason=OrganisationReason.DEMO)
    return {
        "branches": branches,
        "manager": users["bk_m900"],
        "auditor": users["bk_auditor"],
        "committee": users["bk_committee"],
        "heads": {code: users[f"bk_head{code[2:]}"] for code, _n, _s in BRANCHES},
        "products": dict(LoanProduct.objects.filter(code__in=PRODUCTS).values_list("code", "pk")),
    }


def _staff(rows: list[tuple]) -> list[User]:
    """The users of ``rows`` (username, name, role, branch, grade), created where missing."""
    have = {u.username: u for u in User.objects.filter(username__in=[r[0] for r in rows])}
    if len(have) == len(rows):
        return [have[r[0]] for r in rows]
    password = _password_hash()
    missing = [
        User(
            username=username,
            name=name,
            role=role,
            branch=branch,
            grade=grade,
            email=f"{username}@bench.creditdesk.local",
            password=password,
        )
        for username, name, role, branch, grade in rows
        if username not in have
    ]
    if missing:
        audited_bulk_create(User, missing, by=None, reason=OrganisationReason.DEMO)
    have = {u.username: u for u in User.objects.filter(username__in=[r[0] for r in rows])}
    return [have[r[0]] for r in rows]


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)  # hashed once: a thousand managers share it


def _managers(branches: dict[str, Branch], code: str, count: int) -> list[User]:
    """Managers 1 … ``count`` of branch ``code``: even numbers sit in the branch, odd ones in
    its outlet (customers belong to their manager's office)."""
    rows = [
        (
            f"bk_m{code[2:]}_{n:04d}",
            f"{code}客户经理{n:04d}",
            Role.MANAGER,
            branches[code if n % 2 == 0 else f"{code}-1"],
            1 + n % 3,
        )
        for n in range(1, count + 1)
    ]
    return _staff(rows)


def _copy_customers(org, have: int, count: int, big_customers: int, per_manager: int, seed, as_of):
    """``count`` new customers by COPY: the big manager's first, then spread over the
    branches by their shares and, within a branch, ``LOANS_PER_MANAGER`` loans a manager."""
    big_have = Customer.objects.filter(manager=org["manager"]).count()
    counts = {
        code: Customer.objects.filter(branch__code__startswith=code)
        .exclude(manager=org["manager"])
        .count()
        for code, _n, _s in BRANCHES
    }
    plan = []
    for position in range(count):
        if big_have < big_customers:
            big_have += 1
            plan.append((org["branches"]["BK01"].pk, org["manager"].pk))
            continue
        code = SLOTS[(have + position) % len(SLOTS)]
        plan.append((code, counts[code] // per_manager + 1))
        counts[code] += 1
    managers = {}
    for code, _n, _s in BRANCHES:
        needed = max([n for c, n in plan if c == code] or [0])
        for user in _managers(org["branches"], code, max(needed, 2)):
            managers[(code, int(user.username.rsplit("_", 1)[1]))] = user
    buffer = io.StringIO()
    columns = list(_CUSTOMER_COPY)
    generated = new_customers(have + 1, count, seed=seed, as_of=as_of)
    for slot, row in zip(plan, generated, strict=True):
        if isinstance(slot[0], int):
            branch_id, manager_id = slot
        else:
            user = managers[slot]
            branch_id, manager_id = user.branch_id, user.pk
        row |= {"branch_id": branch_id, "manager_id": manager_id}
        buffer.write("\t".join(_copy_text(row[c]) for c in columns) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bank_new_customer (ord serial, name text, customer_type text, "
            "id_number text, birth_date date, phone text, township text, village text, "
            "address text, industry text, channel text, segment text, created_on date, "
            "branch_id bigint, manager_id bigint) ON COMMIT DROP"
        )
        cursor.cursor.copy_expert(
            f"COPY bank_new_customer ({', '.join(columns)}) FROM STDIN", buffer
        )
        cursor.execute(
            "SELECT count(*) FROM bank_new_customer n JOIN customers_customer c "
            "ON c.id_number = n.id_number"
        )
        if cursor.fetchone()[0]:
            raise RuntimeError("generated identity numbers collide with existing customers")
        sql, params = insert_sql(Customer, INSERTS["customer"], "bank_new_customer", "ORDER BY ord")
        cursor.execute(sql, params)


_CUSTOMER_COPY = [
    *("name", "customer_type", "id_number", "birth_date", "phone", "township", "village"),
    *("address", "industry", "channel", "segment", "created_on", "branch_id", "manager_id"),
]


def _copy_text(value) -> str:
    return r"\N" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def _templates() -> None:
    """Schedule templates: ``build_schedule``'s instalments of every amount × rate × term ×
    method, the loans pick one (large ones among the large amounts)."""
    rows, lines = [], []
    start = datetime.date(2025, 1, 10)
    for amounts in (SMALL, LARGE):
        for amount in amounts:
            for rate in RATES:
                for term, method, weight in TERMS:
                    schedule = build_schedule(
                        principal=Decimal(amount),
                        annual_rate=Decimal(rate),
                        term_months=term,
                        method=method,
                        start_date=start,
                    )
                    for _copy in range(weight):
                        tpl = len(rows) + 1
                        rows.append(
                            f"{tpl}\t{amount}.00\t{rate}\t{term}\t{method}\t{len(schedule)}"
                        )
                        lines += [
                            f"{tpl}\t{i.number}\t{i.principal}\t{i.interest}\t{i.balance_after}"
                            for i in schedule
                        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bank_tpl (tpl int PRIMARY KEY, principal numeric(14,2), "
            "rate numeric(7,4), term int, method text, ninst int) ON COMMIT DROP"
        )
        cursor.execute(
            "CREATE TEMP TABLE bank_tpl_line (tpl int, number int, principal_due numeric(14,2), "
            "interest_due numeric(14,2), balance_after numeric(14,2), PRIMARY KEY (tpl, number)) "
            "ON COMMIT DROP"
        )
        cursor.cursor.copy_expert("COPY bank_tpl FROM STDIN", io.StringIO("\n".join(rows) + "\n"))
        cursor.cursor.copy_expert(
            "COPY bank_tpl_line FROM STDIN", io.StringIO("\n".join(lines) + "\n")
        )
        cursor.execute("ANALYZE bank_tpl; ANALYZE bank_tpl_line")


def _people_tables(org: dict, last_id: int, *, fresh: bool) -> None:
    """Temp tables the SQL joins: the big manager's customers, the pool new loans go to (the
    customers just created, else every other generated customer), who approves in each
    office and each manager's partner in the two-person investigation (双人调查)."""
    big = org["manager"].pk
    pool_filter = f"AND c.id > {int(last_id)}" if fresh else ""
    with connection.cursor() as cursor:
        for name, where in [
            ("bank_big", f"c.manager_id = {big}"),
            ("bank_pool", f"c.manager_id <> {big} AND b.code LIKE 'BK%%' {pool_filter}"),
        ]:
            cursor.execute(
                f"CREATE TEMP TABLE {name} ON COMMIT DROP AS SELECT row_number() OVER "  # noqa: S608
                "(ORDER BY c.id) AS rn, c.id, c.branch_id, c.manager_id, "
                f"c.customer_type IN %s AS is_person FROM customers_customer c "
                f"JOIN creditdesk_branch b ON b.id = c.branch_id WHERE {where}",
                [PERSON_TYPES],
            )
            cursor.execute(f"CREATE UNIQUE INDEX ON {name} (rn)")
        offices = {}
        for code, head in org["heads"].items():
            for office in (code, f"{code}-1"):
                offices[org["branches"][office].pk] = head.pk
        managers = list(
            User.objects.filter(username__startswith="bk_m", role=Role.MANAGER)
            .exclude(pk=big)
            .order_by("username")
            .values_list("pk", "username")
        )
        partner = {}
        for code, _n, _s in BRANCHES:
            mine = [pk for pk, name in managers if name.startswith(f"bk_m{code[2:]}_")]
            for i, pk in enumerate(mine):
                partner[pk] = mine[(i + 1) % len(mine)]
        partner[big] = next(pk for pk, name in managers if name.startswith("bk_m01_"))
        cursor.execute(
            "CREATE TEMP TABLE bank_office (branch_id bigint PRIMARY KEY, head_id bigint) "
            "ON COMMIT DROP"
        )
        cursor.execute(
            "INSERT INTO bank_office SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
            [list(offices), list(offices.values())],
        )
        cursor.execute(
            "CREATE TEMP TABLE bank_partner (manager_id bigint PRIMARY KEY, partner_id bigint) "
            "ON COMMIT DROP"
        )
        cursor.execute(
            "INSERT INTO bank_partner SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
            [list(partner), list(partner.values())],
        )


def _loans(first, last, manager_loans, seed, settled, repayments, as_of, org) -> None:
    """Loans ``first`` … ``last``: the plan (one row a loan, every figure decided), then the
    applications, investigations, loans, instalments, repayments and a few applications in
    progress, each one INSERT … SELECT."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bank_big")
        nbig = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bank_pool")
        npool = cursor.fetchone()[0]
        if last > manager_loans and not npool:
            raise RuntimeError("no customers for the new loans: pass more customers")
        cursor.execute("SELECT count(*) FROM bank_tpl WHERE principal < 100000")
        nsmall = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bank_tpl")
        ntpl = cursor.fetchone()[0]
        params = {
            "first": first,
            "last": last,
            "ml": manager_loans,
            "nbig": max(nbig, 1),
            "npool": max(npool, 1),
            "pool_first": max(first, manager_loans + 1),
            "seed": seed * 10_000_000_000,
            "large": LARGE_SHARE,
            "settled": settled,
            "overdue": OVERDUE_SHARE,
            "pipeline": PIPELINE_SHARE,
            "nsmall": nsmall,
            "nlarge": ntpl - nsmall,
            "as_of": as_of,
            "committee": org["committee"].pk,
            "person_product": org["products"]["BK-PERSON"],
            "firm_product": org["products"]["BK-FIRM"],
        }
        _timed(cursor, "functions", FUNCTIONS, {})
        _timed(cursor, "plan", PLAN, params)
        _timed(cursor, "pipeline", PIPELINE, params)
        for name, model, source, tail in [
            ("application", LoanApplication, "bank_plan", "ORDER BY idx"),
            ("pipeline", LoanApplication, "bank_pipe", "ORDER BY idx"),
            ("investigation", Investigation, "bank_inv", "ORDER BY app_id"),
            ("loan", Loan, "bank_plan", "ORDER BY idx"),
            ("instalment", Instalment, SOURCES["instalment"], ""),
        ]:
            _timed(cursor, name, *insert_sql(model, INSERTS[name], source, tail))
        if repayments:
            _timed(cursor, "paid", PAID, {})
            for model, name in [(Repayment, "repayment"), (RepaymentLine, "line")]:
                _timed(cursor, name, *insert_sql(model, INSERTS[name], "bank_paid", "ORDER BY rid"))


def _timed(cursor, name: str, sql: str, params: dict) -> None:
    with step(name):
        cursor.execute(sql, params)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, required=True)
    parser.add_argument("--customers", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manager-loans", type=int, default=MANAGER_LOANS)
    parser.add_argument("--settled", type=float, default=SETTLED_SHARE)
    parser.add_argument("--no-repayments", action="store_true")
    args = parser.parse_args(argv)
    facts = grow(
        loans=args.loans,
        customers=args.customers,
        seed=args.seed,
        manager_loans=args.manager_loans,
        settled=args.settled,
        repayments=not args.no_repayments,
    )
    print(" ".join(f"{key}={value}" for key, value in facts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
