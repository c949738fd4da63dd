"""The SQL of the bank generator (``bench/bank.py``): the loan plan and one INSERT … SELECT a
table. PostgreSQL only. ``%(name)s`` are the parameters ``bank._loans`` passes."""

from __future__ import annotations

import contextlib
import os
import sys
import time

from django.db import connection, models

FUNCTIONS = """
CREATE OR REPLACE FUNCTION pg_temp.bk_u(n bigint, k int) RETURNS float8
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT (hashint8(n * 64 + k) & 2147483647)::float8 / 2147483648.0 $$;
-- The n-th due date: add_months() of loans.schedules (PostgreSQL clamps to the month's end
-- the same way, always counted from the disbursement date); a bullet loan's one instalment
-- falls at the end of its term.
CREATE OR REPLACE FUNCTION pg_temp.bk_due(d date, method text, term int, n int) RETURNS date
    LANGUAGE sql IMMUTABLE AS
    $$ SELECT (d + make_interval(
        months => CASE WHEN method = 'bullet' THEN term ELSE n END))::date $$;
"""

# One row a loan, every figure decided: the customer (the big manager's first ``ml`` loans,
# then the pool round-robin), the schedule template (large ones among the large amounts), the
# state (s = settled, o = overdue, c = current), the disbursement date that state implies and
# how many instalments are paid (current: every one due before today; overdue: the first
# ``p_late``, the next one ``dpd`` days past due).
PLAN = """
CREATE TEMP TABLE bank_plan ON COMMIT DROP AS
WITH s AS (
    SELECT k AS idx,
           pg_temp.bk_u(k + %(seed)s, 1) AS u1, pg_temp.bk_u(k + %(seed)s, 2) AS u2,
           pg_temp.bk_u(k + %(seed)s, 3) AS u3, pg_temp.bk_u(k + %(seed)s, 4) AS u4,
           pg_temp.bk_u(k + %(seed)s, 5) AS u5, pg_temp.bk_u(k + %(seed)s, 6) AS u6,
           pg_temp.bk_u(k + %(seed)s, 7) AS u7, pg_temp.bk_u(k + %(seed)s, 8) AS u8,
           pg_temp.bk_u(k + %(seed)s, 9) AS u9, pg_temp.bk_u(k + %(seed)s, 10) AS u10,
           pg_temp.bk_u(k + %(seed)s, 11) AS u11
    FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS k
), c AS (
    SELECT s.*, b.id AS customer_id, b.branch_id, b.manager_id, b.is_person
    FROM s JOIN bank_big b ON b.rn = (s.idx - 1) %% %(nbig)s + 1
    WHERE s.idx <= %(ml)s
    UNION ALL
    SELECT s.*, p.id, p.branch_id, p.manager_id, p.is_person
    FROM s JOIN bank_pool p ON p.rn = (s.idx - %(pool_first)s) %% %(npool)s + 1
    WHERE s.idx > %(ml)s
), t AS (
    SELECT c.*, tp.tpl, tp.principal, tp.rate, tp.term, tp.method, tp.ninst,
        CASE WHEN c.u3 < %(settled)s THEN 's' WHEN c.u4 < %(overdue)s THEN 'o' ELSE 'c' END
            AS state,
        (CASE WHEN c.u6 < 0.6 THEN 1 + floor(c.u7 * 30) WHEN c.u6 < 0.8 THEN 31 + floor(c.u7 * 60)
              WHEN c.u6 < 0.9 THEN 91 + floor(c.u7 * 180)
              WHEN c.u6 < 0.95 THEN 271 + floor(c.u7 * 90)
              ELSE 361 + floor(c.u7 * 300) END)::int AS dpd,
        CASE WHEN tp.method = 'bullet' THEN 0 ELSE floor(c.u8 * tp.ninst)::int END AS p_late
    FROM c JOIN bank_tpl tp ON tp.tpl = CASE WHEN c.u1 < %(large)s
        THEN %(nsmall)s + 1 + floor(c.u2 * %(nlarge)s)::int
        ELSE 1 + floor(c.u2 * %(nsmall)s)::int END
), d AS (
    SELECT t.*, CASE t.state
        WHEN 'c' THEN %(as_of)s::date - floor(t.u5 * t.term * 30)::int
        WHEN 's' THEN (%(as_of)s::date
            - make_interval(months => t.term, days => 1 + floor(t.u5 * 720)::int))::date
        ELSE (%(as_of)s::date - t.dpd - make_interval(
            months => CASE WHEN t.method = 'bullet' THEN t.term ELSE t.p_late + 1 END))::date
        END AS disbursed_on
    FROM t
), e AS (
    SELECT d.*, ((extract(year FROM %(as_of)s::date) - extract(year FROM d.disbursed_on)) * 12
        + extract(month FROM %(as_of)s::date) - extract(month FROM d.disbursed_on))::int AS mb
    FROM d
), m AS (
    SELECT e.*, CASE e.state WHEN 's' THEN e.ninst WHEN 'o' THEN e.p_late
        WHEN 'c' THEN CASE
            WHEN e.method = 'bullet' THEN
                (pg_temp.bk_due(e.disbursed_on, e.method, e.term, 1) < %(as_of)s::date)::int
            ELSE greatest(0, least(e.ninst, e.mb - ((e.disbursed_on
                + make_interval(months => e.mb))::date >= %(as_of)s::date)::int))
            END
        END AS paid
    FROM e
)
SELECT m.*,
    nextval(pg_get_serial_sequence('loans_loanapplication', 'id')) AS app_id,
    nextval(pg_get_serial_sequence('postloan_loan', 'id')) AS loan_id,
    'BK' || lpad(m.idx::text, 9, '0') AS contract_number,
    pg_temp.bk_due(m.disbursed_on, m.method, m.term, m.ninst) AS maturity_date,
    CASE WHEN m.paid = 0 THEN m.principal ELSE l.balance_after END AS outstanding,
    CASE WHEN m.paid > 0 THEN pg_temp.bk_due(m.disbursed_on, m.method, m.term, m.paid) END
        AS paid_through,
    CASE WHEN m.paid < m.ninst THEN pg_temp.bk_due(m.disbursed_on, m.method, m.term, m.paid + 1)
        END AS next_due,
    CASE WHEN m.state = 'o' THEN pg_temp.bk_due(m.disbursed_on, m.method, m.term, m.paid + 1)
        END AS overdue_since,
    CASE WHEN m.state = 's' THEN pg_temp.bk_due(m.disbursed_on, m.method, m.term, m.ninst)
        END AS settled_on,
    CASE WHEN m.principal > 1000000 THEN %(committee)s ELSE o.head_id END AS approver_id,
    pr.partner_id,
    CASE WHEN m.is_person THEN %(person_product)s ELSE %(firm_product)s END AS product_id
FROM m
LEFT JOIN bank_tpl_line l ON l.tpl = m.tpl AND l.number = m.paid
JOIN bank_office o ON o.branch_id = m.branch_id
JOIN bank_partner pr ON pr.manager_id = m.manager_id
ORDER BY m.idx;
CREATE UNIQUE INDEX ON bank_plan (loan_id);
ANALYZE bank_plan;
"""

