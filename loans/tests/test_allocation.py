"""Allocation of a repayment (还款冲账): penalty, then interest, then principal, oldest first."""

import dataclasses
import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loans.schedules import (
    InstalmentState,
    RepaymentMethod,
    allocate_repayment,
    build_schedule,
    penalty_charged,
    penalty_interest,
    penalty_owed,
)

D = Decimal
RATE = D("7.2")  # 0.6 % a month; penalty 10.8 % a year = 0.03 % a day


def loan(*rows):
    """Instalments due on the 1st of each month from February 2026: (principal, interest)."""
    return [
        InstalmentState(
            number=n,
            due_date=datetime.date(2026, 1 + n, 1),
            principal_due=D(principal),
            interest_due=D(interest),
        )
        for n, (principal, interest) in enumerate(rows, start=1)
    ]


def allocate(instalments, amount, on):
    return allocate_repayment(instalments=instalments, amount=D(amount), on=on, annual_rate=RATE)


def by_number(allocation):
    return {line.number: line for line in allocation.lines}


def total(allocation):
    return (
        sum(line.to_penalty + line.to_interest + line.to_principal for line in allocation.lines)
        + allocation.prepaid_principal
        + allocation.unapplied
    )


def test_on_time_payment_pays_interest_then_principal_of_the_due_instalment():
    instalments = loan(("1000.00", "60.00"), ("1000.00", "54.00"))
    result = allocate(instalments, "1060.00", datetime.date(2026, 2, 1))
    assert set(by_number(result)) == {1}
    line = by_number(result)[1]
    assert (line.to_penalty, line.to_interest, line.to_principal) == (0, D("60.00"), D("1000.00"))
    assert (result.prepaid_principal, result.unapplied) == (0, 0)


def test_late_payment_pays_penalty_first():
    instalments = loan(("10000.00", "60.00"), ("10000.00", "54.00"))
    on = datetime.date(2026, 2, 11)  # 10 days late: 10,000 × 10.8 % × 10 / 360 = 30.00
    result = allocate(instalments, "10090.00", on)
    line = by_number(result)[1]
    assert (line.to_penalty, line.to_interest, line.to_principal) == (
        D("30.00"),
        D("60.00"),
        D("10000.00"),
    )
    assert total(result) == D("10090.00")


def test_partial_payment_covering_only_penalty():
    instalments = loan(("10000.00", "60.00"), ("10000.00", "54.00"))
    result = allocate(instalments, "20.00", datetime.date(2026, 2, 11))
    line = by_number(result)[1]
    assert (line.to_penalty, line.to_interest, line.to_principal) == (D("20.00"), 0, 0)
    assert (result.prepaid_principal, result.unapplied) == (0, 0)


def test_penalties_of_all_overdue_instalments_come_before_any_interest():
    instalments = loan(("10000.00", "60.00"), ("10000.00", "54.00"), ("10000.00", "48.00"))
    on = datetime.date(2026, 3, 11)  # #1 is 38 days late, #2 10 days late
    penalty_1 = penalty_interest(overdue_principal=D("10000.00"), annual_rate=RATE, days=38)
    penalty_2 = penalty_interest(overdue_principal=D("10000.00"), annual_rate=RATE, days=10)
    result = allocate(instalments, penalty_1 + penalty_2 + D("100.00"), on)
    lines = by_number(result)
    assert (lines[1].to_penalty, lines[2].to_penalty) == (penalty_1, penalty_2)
    assert (lines[1].to_interest, lines[2].to_interest) == (D("60.00"), D("40.00"))
    assert lines[1].to_principal == lines[2].to_principal == 0
    assert 3 not in lines  # not yet due


