"""Repayment schedules (还款计划): worked examples and properties of loans.schedules."""

import datetime
import itertools
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loans.schedules import (
    RepaymentMethod,
    accrued_interest,
    add_months,
    annuity_payment,
    build_schedule,
    penalty_interest,
    rebuild_schedule,
)

D = Decimal
MONTHLY_METHODS = [m for m in RepaymentMethod if m != RepaymentMethod.BULLET]


def cents_half_up(value: Fraction) -> Decimal:
    """Independent rounding for expectations: exact fraction → cents, half up."""
    return (D(value.numerator) / D(value.denominator)).quantize(D("0.01"), ROUND_HALF_UP)


def schedule(amount, rate, months, method, start=datetime.date(2026, 1, 15)):
    return build_schedule(
        principal=D(amount),
        annual_rate=D(rate),
        term_months=months,
        method=method,
        start_date=start,
    )


# ---- worked examples, figured by hand ----------------------------------------------------


def test_equal_instalment_100000_over_12_months_at_4_35():
    rows = schedule("100000.00", "4.35", 12, RepaymentMethod.EQUAL_INSTALMENT)
    # the annuity formula with exact fractions: P·i·(1+i)^n / ((1+i)^n − 1), i = 4.35 % / 12
    i = Fraction(435, 100 * 100 * 12)
    growth = (1 + i) ** 12
    payment = cents_half_up(Fraction(100000) * i * growth / (growth - 1))
    assert payment == D("8530.99")  # the figure every bank calculator shows
    assert rows[0].interest == D("362.50")  # 100,000 × 4.35 % / 12 = 362.50
    assert rows[0].principal == D("8168.49")  # 8,530.99 − 362.50
    assert rows[1].interest == cents_half_up(Fraction("91831.51") * i)
    assert all(row.total == payment for row in rows[:-1])
    assert rows[-1].balance_after == D("0.00")
    assert sum(row.principal for row in rows) == D("100000.00")


def test_equal_principal_120000_over_12_months_at_6():
    rows = schedule("120000.00", "6", 12, RepaymentMethod.EQUAL_PRINCIPAL)
    assert [row.principal for row in rows] == [D("10000.00")] * 12
    # interest on the balance at 0.5 % a month: 600, 550, … 50
    assert [row.interest for row in rows] == [D(600 - 50 * k) for k in range(12)]
    assert sum(row.interest for row in rows) == D("3900.00")


def test_equal_principal_last_instalment_absorbs_rounding():
    rows = schedule("100000.00", "4.35", 12, RepaymentMethod.EQUAL_PRINCIPAL)
    assert [row.principal for row in rows[:-1]] == [D("8333.33")] * 11
    assert rows[-1].principal == D("8333.37")  # 100,000 − 11 × 8,333.33


def test_interest_monthly_principal_at_maturity():
    rows = schedule("50000.00", "6", 6, RepaymentMethod.INTEREST_MONTHLY)
    assert [row.interest for row in rows] == [D("250.00")] * 6
    assert [row.principal for row in rows] == [D("0.00")] * 5 + [D("50000.00")]
    assert [row.balance_after for row in rows] == [D("50000.00")] * 5 + [D("0.00")]


def test_bullet_is_one_repayment_with_actual_over_360_interest():
    rows = schedule("100000.00", "3.6", 12, RepaymentMethod.BULLET, datetime.date(2026, 3, 15))
    assert len(rows) == 1
    (row,) = rows
    assert row.due_date == datetime.date(2027, 3, 15)
    assert row.principal == D("100000.00")
    assert row.interest == D("3650.00")  # 100,000 × 3.6 % × 365 / 360
    assert row.balance_after == D("0.00")


def test_bullet_over_a_leap_day_counts_366_days():
    (row,) = schedule("36000.00", "10", 12, RepaymentMethod.BULLET, datetime.date(2027, 6, 1))
    assert row.interest == D("3660.00")  # 36,000 × 10 % × 366 / 360


def test_zero_rate_equal_instalment_is_plain_division():
    rows = schedule("1000.00", "0", 3, RepaymentMethod.EQUAL_INSTALMENT)
    assert [row.principal for row in rows] == [D("333.33"), D("333.33"), D("333.34")]
    assert all(row.interest == 0 for row in rows)


