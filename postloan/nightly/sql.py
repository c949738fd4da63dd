"""The few places where PostgreSQL and SQLite spell SQL differently. Everything else the
nightly job writes is plain SQL both accept (UPDATE … FROM, INSERT … SELECT … ON CONFLICT DO
NOTHING, IS DISTINCT FROM — SQLite ≥ 3.39; ``IS NOT`` is used there to stay older-safe)."""

from __future__ import annotations

import logging
import time

from django.db import connection

from postloan.models import DpdBucket, LoanClass
from postloan.models.categories import BUCKET_EDGES

log = logging.getLogger(__name__)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def tune_session() -> None:
    """Inside a step's transaction: PostgreSQL's JIT compiler spends longer compiling the
    job's CASE-heavy scans than running them (1.2 of 1.7 s at 100,000 loans); off for the
    transaction only."""
    if is_postgres():
        execute("SET LOCAL jit = off")


def distinct(a: str, b: str) -> str:
    """Null-safe "differs"."""
    return f"{a} IS DISTINCT FROM {b}" if is_postgres() else f"{a} IS NOT {b}"


def day_param() -> str:
    """A date parameter, typed where the database needs to know."""
    return "CAST(%s AS date)" if is_postgres() else "%s"


def days_between(later: str, earlier: str) -> str:
    """Whole days from ``earlier`` to ``later`` (both dates)."""
    if is_postgres():
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def add_months_sql(day: str, months: str) -> str:
    if is_postgres():
        return f"CAST({day} + make_interval(months => {months}) AS date)"
    return f"date({day}, '+' || {months} || ' months')"


def rank(column: str) -> str:
    """A category's severity, 0 (normal) to 4 (loss)."""
    whens = " ".join(f"WHEN '{value}' THEN {i}" for i, value in enumerate(LoanClass.values))
    return f"(CASE {column} {whens} END)"


def bucket(days: str) -> str:
    whens = " ".join(f"WHEN {days} <= {edge} THEN '{value}'" for edge, value in BUCKET_EDGES)
    return f"(CASE {whens} ELSE '{DpdBucket.OVER_360.value}' END)"


def floor(days: str, observed: str) -> str:
    """The classification floor (postloan.models.categories.classification_floor) in SQL."""
    return (
        f"(CASE WHEN {days} > 360 THEN '{LoanClass.LOSS.value}'"
        f" WHEN {days} > 270 THEN '{LoanClass.DOUBTFUL.value}'"
        f" WHEN {days} > 90 THEN '{LoanClass.SUBSTANDARD.value}'"
        f" WHEN {days} > 0 OR ({observed}) THEN '{LoanClass.SPECIAL_MENTION.value}'"
        f" ELSE '{LoanClass.NORMAL.value}' END)"
    )


def execute(sql: str, params=()) -> int:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count = cursor.rowcount
    log.debug(
        "%.3f s, %s rows: %s", time.perf_counter() - started, count, " ".join(sql.split())[:90]
    )
    return count


def scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None
