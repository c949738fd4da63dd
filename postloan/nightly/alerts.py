"""Step two of the nightly job: alerts (贷后预警) from the loans' stored state and their
securities, raised and resolved set-based, and landed in the in-app notices.

Each kind is one SQL condition on a loan ``l``. An alert is raised for every active loan that
meets it and has no open alert of that kind (an anti-join; ``INSERT … SELECT … ON CONFLICT DO
NOTHING`` against the partial unique index ``alert_one_open_per_loan_and_kind`` stops a
duplicate from a concurrent or repeated run), and resolved when its loan no longer meets it.
Alerts not yet notified (``notified_at``) become notices for the loan's manager — and for the
branch head when escalated — in ``creditdesk_notification``, keyed like
``creditdesk.notifications`` keys them, so a re-run adds none and ``resolve(target=alert)``
finds them.
"""

# ruff: noqa: S608 - the SQL is assembled from constants and date literals of ``datetime.date`` objects, never from input.

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.urls import reverse

from creditdesk.models import Role
from customers.models import CreditLineStatus
from guarantees.models import CollateralStatus, PledgeStatus
from postloan.models import AlertKind, LoanStatus
from postloan.nightly.sql import add_months_sql, execute, is_postgres, tune_session

#: Days ahead for "expiring" and "maturing" alerts.
HORIZON = 30

_SECURITY = """EXISTS (SELECT 1 FROM guarantees_pledge p
    JOIN guarantees_collateral c ON c.id = p.collateral_id
    JOIN guarantees_collateralkind k ON k.id = c.kind_id
    WHERE p.application_id = l.application_id AND p.status = '{active_pledge}'
      AND c.status = '{active_collateral}' AND ({condition}))"""


def _lit(day: datetime.date) -> str:
    """A date literal: the job's dates are ``datetime.date`` objects, never user input."""
    return f"DATE '{day.isoformat()}'" if is_postgres() else f"'{day.isoformat()}'"


def _security(condition: str) -> str:
    return _SECURITY.format(
        active_pledge=PledgeStatus.ACTIVE.value,
        active_collateral=CollateralStatus.ACTIVE.value,
        condition=condition,
    )


def conditions(day: datetime.date) -> dict[str, str]:
    """The SQL condition of each alert kind on loan ``l`` as of ``day``."""
    d, ahead = _lit(day), _lit(day + datetime.timedelta(days=HORIZON))
    line = CreditLineStatus.ACTIVE.value
    return {
        AlertKind.OVERDUE: "l.days_past_due >= 1",
        AlertKind.OVERDUE_10: "l.days_past_due >= 10",
        AlertKind.MATURITY: f"l.maturity_date >= {d} AND l.maturity_date <= {ahead}",
        AlertKind.CREDIT_LINE_EXPIRING: (
            "EXISTS (SELECT 1 FROM customers_creditline cl WHERE cl.customer_id = l.customer_id"
            f" AND cl.status = '{line}' AND cl.valid_until >= {d} AND cl.valid_until <= {ahead})"
            " AND NOT EXISTS (SELECT 1 FROM customers_creditline cl"
            f" WHERE cl.customer_id = l.customer_id AND cl.status = '{line}'"
            f" AND cl.valid_until > {ahead})"
        ),
        AlertKind.RATING_EXPIRING: (
            "EXISTS (SELECT 1 FROM customers_creditrating r WHERE r.customer_id = l.customer_id"
            f" AND r.valid_until >= {d} AND r.valid_until <= {ahead})"
            " AND NOT EXISTS (SELECT 1 FROM customers_creditrating r"
            f" WHERE r.customer_id = l.customer_id AND r.valid_until > {ahead})"
        ),
        AlertKind.REVALUATION_DUE: _security(
            f"{add_months_sql('c.appraised_on', 'k.revaluation_months')} <= {d}"
        ),
        AlertKind.MORTGAGE_UNREGISTERED: _security(
            "k.needs_registration AND c.registered_on IS NULL"
        ),
        AlertKind.INSURANCE_EXPIRING: _security(
            f"(c.insured_until IS NOT NULL AND c.insured_until <= {ahead})"
            " OR (c.insured_until IS NULL AND k.needs_insurance)"
        ),
        # The inspection plan is kept by postloan.services.inspections.
        AlertKind.INSPECTION_OVERDUE: f"l.next_inspection_due < {d}",
    }


#: Kinds whose notice also goes to the branch head (逾期10天报支行行长).
ESCALATED = {AlertKind.OVERDUE_10}
#: Kinds that depend only on what the job's first step writes (days past due).
FROM_STORED_STATE = {AlertKind.OVERDUE, AlertKind.OVERDUE_10}