def test_one_month_equal_instalment():
    (row,) = schedule("1200.00", "12", 1, RepaymentMethod.EQUAL_INSTALMENT)
    assert (row.principal, row.interest) == (D("1200.00"), D("12.00"))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-01-31", ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]),
        ("2027-12-31", ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]),
        ("2026-01-29", ["2026-02-28", "2026-03-29", "2026-04-29", "2026-05-29"]),
        ("2026-12-30", ["2027-01-30", "2027-02-28", "2027-03-30", "2027-04-30"]),
        ("2026-11-15", ["2026-12-15", "2027-01-15", "2027-02-15", "2027-03-15"]),
    ],
)
def test_due_dates_keep_the_day_of_month_clamped_to_month_end(start, expected):
    rows = schedule("10000.00", "5", 4, RepaymentMethod.EQUAL_INSTALMENT, _d(start))
    assert [row.due_date for row in rows] == [_d(e) for e in expected]


def test_add_months_across_years():
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 48) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 5, 31), 0) == datetime.date(2026, 5, 31)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"principal": D("0.00")},
        {"principal": D("-5.00")},
        {"principal": D("100.001")},
        {"annual_rate": D("-1")},
        {"term_months": 0},
        {"method": "balloon"},
    ],
)
def test_nonsense_is_refused(kwargs):
    args = {
        "principal": D("1000.00"),
        "annual_rate": D("5"),
        "term_months": 12,
        "method": RepaymentMethod.EQUAL_PRINCIPAL,
        "start_date": datetime.date(2026, 1, 1),
    } | kwargs
    with pytest.raises(ValueError):
        build_schedule(**args)


def test_penalty_is_contract_rate_plus_half_at_actual_over_360():
    # 10,000 × 7.2 % × 1.5 × 10 / 360 = 30.00
    assert penalty_interest(overdue_principal=D("10000.00"), annual_rate=D("7.2"), days=10) == D(
        "30.00"
    )
    # 3,333.33 × 4.35 % × 1.5 × 1 / 360 = 0.6041… → 0.60
    assert penalty_interest(overdue_principal=D("3333.33"), annual_rate=D("4.35"), days=1) == D(
        "0.60"
    )
    assert penalty_interest(overdue_principal=D("10000.00"), annual_rate=D("7.2"), days=0) == 0
    assert penalty_interest(overdue_principal=D("0.00"), annual_rate=D("7.2"), days=30) == 0


def test_accrued_interest_is_actual_over_360():
    got = accrued_interest(
        principal=D("20000.00"),
        annual_rate=D("5.4"),
        since=datetime.date(2026, 3, 1),
        until=datetime.date(2026, 3, 21),
    )
    assert got == D("60.00")  # 20,000 × 5.4 % × 20 / 360


def test_rebuild_after_prepayment_keeps_due_dates_and_lowers_the_instalment():
    start = datetime.date(2026, 1, 31)
    rows = schedule("100000.00", "4.35", 12, RepaymentMethod.EQUAL_INSTALMENT, start)
    balance = rows[2].balance_after - D("20000.00")  # after instalment 3, 20,000 prepaid
    rebuilt = rebuild_schedule(
        balance=balance,
        annual_rate=D("4.35"),
        term_months=12,
        method=RepaymentMethod.EQUAL_INSTALMENT,
        start_date=start,
        first_number=4,
        carried_interest=D("12.34"),
    )
    assert [row.number for row in rebuilt] == list(range(4, 13))
    assert [row.due_date for row in rebuilt] == [row.due_date for row in rows[3:]]
    assert sum(row.principal for row in rebuilt) == balance
    assert rebuilt[0].total < rows[3].total
    assert rebuilt[0].interest == cents_half_up(Fraction(balance) * Fraction("4.35") / 1200) + D(
        "12.34"
    )


# ---- properties ---------------------------------------------------------------------------

amounts = st.integers(min_value=100_000, max_value=500_000_000).map(lambda c: D(c).scaleb(-2))
rates = st.integers(min_value=1, max_value=2400).map(lambda r: D(r).scaleb(-2))
terms = st.integers(min_value=1, max_value=60)
methods = st.sampled_from(list(RepaymentMethod))
month_ends = st.builds(
    lambda year, month, day: datetime.date(year, month, min(day, _last_day(year, month))),
    st.integers(min_value=2020, max_value=2040),
    st.integers(min_value=1, max_value=12),
    st.sampled_from([28, 29, 30, 31]),
)
start_dates = st.one_of(
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2040, 12, 31)),
    month_ends,
    st.sampled_from([datetime.date(2024, 2, 29), datetime.date(2028, 2, 29)]),
)


