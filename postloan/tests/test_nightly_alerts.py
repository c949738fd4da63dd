"""The nightly job's alerts on the loan's dates and its securities (issue 11, point 1)."""

from __future__ import annotations

import datetime

from guarantees.services import collateral as collateral_services
from postloan import nightly, services
from postloan.models import AlertKind, Loan
from postloan.tests.test_guarantees import mortgaged  # noqa: F401  (the fixture)

TODAY = datetime.date.today()


def _open(loan) -> set[str]:
    return set(loan.alerts.open().values_list("kind", flat=True))


def test_an_unregistered_mortgage_is_alerted_until_registered(mortgaged, manager, head):  # noqa: F811
    pledge = mortgaged.pledges.get()
    collateral_services.pledge_waive_registration(pledge=pledge, by=head, reason="先放款后登记")
    loan = services.loan_open(application=mortgaged, by=manager, day=TODAY)
    nightly.run(day=TODAY)
    assert AlertKind.MORTGAGE_UNREGISTERED in _open(loan)
    collateral_services.collateral_register(
        collateral=pledge.collateral,
        by=manager,
        certificate_number="他项第9号",
        registry="县不动产登记中心",
        registered_on=TODAY,
    )
    nightly.run(day=TODAY, force=True)
    assert AlertKind.MORTGAGE_UNREGISTERED not in _open(loan)


def test_a_loan_maturing_within_thirty_days_is_alerted(loan):
    Loan.objects.filter(pk=loan.pk).update(maturity_date=TODAY + datetime.timedelta(days=30))
    nightly.run(day=TODAY)
    assert AlertKind.MATURITY in _open(loan)
    Loan.objects.filter(pk=loan.pk).update(maturity_date=TODAY + datetime.timedelta(days=31))
    nightly.run(day=TODAY, force=True)
    assert AlertKind.MATURITY not in _open(loan)