def test_interest_of_every_due_instalment_before_any_principal():
    instalments = loan(("1000.00", "60.00"), ("1000.00", "54.00"))
    on = datetime.date(2026, 3, 1)  # #1 a month late, #2 due today
    penalty = penalty_owed(instalments[0], on=on, annual_rate=RATE)
    result = allocate(instalments, penalty + D("114.00") + D("500.00"), on)
    lines = by_number(result)
    assert (lines[1].to_interest, lines[2].to_interest) == (D("60.00"), D("54.00"))
    assert (lines[1].to_principal, lines[2].to_principal) == (D("500.00"), 0)


def test_what_remains_prepays_principal_and_the_rest_is_unapplied():
    instalments = loan(("1000.00", "60.00"), ("1000.00", "54.00"), ("1000.00", "48.00"))
    result = allocate(instalments, "5000.00", datetime.date(2026, 2, 1))
    assert by_number(result)[1].to_principal == D("1000.00")
    assert set(by_number(result)) == {1}  # the future instalments get no line
    assert result.prepaid_principal == D("2000.00")  # all the principal not yet due
    assert result.unapplied == D("1940.00")  # future interest is not due: not taken


def test_already_paid_amounts_and_penalty_are_not_taken_twice():
    (first, second) = loan(("10000.00", "60.00"), ("10000.00", "54.00"))
    on = datetime.date(2026, 2, 11)
    first = dataclasses.replace(
        first, interest_paid=D("60.00"), principal_paid=D("4000.00"), penalty_paid=D("5.00")
    )
    # penalty on the 6,000 still unpaid for 10 days: 18.00, of which 5.00 was paid
    assert penalty_owed(first, on=on, annual_rate=RATE) == D("13.00")
    result = allocate([first, second], "7000.00", on)
    line = by_number(result)[1]
    assert (line.to_penalty, line.to_interest, line.to_principal) == (D("13.00"), 0, D("6000.00"))
    assert result.prepaid_principal == D("987.00")


def test_penalty_paid_beyond_what_is_now_owed_gives_no_negative_line():
    (first,) = loan(("1000.00", "60.00"))
    first = dataclasses.replace(first, penalty_paid=D("99.00"))
    result = allocate([first], "10.00", datetime.date(2026, 2, 5))
    assert by_number(result)[1].to_penalty == 0
    assert by_number(result)[1].to_interest == D("10.00")


def test_nothing_left_to_pay_makes_everything_unapplied():
    instalments = [
        dataclasses.replace(i, principal_paid=i.principal_due, interest_paid=i.interest_due)
        for i in loan(("1000.00", "60.00"), ("1000.00", "54.00"))
    ]
    result = allocate(instalments, "300.00", datetime.date(2026, 5, 1))
    assert result.lines == []
    assert (result.prepaid_principal, result.unapplied) == (0, D("300.00"))


def test_zero_amount_and_empty_loan():
    assert allocate(loan(("1000.00", "60.00")), "0.00", datetime.date(2026, 3, 1)).lines == []
    result = allocate([], "12.34", datetime.date(2026, 3, 1))
    assert (result.lines, result.prepaid_principal, result.unapplied) == ([], 0, D("12.34"))


def test_instalments_are_taken_oldest_first_whatever_order_they_come_in():
    instalments = loan(("1000.00", "60.00"), ("1000.00", "54.00"))
    on = datetime.date(2026, 3, 1)
    assert allocate(instalments[::-1], "700.00", on) == allocate(instalments, "700.00", on)


# ---- properties ---------------------------------------------------------------------------