@settings(max_examples=200, deadline=None)
@given(amount=amounts, rate=rates, term=terms, method=methods, start=start_dates)
def test_schedule_invariants(amount, rate, term, method, start):
    rows = build_schedule(
        principal=amount, annual_rate=rate, term_months=term, method=method, start_date=start
    )
    assert len(rows) == (1 if method == RepaymentMethod.BULLET else term)
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    assert sum(row.principal for row in rows) == amount
    assert rows[-1].balance_after == 0
    previous = amount
    for row in rows:
        assert row.principal >= 0
        assert row.interest >= 0
        assert row.balance_after >= 0
        assert row.balance_after == previous - row.principal
        for figure in (row.principal, row.interest, row.balance_after):
            assert figure == figure.quantize(D("0.01"))
        previous = row.balance_after
    dates = [start] + [row.due_date for row in rows]
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert rows[-1].due_date == add_months(start, term)
    for row in rows:
        assert row.due_date.day == min(start.day, _last_day(row.due_date.year, row.due_date.month))


@settings(max_examples=200, deadline=None)
@given(amount=amounts, rate=rates, term=terms, start=start_dates)
def test_equal_instalment_pays_the_annuity_and_the_last_absorbs_rounding(amount, rate, term, start):
    rows = build_schedule(
        principal=amount,
        annual_rate=rate,
        term_months=term,
        method=RepaymentMethod.EQUAL_INSTALMENT,
        start_date=start,
    )
    i = Fraction(rate) / 1200
    growth = (1 + i) ** term
    payment = cents_half_up(Fraction(amount) * i * growth / (growth - 1))
    assert annuity_payment(principal=amount, annual_rate=rate, periods=term) == payment
    assert all(row.total == payment for row in rows[:-1])
    # rounding drift is at most half a cent a month, carried into the last instalment
    assert abs(rows[-1].total - payment) <= D("0.01") * term
    for row, before in zip(rows, [amount] + [r.balance_after for r in rows], strict=False):
        assert row.interest == cents_half_up(Fraction(before) * i)


@settings(max_examples=200, deadline=None)
@given(amount=amounts, rate=rates, term=terms, start=start_dates)
def test_equal_principal_and_interest_monthly_shapes(amount, rate, term, start):
    kwargs = {"principal": amount, "annual_rate": rate, "term_months": term, "start_date": start}
    equal = build_schedule(method=RepaymentMethod.EQUAL_PRINCIPAL, **kwargs)
    assert len({row.principal for row in equal[:-1]}) <= 1
    assert all(a.interest >= b.interest for a, b in itertools.pairwise(equal))
    monthly = build_schedule(method=RepaymentMethod.INTEREST_MONTHLY, **kwargs)
    assert all(row.principal == 0 and row.balance_after == amount for row in monthly[:-1])
    assert {row.interest for row in monthly} == {cents_half_up(Fraction(amount * rate) / 1200)}


@settings(max_examples=200, deadline=None)
@given(
    amount=amounts,
    rate=rates,
    term=st.integers(min_value=2, max_value=60),
    method=st.sampled_from(MONTHLY_METHODS),
    start=start_dates,
    data=st.data(),
)
def test_rebuilt_schedule_sums_to_the_reduced_balance(amount, rate, term, method, start, data):
    rows = build_schedule(
        principal=amount, annual_rate=rate, term_months=term, method=method, start_date=start
    )
    paid = data.draw(st.integers(min_value=0, max_value=term - 1))
    before = amount if paid == 0 else rows[paid - 1].balance_after
    prepaid = data.draw(st.integers(min_value=0, max_value=int(before * 100) - 1))
    balance = before - D(prepaid).scaleb(-2)
    rebuilt = rebuild_schedule(
        balance=balance,
        annual_rate=rate,
        term_months=term,
        method=method,
        start_date=start,
        first_number=paid + 1,
    )
    assert [row.due_date for row in rebuilt] == [row.due_date for row in rows[paid:]]
    assert sum(row.principal for row in rebuilt) == balance
    assert rebuilt[-1].balance_after == 0
    assert all(row.balance_after >= 0 and row.interest >= 0 for row in rebuilt)


def _last_day(year, month):
    import calendar

    return calendar.monthrange(year, month)[1]


def _d(text):
    return datetime.date.fromisoformat(text)


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(min_value=1, max_value=10_000).map(lambda c: D(c).scaleb(-2)),
    rate=st.integers(min_value=0, max_value=240_000).map(lambda r: D(r).scaleb(-4)),
    term=terms,
    method=methods,
    start=start_dates,
)
def test_tiny_amounts_and_extreme_rates_keep_the_invariants(amount, rate, term, method, start):
    """Beyond the products' ranges (a few cents over 60 months, 0 % to 24 %): the guard that
    keeps balances from going below zero holds, and the last instalment still closes the loan."""
    rows = build_schedule(
        principal=amount, annual_rate=rate, term_months=term, method=method, start_date=start
    )
    assert sum(row.principal for row in rows) == amount
    assert all(row.principal >= 0 and row.balance_after >= 0 for row in rows)
    assert rows[-1].balance_after == 0
