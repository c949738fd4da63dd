"""Post-loan tests start from origination's fixtures: a product, a customer, an application
brought to any state through the loans services."""

from __future__ import annotations

import pytest

from loans.tests.conftest import (  # noqa: F401  (fixtures)
    _media,
    approved,
    customer,
    draft,
    pending,
    product,
    signed,
)
from postloan import services
from postloan.models import Loan


@pytest.fixture
def loan(signed, manager) -> Loan:  # noqa: F811  (the fixture, by name)
    return services.loan_open(application=signed, by=manager, day=signed.contract_signed_on)