def _key(alias: str = "a") -> str:
    # creditdesk.notifications' default key: "<kind>:<app_label>.<model>:<pk>".
    return f"'postloan.alert_' || {alias}.kind || ':postloan.alert:' || {alias}.id"


@transaction.atomic
def refresh_alerts(*, day: datetime.date, now: datetime.datetime) -> dict[str, int]:
    """Raise and resolve every kind's alerts as of ``day``, then notify. Returns counts."""
    tune_session()
    if is_postgres():
        # Fresh statistics, so that "no open alert of this kind yet" is planned as the
        # anti-join it is (stale ones from an empty table made it a nested loop of scans).
        execute("ANALYZE postloan_alert")
    now = connection.ops.adapt_datetimefield_value(now)
    active = f"l.status = '{LoanStatus.ACTIVE.value}'"
    raised = resolved = 0
    for kind, condition in conditions(day).items():
        # Days past due change only through the job's first step, which stamps the loans it
        # changes with the business date: those kinds look at those loans only (indexed).
        changed = kind in FROM_STORED_STATE
        touched = f"l.last_job_date = {_lit(day)}" if changed else "1 = 1"
        only_touched = (
            f"AND loan_id IN (SELECT l.id FROM postloan_loan l WHERE {touched})" if changed else ""
        )
        resolved += execute(
            f"""UPDATE postloan_alert SET resolved_at = %s
            WHERE resolved_at IS NULL AND kind = %s {only_touched} AND NOT EXISTS (
                SELECT 1 FROM postloan_loan l
                WHERE l.id = postloan_alert.loan_id AND {active} AND ({condition}))""",
            [now, kind.value],
        )
        raised += execute(
            f"""INSERT INTO postloan_alert (loan_id, kind, raised_on, escalated_to_head,
                resolved_at)
            SELECT l.id, %s, {_lit(day)}, %s, NULL FROM postloan_loan l
            WHERE {touched} AND {active} AND ({condition}) AND NOT EXISTS (
                SELECT 1 FROM postloan_alert a
                WHERE a.loan_id = l.id AND a.kind = %s AND a.resolved_at IS NULL)
            ON CONFLICT DO NOTHING""",
            [kind.value, kind in ESCALATED, kind.value],
        )
    done = execute(
        f"""UPDATE creditdesk_notification SET done_at = %s
        WHERE done_at IS NULL AND key IN (
            SELECT {_key()} FROM postloan_alert a WHERE a.resolved_at = %s)""",
        [now, now],
    )
    return {
        "alerts_raised": raised,
        "alerts_resolved": resolved,
        "notices": _notify(now=now),
        "notices_done": done,
    }


def _notify(*, now) -> int:
    """Notices for the alerts not yet notified: the loan's manager, and for escalated kinds
    the head of every branch above the loan's (the head's branch path is a prefix)."""
    url = reverse("postloan:loan_detail", args=[0])
    prefix, suffix = url[: url.rindex("0")], url[url.rindex("0") + 1 :]
    label = "SUBSTR(cu.name || ' · ' || l.contract_number, 1, 200)"
    select = f"""'postloan.alert_' || a.kind, {label},
        %s || l.id || %s, {_key()}, %s, NULL
        FROM postloan_alert a
        JOIN postloan_loan l ON l.id = a.loan_id
        JOIN customers_customer cu ON cu.id = l.customer_id"""
    where = "a.notified_at IS NULL AND a.resolved_at IS NULL"
    columns = "recipient_id, kind, label, url, key, created_at, done_at"
    count = execute(
        f"""INSERT INTO creditdesk_notification ({columns})
        SELECT l.manager_id, {select}
        JOIN creditdesk_user u ON u.id = l.manager_id
        WHERE {where} AND u.is_active
        ON CONFLICT DO NOTHING""",
        [prefix, suffix, now],
    )
    count += execute(
        f"""INSERT INTO creditdesk_notification ({columns})
        SELECT h.id, {select}
        JOIN creditdesk_branch lb ON lb.id = l.branch_id
        JOIN creditdesk_user h ON h.role = %s AND h.is_active
        JOIN creditdesk_branch hb ON hb.id = h.branch_id
        WHERE {where} AND a.escalated_to_head
          AND SUBSTR(lb.path, 1, LENGTH(hb.path)) = hb.path
        ON CONFLICT DO NOTHING""",
        [prefix, suffix, now, Role.BRANCH_HEAD.value],
    )
    execute("UPDATE postloan_alert SET notified_at = %s WHERE notified_at IS NULL", [now])
    return count