# Applications still in progress beside 5 % of the loans (same customer and terms), and the
# investigations of every application past the draft.
PIPELINE = """
CREATE TEMP TABLE bank_pipe ON COMMIT DROP AS
SELECT p.*, nextval(pg_get_serial_sequence('loans_loanapplication', 'id')) AS pipe_id,
    (ARRAY['draft', 'investigating', 'investigating', 'submitted', 'submitted', 'submitted',
           'returned', 'approved', 'approved', 'contract_signed', 'rejected', 'rejected',
           'withdrawn'])[1 + floor(p.u10 * 13)::int] AS pipe_status,
    %(as_of)s::date - 10 - floor(p.u11 * 60)::int AS created_on
FROM bank_plan p WHERE p.u9 < %(pipeline)s;
CREATE TEMP TABLE bank_inv ON COMMIT DROP AS
SELECT app_id, manager_id, partner_id, principal, disbursed_on - 18 AS visit_date,
    (disbursed_on - 16) + time '17:00' AS confirmed_at
FROM bank_plan
UNION ALL
SELECT pipe_id, manager_id, partner_id, principal, created_on + 3,
    CASE WHEN pipe_status <> 'investigating' THEN (created_on + 4) + time '17:00' END
FROM bank_pipe WHERE pipe_status <> 'draft';
"""

