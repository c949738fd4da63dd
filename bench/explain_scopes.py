"""EXPLAIN ANALYZE of the scopes and orderings of the big lists, before and after issue 12.

    createdb -h 127.0.0.1 -U postgres bench_x
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_x
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/bank.py --loans 300000
    .venv/bin/python bench/explain_scopes.py

"Before" is the old filter (a manager's applications: an OR of the customer's manager, the
creator and the second investigator across a LEFT JOIN; a head's loans: a join to the branch
path) with the list indexes dropped inside a transaction that is rolled back; "after" is
today's ``visible_to`` with the indexes. Each statement runs twice, the second is printed.
Not a ``bench_*`` module: it prints plans, not a table (docs/performance.md quotes them).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import setup_django

LIST_INDEXES = ("application_list", "application_status_list")
LOAN_INDEXES = ("loan_list", "loan_branch_list", "loan_manager_list", "loan_status_list")


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection, transaction
    from django.db.models import Q

    from creditdesk.models import User
    from loans.models import LoanApplication
    from postloan.models import Loan

    def plan(sql, params, drop=()) -> list[str]:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for index in drop:
                    cursor.execute(f"DROP INDEX IF EXISTS {index}")
                cursor.execute(f"EXPLAIN (ANALYZE) {sql}", params)
                rows = [row[0] for row in cursor.fetchall()]
            transaction.set_rollback(True)
        return rows

    def show(title, queryset, drop=(), count=False, bounded=True) -> None:
        if count:  # the paginator counts at most LIST_EXACT_COUNT_UP_TO + 1 rows
            ids = queryset.order_by().values("pk")
            if bounded:
                ids = ids[: settings.LIST_EXACT_COUNT_UP_TO + 1]
            sql, params = ids.query.sql_with_params()
            sql = f"SELECT COUNT(*) FROM ({sql}) t"  # noqa: S608 (Django's own SQL)
        else:
            sql, params = queryset.query.sql_with_params()
        plan(sql, params, drop)  # warm the cache
        print(f"### {title}\n" + "\n".join(plan(sql, params, drop)) + "\n")

    manager = User.objects.get(username="bk_m900")
    head = User.objects.get(username="bk_head01")
    auditor = User.objects.get(username="bk_auditor")
    old_manager = (
        Q(customer__manager=manager)
        | Q(created_by=manager)
        | Q(investigation__second_investigator=manager)
    )

    def applications(queryset):
        return queryset.select_related("customer", "product", "created_by")[:26]

    def ledger(queryset):
        fields = ("pk", "contract_number", "disbursed_on", "customer__name")
        return queryset.select_related("customer").only(*fields)[:26]

    apps = LoanApplication.objects
    show(
        "BEFORE manager's applications, page 1",
        applications(apps.filter(old_manager)),
        LIST_INDEXES,
    )
    show(
        "BEFORE manager's applications, COUNT(*)",
        apps.filter(old_manager),
        LIST_INDEXES,
        count=True,
        bounded=False,
    )
    show("AFTER manager's applications, page 1", applications(apps.visible_to(manager)))
    show("AFTER manager's applications, count", apps.visible_to(manager), count=True)
    show("BEFORE auditor's applications, page 1", applications(apps.all()), LIST_INDEXES)
    show("AFTER auditor's applications, page 1", applications(apps.visible_to(auditor)))
    show("BEFORE auditor's ledger, COUNT(*)", Loan.objects.all(), count=True, bounded=False)
    show("AFTER auditor's ledger, count", Loan.objects.visible_to(auditor), count=True)
    show("BEFORE auditor's ledger, page 1", ledger(Loan.objects.all()), LOAN_INDEXES)
    show("AFTER auditor's ledger, page 1", ledger(Loan.objects.visible_to(auditor)))
    old_head = Q(branch__path__startswith=head.branch.path)
    show("BEFORE head's ledger, page 1", ledger(Loan.objects.filter(old_head)), LOAN_INDEXES)
    show("AFTER head's ledger, page 1", ledger(Loan.objects.visible_to(head)))
    show("AFTER head's ledger, count", Loan.objects.visible_to(head), count=True)
    show("AFTER manager's ledger, page 1", ledger(Loan.objects.visible_to(manager)))


if __name__ == "__main__":
    main()