@st.composite
def situations(draw):
    """A real schedule, some of it already (partly) paid, and a repayment on some day."""
    amount = D(draw(st.integers(min_value=100_000, max_value=500_000_000))).scaleb(-2)
    rate = D(draw(st.integers(min_value=1, max_value=2400))).scaleb(-2)
    term = draw(st.integers(min_value=1, max_value=60))
    method = draw(st.sampled_from(list(RepaymentMethod)))
    start = draw(st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 1, 1)))
    rows = build_schedule(
        principal=amount, annual_rate=rate, term_months=term, method=method, start_date=start
    )
    states = []
    for row in rows:
        settled = draw(st.sampled_from(["none", "some", "all"]))
        states.append(
            InstalmentState(
                number=row.number,
                due_date=row.due_date,
                principal_due=row.principal,
                interest_due=row.interest,
                principal_paid=draw(_paid(row.principal, settled)),
                interest_paid=draw(_paid(row.interest, settled)),
                penalty_paid=D(draw(st.integers(min_value=0, max_value=5000))).scaleb(-2),
            )
        )
    on = start + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=40 * 31 * 2)))
    owed = _owed(states, on, rate)
    everything = sum(owed.values(), D("0.00"))
    pay = draw(
        st.one_of(
            st.integers(min_value=0, max_value=int(everything * 100) + 100_000),
            st.integers(min_value=0, max_value=10_000),
        )
    )
    return states, D(pay).scaleb(-2), on, rate


def _paid(due, settled):
    if settled == "none":
        return st.just(D("0.00"))
    if settled == "all":
        return st.just(due)
    return st.integers(min_value=0, max_value=int(due * 100)).map(lambda c: D(c).scaleb(-2))


def _owed(states, on, rate):
    owed = {}
    for s in states:
        due = s.due_date <= on
        owed[("penalty", s.number)] = penalty_owed(s, on=on, annual_rate=rate) if due else D(0)
        owed[("interest", s.number)] = s.interest_due - s.interest_paid if due else D(0)
        owed[("principal", s.number)] = s.principal_due - s.principal_paid if due else D(0)
    owed["prepay"] = sum(
        (s.principal_due - s.principal_paid for s in states if s.due_date > on), D("0.00")
    )
    return owed


@settings(max_examples=200, deadline=None)
@given(situation=situations())
def test_allocation_conserves_orders_and_never_over_allocates(situation):
    states, amount, on, rate = situation
    result = allocate_repayment(instalments=states, amount=amount, on=on, annual_rate=rate)
    owed = _owed(states, on, rate)

    # conservation, to the cent
    assert total(result) == amount
    got = {key: D(0) for key in owed}
    for line in result.lines:
        got[("penalty", line.number)] = line.to_penalty
        got[("interest", line.number)] = line.to_interest
        got[("principal", line.number)] = line.to_principal
        assert line.to_penalty + line.to_interest + line.to_principal > 0
    got["prepay"] = result.prepaid_principal

    # never more than owed on a line, never negative
    for key, value in got.items():
        assert 0 <= value <= owed[key], key
    assert result.unapplied >= 0

    # order: penalty (oldest first) → interest (oldest first) → principal → prepayment → unapplied
    order = [("penalty", s.number) for s in states]
    order += [("interest", s.number) for s in states]
    order += [("principal", s.number) for s in states]
    order += ["prepay"]
    for earlier_index, earlier in enumerate(order):
        if got[earlier] < owed[earlier]:
            assert all(got[later] == 0 for later in order[earlier_index + 1 :])
            assert result.unapplied == 0
    if result.unapplied > 0:
        assert got == owed


def test_penalty_accrued_before_a_partial_late_payment_is_kept():
    (first,) = loan(("10000.00", "60.00"))
    # paid 4,000 of principal and the 30.00 penalty on 2026-02-11 (10 days on 10,000); the
    # service recorded the penalty charged so far
    first = dataclasses.replace(
        first,
        interest_paid=D("60.00"),
        principal_paid=D("4000.00"),
        penalty_paid=D("30.00"),
        penalty_accrued=D("30.00"),
        penalty_accrued_to=datetime.date(2026, 2, 11),
    )
    on = datetime.date(2026, 2, 21)  # 10 more days on the 6,000 left: 18.00
    assert penalty_charged(first, on=on, annual_rate=RATE) == D("48.00")
    assert penalty_owed(first, on=on, annual_rate=RATE) == D("18.00")
    line = by_number(allocate([first], "6018.00", on))[1]
    assert (line.to_penalty, line.to_principal) == (D("18.00"), D("6000.00"))