_PAID_FROM = "IN ('submitted', 'returned', 'approved', 'contract_signed', 'rejected')"
_APPROVED = "s.pipe_status IN ('approved', 'contract_signed')"
_INSTALMENTS = """(
    SELECT p.loan_id, l.number, x.due, l.principal_due, l.number <= p.paid AS paid,
        CASE WHEN p.method = 'bullet'
            THEN round(p.principal * p.rate * (x.due - p.disbursed_on) / 36000, 2)
            ELSE l.interest_due END AS interest_due
    FROM bank_plan p JOIN bank_tpl_line l ON l.tpl = p.tpl
    CROSS JOIN LATERAL (
        SELECT pg_temp.bk_due(p.disbursed_on, p.method, p.term, l.number) AS due) x
)"""
PAID = """
CREATE TEMP TABLE bank_paid ON COMMIT DROP AS
SELECT nextval(pg_get_serial_sequence('postloan_repayment', 'id')) AS rid, i.id AS instalment_id,
    i.loan_id, i.due_date, i.principal_due, i.interest_due, p.manager_id
FROM postloan_instalment i JOIN bank_plan p ON p.loan_id = i.loan_id
WHERE i.paid_on IS NOT NULL
  AND i.loan_id BETWEEN (SELECT min(loan_id) FROM bank_plan)
                    AND (SELECT max(loan_id) FROM bank_plan)
"""

_APPLICATION = {
    "customer_id": "s.customer_id",
    "product_id": "s.product_id",
    "amount": "s.principal",
    "term_months": "s.term",
    "purpose": "CASE WHEN s.is_person THEN '生产经营周转' ELSE '流动资金周转' END",
    "repayment_method": "s.method",
    "proposed_rate": "s.rate",
    "first_repayment_source": "'经营收入'",
    "second_repayment_source": "''",
    "production_cycle_months": "12",
    "created_by_id": "s.manager_id",
    "reviewer_comments": "''",
    "approval_conditions": "''",
}

