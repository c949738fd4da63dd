"""The coverage interface loans ask for: a Decimal ratio, 0 until guarantee records exist."""

from decimal import Decimal
from types import SimpleNamespace

from guarantees import coverage


def test_coverage_is_zero_without_guarantee_records():
    application = SimpleNamespace(amount=Decimal("100000.00"), approved_amount=None)
    ratio = coverage.coverage_ratio(application)
    assert ratio == Decimal("0")
    assert isinstance(ratio, Decimal)
    assert not coverage.is_fully_covered(application)


def test_coverage_divides_covered_value_by_the_approved_amount(monkeypatch):
    monkeypatch.setattr(coverage, "covered_value", lambda application: Decimal("90000.00"))
    application = SimpleNamespace(amount=Decimal("100000.00"), approved_amount=Decimal("90000"))
    assert coverage.coverage_ratio(application) == Decimal("1.0000")
    assert coverage.is_fully_covered(application)


def test_guarantees_do_not_import_loans():
    import ast
    from pathlib import Path

    source = Path(coverage.__file__).read_text()
    imported = [
        node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom)
    ]
    assert not any(name.startswith("loans") for name in imported)
