"""The guarantee structure: coverage = Σ collateral counted + Σ effective guarantor capacity,
the balance warnings, and the verdict."""

import datetime
from decimal import Decimal

from creditdesk.history import audited_save
from guarantees import coverage
from guarantees.models import GuaranteePolicy
from guarantees.services import collateral as collateral_services
from guarantees.tests.conftest import add_guarantor, house, make_application, pledge


def codes(structure):
    return {w.code for w in structure.warnings}


def test_nothing_pledged_is_zero_and_no_verdict(application):
    s = coverage.structure(application)
    assert (s.ratio, s.verdict) == (Decimal("0"), coverage.Verdict.NONE)


def test_strength_times_willingness_counts(application, manager):
    # Strength 200,000 + 50,000 income × 1 year; "average" = 0.7 → 175,000, capped at 100,000.
    add_guarantor(application, manager, willingness="average", annual_income=Decimal("50000"))
    row = coverage.structure(application).guarantors[0]
    assert (row.strength, row.factor, row.effective) == (
        Decimal("250000.00"),
        Decimal("0.7000"),
        Decimal("175000.00"),
    )
    assert row.counted == Decimal("100000")
    assert coverage.coverage_ratio(application) == Decimal("1.0000")
    assert coverage.is_fully_covered(application)


def test_weak_willingness_makes_a_strong_guarantor_insufficient(application, manager):
    add_guarantor(application, manager, willingness="weak")  # 200,000 × 0.3 = 60,000
    assert coverage.coverage_ratio(application) == Decimal("0.6000")
    assert coverage.structure(application).verdict == coverage.Verdict.NOT_COVERED


def test_a_guarantor_who_refuses_counts_zero_and_is_warned(application, manager):
    add_guarantor(application, manager, willingness="refuses", net_assets=Decimal("9000000"))
    s = coverage.structure(application)
    assert s.covered == 0
    assert "refuses" in codes(s)


def test_policy_factors_are_configurable(application, manager, admin_user):
    add_guarantor(application, manager, willingness="weak")
    policy = GuaranteePolicy.current()
    policy.factor_weak = Decimal("0.5")
    audited_save(policy, by=admin_user, reason="creditdesk.admin_change")
    assert coverage.coverage_ratio(application) == Decimal("1.0000")


def test_guarantees_for_others_reduce_available_strength_bank_wide(
    application, manager, other_manager
):
    from tests.factories import CustomerFactory

    elsewhere = make_application(
        CustomerFactory(manager=other_manager), other_manager, amount="200000"
    )
    add_guarantor(elsewhere, other_manager, n=1, amount="150000")  # another branch's loan
    add_guarantor(application, manager, n=1)  # the same person: 200,000 − 150,000 = 50,000
    s = coverage.structure(application)
    row = s.guarantors[0]
    assert (row.elsewhere, row.available, row.counted) == (
        Decimal("150000"),
        Decimal("50000.00"),
        Decimal("50000.00"),
    )
    assert "overextended" in codes(s)  # 150,000 + 100,000 > 200,000


def test_collateral_counts_value_times_ltv_and_never_twice(application, borrower, manager):
    item = house(borrower, manager, value="200000")  # residential: 70 % → 140,000
    pledge(application, item, manager, amount="100000")
    second = make_application(borrower, manager, amount="80000")
    pledge(second, item, manager, amount="40000")  # 100,000 + 40,000 = 140,000: all of it
    first = coverage.structure(application).collateral[0]
    assert (first.lendable, first.elsewhere, first.counted) == (
        Decimal("140000.00"),
        Decimal("40000"),
        Decimal("100000"),
    )
    assert coverage.coverage_ratio(second) == Decimal("0.5000")


def test_coverage_adds_guarantors_and_collateral(application, borrower, manager):
    pledge(application, house(borrower, manager, value="100000"), manager, amount="70000")
    add_guarantor(application, manager, willingness="strong", net_assets=Decimal("30000"))
    s = coverage.structure(application)
    assert (s.collateral_total, s.guarantor_total, s.covered) == (
        Decimal("70000"),
        Decimal("30000.00"),
        Decimal("100000.00"),
    )
    assert s.ratio == Decimal("1.0000")


def test_the_approved_amount_is_what_must_be_covered(application, manager):
    add_guarantor(application, manager, willingness="weak")  # 60,000
    application.approved_amount = Decimal("60000")
    assert coverage.coverage_ratio(application) == Decimal("1.0000")


def test_too_many_and_unequal_guarantors_are_warned(application, manager):
    add_guarantor(application, manager, n=1, amount="30000", net_assets=Decimal("900000"))
    add_guarantor(application, manager, n=2, amount="30000", net_assets=Decimal("100000"))
    add_guarantor(application, manager, n=3, amount="30000", net_assets=Decimal("100000"))
    assert "unequal" in codes(coverage.structure(application))  # 900,000 ÷ 100,000 > 3
    add_guarantor(application, manager, n=4, amount="30000", net_assets=Decimal("100000"))
    assert "too_many" in codes(coverage.structure(application))  # 4 > 3


def test_balanced_guarantors_bring_no_warning(application, manager):
    add_guarantor(application, manager, n=1, amount="50000", net_assets=Decimal("120000"))
    add_guarantor(application, manager, n=2, amount="50000", net_assets=Decimal("100000"))
    s = coverage.structure(application)
    assert s.warnings == []
    assert s.verdict == coverage.Verdict.COVERED


def test_unregistered_mortgage_counts_but_is_warned_and_blocks(application, borrower, manager):
    pledge(application, house(borrower, manager), manager)
    s = coverage.structure(application)
    assert s.ratio == Decimal("1.0000")
    assert s.verdict == coverage.Verdict.COVERED_WITH_WARNINGS
    assert "unregistered" in codes(s) and s.blocks_disbursement


def test_registered_mortgage_is_not_warned(application, borrower, manager):
    item = house(borrower, manager)
    collateral_services.collateral_register(
        collateral=item,
        by=manager,
        certificate_number="X京(2026)朝阳区不动产证明第0001号",
        registry="县不动产登记中心",
        registered_on=datetime.date.today(),
    )
    pledge(application, item, manager)
    assert "unregistered" not in codes(coverage.structure(application))


def test_expired_insurance_and_due_revaluation_are_warned(application, borrower, manager):
    old = datetime.date.today() - datetime.timedelta(days=800)  # residential: every 24 months
    item = house(
        borrower,
        manager,
        appraised_on=old,
        insurer="人保财险",
        insured_until=datetime.date.today() - datetime.timedelta(days=1),
    )
    pledge(application, item, manager)
    assert {"insurance", "revaluation"} <= codes(coverage.structure(application))
