"""The guarantee coverage figure that loan approval asks for.

Guarantees sit a floor below loans: ``loans`` imports this module, never the other way round,
so the application arrives as a plain object and is read only through its attributes.

INTERFACE (kept stable for the Guarantees issue):
    coverage_ratio(application) -> Decimal
        The effective guarantee value (guarantors' strength × willingness, registered
        collateral's value) divided by the amount the loan needs covered (the approved amount,
        else the requested one). 1 or more means the loan is fully covered.

Until the Guarantees issue adds guarantor and collateral records there is nothing that covers
a loan, so the ratio is Decimal("0"): an application whose investigation calls for "an
additional full, effective guarantee" cannot be approved yet.
"""

from __future__ import annotations

from decimal import Decimal

FULL_COVERAGE = Decimal("1")


def covered_value(application) -> Decimal:
    """The effective value of the guarantees pledged for ``application`` (yuan)."""
    return Decimal("0.00")


def coverage_ratio(application) -> Decimal:
    """Effective guarantee value ÷ amount to be covered; Decimal("0") when nothing covers it."""
    amount = getattr(application, "approved_amount", None) or application.amount
    if not amount or amount <= 0:
        return Decimal("0")
    return (covered_value(application) / amount).quantize(Decimal("0.0001"))


def is_fully_covered(application) -> bool:
    return coverage_ratio(application) >= FULL_COVERAGE
