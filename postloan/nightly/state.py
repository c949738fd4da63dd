"""Step one of the nightly job: each loan's stored state as of the business date — overdue
since, days past due, interest arrears, the large-loan flag, the classification floor and the
category — in a handful of set-based statements.

Only the loans whose state can change tonight are read (``nightly_candidate``, each part
through a partial index: the work follows the exceptions, not the portfolio); their new values
are computed in one pass and only the loans whose values differ land in a temporary table
(``nightly_change``, old and new side by side). Everything the step writes is derived from
that table: the ``UPDATE … FROM``, the loans' history rows (``INSERT … SELECT`` into
``postloan_historicalloan``, history type ``~``, no user, reason ``job.nightly``: what
``creditdesk.history.audited_update`` writes, without reading a row into Python) and the moves
between categories and days-past-due buckets (``postloan_loanmove``). One transaction:
a crash leaves nothing half-written, and a second run finds nothing to change.
"""

# ruff: noqa: S608 - the SQL is assembled from this module's constants; values are parameters, never from input.

from __future__ import annotations

import datetime

from django.db import transaction

from postloan.models import Loan, LoanClass, LoanStatus, MoveKind, Restructure
from postloan.nightly.sql import (
    bucket,
    day_param,
    days_between,
    distinct,
    execute,
    floor,
    is_postgres,
    rank,
    scalar,
    tune_session,
)
from postloan.reasons import PostloanJob

CHANGES = "nightly_change"
CANDIDATES = "nightly_candidate"

_COLUMNS = """
    id bigint PRIMARY KEY,
    old_since date, new_since date,
    old_dpd integer, new_dpd integer,
    old_arrears numeric(14, 2), new_arrears numeric(14, 2),
    old_large boolean, new_large boolean,
    old_floor varchar(20), new_floor varchar(20),
    old_class varchar(20), new_class varchar(20)
"""


def _candidates(d: str) -> str:
    """The ids of every loan whose state can change today (and few others), each part read
    through its own index (``Loan.Meta.indexes``), never the portfolio: an active loan with an
    instalment due before today; an exceptional loan (``postloan.models.loan.EXCEPTIONAL``:
    overdue before, in arrears, below a normal floor, restructured); an active loan over its
    branch's large-loan threshold not yet flagged; a flagged loan no longer active or now
    under it. Any other loan keeps every column: it is not overdue now and was not, has no
    arrears, sits at a normal floor, is not restructured and is flagged as its branch says."""
    active = f"status = '{LoanStatus.ACTIVE.value}'"
    exceptional = (
        f"overdue_since IS NOT NULL OR NOT (days_past_due = 0) OR NOT (interest_arrears = 0)"
        f" OR NOT (classification_floor = '{LoanClass.NORMAL.value}')"
        f" OR NOT (restructure = '{Restructure.NONE.value}')"
    )
    # Branch by branch, so that each branch's threshold is an index range (PostgreSQL:
    # LATERAL, fenced by OFFSET 0 so that the planner does not flatten it
    # back into a hash join over a scan of every loan).
    per_branch = (
        "CROSS JOIN LATERAL (SELECT x.id FROM postloan_loan x"
        " WHERE x.branch_id = xb.id AND {} OFFSET 0) q"
    )
    if not is_postgres():
        per_branch = "JOIN postloan_loan x ON x.branch_id = xb.id AND {}"
    unflagged = per_branch.format(
        f"NOT x.is_large AND x.{active} AND x.outstanding_principal >= xb.large_loan_threshold"
    )
    flagged = per_branch.format(
        f"x.is_large AND (NOT (x.{active}) OR x.outstanding_principal < xb.large_loan_threshold)"
    )
    ident = "q.id" if is_postgres() else "x.id"
    return f"""
        INSERT INTO {CANDIDATES} (id)
        SELECT id FROM postloan_loan WHERE {active} AND next_due_date < {d}
        UNION SELECT id FROM postloan_loan WHERE {exceptional}
        UNION SELECT {ident} FROM creditdesk_branch xb {unflagged}
        UNION SELECT {ident} FROM creditdesk_branch xb {flagged}"""