INSERTS: dict[str, dict[str, str]] = {
    "customer": {
        **{c: f"s.{c}" for c in ("name", "customer_type", "id_number", "birth_date", "phone")},
        **{c: f"s.{c}" for c in ("branch_id", "manager_id", "township", "village", "address")},
        **{c: f"s.{c}" for c in ("industry", "channel", "segment")},
        "status": "'active'",
        "stage": "'customer'",
        "lost_reason": "''",
        "notes": "''",
        "created_at": "s.created_on + time '10:00'",
        "updated_at": "s.created_on + time '10:00'",
    },
    "application": {
        **_APPLICATION,
        "id": "s.app_id",
        "status": "CASE s.state WHEN 's' THEN 'settled' ELSE 'disbursed' END",
        "created_at": "(s.disbursed_on - 21) + time '09:00'",
        "status_changed_at": "coalesce(s.settled_on, s.disbursed_on) + time '15:00'",
        "submitted_at": "(s.disbursed_on - 14) + time '10:00'",
        "approved_amount": "s.principal",
        "approved_term_months": "s.term",
        "approved_rate": "s.rate",
        "approved_by_id": "s.approver_id",
        "approved_at": "(s.disbursed_on - 7) + time '11:00'",
        "contract_number": "s.contract_number",
        "contract_signed_on": "s.disbursed_on - 2",
    },
    "pipeline": {
        **_APPLICATION,
        "id": "s.pipe_id",
        "status": "s.pipe_status",
        "created_at": "s.created_on + time '09:00'",
        "status_changed_at": "s.created_on + (CASE s.pipe_status WHEN 'draft' THEN 0 "
        "WHEN 'investigating' THEN 2 WHEN 'submitted' THEN 5 WHEN 'contract_signed' THEN 9 "
        "ELSE 7 END) + time '16:00'",
        "submitted_at": f"CASE WHEN s.pipe_status {_PAID_FROM} "
        "THEN (s.created_on + 5) + time '10:00' END",
        "reviewer_comments": "CASE WHEN s.pipe_status IN ('returned', 'rejected') "
        "THEN '经营流水不足，请补充近六个月流水。' ELSE '' END",
        "approved_amount": f"CASE WHEN {_APPROVED} THEN s.principal END",
        "approved_term_months": f"CASE WHEN {_APPROVED} THEN s.term END",
        "approved_rate": f"CASE WHEN {_APPROVED} THEN s.rate END",
        "approved_by_id": f"CASE WHEN {_APPROVED} THEN s.approver_id END",
        "approved_at": f"CASE WHEN {_APPROVED} THEN (s.created_on + 7) + time '11:00' END",
        "contract_number": "CASE WHEN s.pipe_status = 'contract_signed' "
        "THEN 'BKP' || lpad(s.idx::text, 9, '0') END",
        "contract_signed_on": "CASE WHEN s.pipe_status = 'contract_signed' "
        "THEN s.created_on + 9 END",
    },
    "investigation": {
        "application_id": "s.app_id",
        "investigator_id": "s.manager_id",
        "second_investigator_id": "s.partner_id",
        "confirmed_at": "s.confirmed_at",
        "visit_date": "s.visit_date",
        "character": "'good'",
        "character_evidence": "'邻里口碑良好，征信无不良记录。'",
        "product_quality": "'good'",
        "collateral": "CASE WHEN s.principal >= 100000 THEN 'good' ELSE 'fair' END",
        "hear_cross_checked": "true",
        **{
            f"ask_{item}": "'answered'"
            for item in ("production_sales", "receivables_payables", "upstream_downstream")
        },
        "ask_wages": "'answered'",
        "ask_water_power": "'answered'",
        **{
            f"crit_{item}": "'good'"
            for item in ("morality", "repayment", "capital", "environment", "guarantee")
        },
        "report": "'经实地调查，借款人经营正常，第一还款来源充足，建议发放。'",
        "updated_at": "coalesce(s.confirmed_at, s.visit_date + time '17:00')",
    },
    "loan": {
        "id": "s.loan_id",
        "application_id": "s.app_id",
        "customer_id": "s.customer_id",
        "branch_id": "s.branch_id",
        "manager_id": "s.manager_id",
        "contract_number": "s.contract_number",
        "principal": "s.principal",
        "annual_rate": "s.rate",
        "term_months": "s.term",
        "repayment_method": "s.method",
        "disbursed_on": "s.disbursed_on",
        "maturity_date": "s.maturity_date",
        "status": "CASE s.state WHEN 's' THEN 'settled' ELSE 'active' END",
        "outstanding_principal": "s.outstanding",
        "paid_through": "s.paid_through",
        "next_due_date": "s.next_due",
        "overdue_since": "s.overdue_since",
        "settled_on": "s.settled_on",
    },
    "instalment": {
        "loan_id": "s.loan_id",
        "number": "s.number",
        "due_date": "s.due",
        "principal_due": "s.principal_due",
        "interest_due": "s.interest_due",
        "principal_paid": "CASE WHEN s.paid THEN s.principal_due ELSE 0 END",
        "interest_paid": "CASE WHEN s.paid THEN s.interest_due ELSE 0 END",
        "penalty_paid": "0",
        "penalty_accrued": "0",
        "paid_on": "CASE WHEN s.paid THEN s.due END",
    },
    "repayment": {
        "id": "s.rid",
        "loan_id": "s.loan_id",
        "paid_on": "s.due_date",
        "amount": "s.principal_due + s.interest_due",
        "to_penalty": "0",
        "to_interest": "s.interest_due",
        "to_principal": "s.principal_due",
        "prepaid_principal": "0",
        "recorded_by_id": "s.manager_id",
        "recorded_at": "s.due_date + time '16:00'",
    },
    "line": {
        "repayment_id": "s.rid",
        "instalment_id": "s.instalment_id",
        "to_penalty": "0",
        "to_interest": "s.interest_due",
        "to_principal": "s.principal_due",
    },
}
SOURCES = {"instalment": _INSTALMENTS}