def _compute_sql() -> str:
    d = day_param()
    active = f"l.status = '{LoanStatus.ACTIVE.value}'"
    overdue = f"{active} AND l.next_due_date < {d}"
    arrears = (
        "COALESCE((SELECT ROUND(SUM(i.interest_due - i.interest_paid), 2)"
        f" FROM postloan_instalment i WHERE i.loan_id = l.id AND i.due_date < {d}), 0)"
    )
    observed = (
        f"t.restructure <> '{Restructure.NONE.value}' AND t.observation_until IS NOT NULL"
        f" AND t.observation_until >= {d}"
    )
    sql = f"""
        INSERT INTO {CHANGES} (id, old_since, new_since, old_dpd, new_dpd, old_arrears,
            new_arrears, old_large, new_large, old_floor, new_floor, old_class, new_class)
        SELECT s.id, s.old_since, s.new_since, s.old_dpd, s.new_dpd, s.old_arrears,
            s.new_arrears, s.old_large, s.new_large, s.old_floor, s.new_floor, s.old_class,
            CASE WHEN {rank("s.new_floor")} > {rank("s.old_class")} THEN s.new_floor
                 ELSE s.old_class END
        FROM (
            SELECT t.*,
                CASE WHEN t.active THEN {floor("t.new_dpd", observed)}
                     ELSE t.old_floor END AS new_floor
            FROM (
                SELECT l.id, {active} AS active, l.restructure, l.observation_until,
                    l.overdue_since AS old_since,
                    CASE WHEN {overdue} THEN l.next_due_date
                         WHEN {active} THEN NULL ELSE l.overdue_since END AS new_since,
                    l.days_past_due AS old_dpd,
                    CASE WHEN {overdue} THEN {days_between(d, "l.next_due_date")}
                         ELSE 0 END AS new_dpd,
                    l.interest_arrears AS old_arrears,
                    CASE WHEN {overdue} THEN {arrears} ELSE 0 END AS new_arrears,
                    l.is_large AS old_large,
                    ({active} AND l.outstanding_principal >= b.large_loan_threshold)
                        AS new_large,
                    l.classification_floor AS old_floor,
                    l.classification AS old_class
                FROM {CANDIDATES} k JOIN postloan_loan l ON l.id = k.id
                JOIN creditdesk_branch b ON b.id = l.branch_id
            ) t
        ) s
        WHERE {distinct("s.old_since", "s.new_since")}
           OR s.old_dpd <> s.new_dpd OR s.old_arrears <> s.new_arrears
           OR s.old_large <> s.new_large OR s.old_floor <> s.new_floor
           OR {rank("s.new_floor")} > {rank("s.old_class")}
    """
    return sql


def _history_columns() -> list[str]:
    return [field.column for field in Loan._meta.concrete_fields]


@transaction.atomic
def refresh_loans(*, day: datetime.date, now: datetime.datetime) -> dict[str, int]:
    """Bring every loan's stored state to ``day``. Returns what changed."""
    tune_session()
    execute(f"DROP TABLE IF EXISTS {CHANGES}")
    execute(f"CREATE TEMPORARY TABLE {CHANGES} ({_COLUMNS})")
    execute(f"DROP TABLE IF EXISTS {CANDIDATES}")
    execute(f"CREATE TEMPORARY TABLE {CANDIDATES} (id bigint PRIMARY KEY)")
    execute(_candidates(day_param()), [day])
    if is_postgres():
        execute(f"ANALYZE {CANDIDATES}")  # so that the next statement plans its real size
    sql = _compute_sql()
    execute(sql, [day] * sql.count("%s"))  # every placeholder is the business date
    loans = scalar(f"SELECT COUNT(*) FROM {CHANGES}") or 0
    counts = {"loans": loans, "classification_moves": 0, "bucket_moves": 0}
    if loans:
        d = day_param()
        execute(
            f"""UPDATE postloan_loan SET overdue_since = c.new_since,
                days_past_due = c.new_dpd, interest_arrears = c.new_arrears,
                is_large = c.new_large, classification_floor = c.new_floor,
                classification = c.new_class, last_job_date = {d}
            FROM {CHANGES} c WHERE postloan_loan.id = c.id""",
            [day],
        )
        columns = _history_columns()
        execute(
            f"""INSERT INTO postloan_historicalloan ({", ".join(columns)}, history_date,
                history_change_reason, history_type, history_user_id)
            SELECT {", ".join(f"l.{c}" for c in columns)}, %s, %s, '~', NULL
            FROM postloan_loan l JOIN {CHANGES} c ON c.id = l.id""",
            [now, PostloanJob.NIGHTLY.value],
        )
        counts["classification_moves"] = _moves(
            MoveKind.CLASSIFICATION, "c.old_class", "c.new_class", day=day, now=now
        )
        counts["bucket_moves"] = _moves(
            MoveKind.DPD_BUCKET, bucket("c.old_dpd"), bucket("c.new_dpd"), day=day, now=now
        )
    execute(f"DROP TABLE {CHANGES}")
    execute(f"DROP TABLE {CANDIDATES}")
    return counts


def _moves(kind: str, old: str, new: str, *, day, now) -> int:
    return execute(
        f"""INSERT INTO postloan_loanmove (loan_id, kind, moved_on, from_value, to_value,
            by_id, reason, created_at)
        SELECT c.id, %s, {day_param()}, {old}, {new}, NULL, %s, %s
        FROM {CHANGES} c WHERE {old} <> {new}""",
        [str(kind), day, PostloanJob.NIGHTLY.value, now],
    )