def insert_sql(
    model: type[models.Model], given: dict[str, str], source: str, tail: str = ""
) -> tuple[str, dict]:
    """``INSERT INTO <model's table> (…) SELECT … FROM <source> s <tail>``: the ``given`` SQL
    expression for a column, else the field's default (as a parameter), ``now()`` for
    ``auto_now``, NULL where allowed, '' for an optional text; the id from its sequence
    unless given. A column the model does not have, or a required one nobody fills, is an
    error naming it."""
    fields = {f.column: f for f in model._meta.concrete_fields}
    unknown = set(given) - set(fields)
    if unknown:
        raise RuntimeError(f"{model._meta.label} has no column {sorted(unknown)}")
    columns, values, params = [], [], {}
    for column, field in fields.items():
        if column in given:
            value = given[column]
        elif field.primary_key or field.db_default is not models.NOT_PROVIDED:
            continue
        elif field.has_default():
            key = f"default_{model._meta.db_table}_{column}"
            params[key] = field.get_db_prep_save(field.get_default(), connection)
            value = f"%({key})s"
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = "now()"
        elif field.null:
            value = "NULL"
        elif field.blank and field.empty_strings_allowed:
            value = "''"  # an optional text: Django's own default is the empty string
        else:
            raise RuntimeError(
                f"bench/bank.py: no value for the required column {model._meta.label}.{column}"
                " (add it to bench/bank_sql.py INSERTS)"
            )
        columns.append(f'"{column}"')
        values.append(value)
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM {source} s {tail}"
    )
    return sql, params


@contextlib.contextmanager
def foreign_keys_checked_in_bulk(models_: tuple):
    """Check the bulk rows' foreign keys once, set-based, instead of row by row.

    Django's foreign keys are deferred constraints: PostgreSQL checks each inserted row with
    its own query at commit, which costs more than the inserts themselves at millions of rows.
    Where the connection may (a superuser: the benchmark databases), the row triggers are
    switched off for the bulk inserts (``session_replication_role = replica``) and every
    foreign key of the new rows is then checked by one anti-join per column; CHECK and
    UNIQUE constraints are enforced as always. Elsewhere the deferred checks run as usual."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
        before = {}
        for model in models_:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            before[model] = cursor.fetchone()[0]
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if not superuser:
        return
    with step("foreign keys"), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        for model in models_:
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if not field.remote_field or not field.db_constraint:
                    continue
                target = field.remote_field.model._meta
                cursor.execute(
                    f'SELECT count(*) FROM {table} c WHERE c.id > %s AND c."{field.column}" IS '  # noqa: S608
                    f"NOT NULL AND NOT EXISTS (SELECT 1 FROM {target.db_table} p "
                    f'WHERE p."{field.target_field.column}" = c."{field.column}")',
                    [before[model]],
                )
                broken = cursor.fetchone()[0]
                if broken:
                    raise RuntimeError(f"{broken} generated {table}.{field.column} point nowhere")


@contextlib.contextmanager
def step(name: str):
    """Time a step; printed on stderr when BANK_VERBOSE is set."""
    started = time.perf_counter()
    yield
    if os.environ.get("BANK_VERBOSE"):
        print(f"bank: {name} {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
