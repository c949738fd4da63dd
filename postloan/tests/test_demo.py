"""The demo bank's loans: every state, loans with histories; loading twice changes nothing."""

from django.core.management import call_command

from loans.models import ApplicationStatus, LoanApplication, LoanProduct
from postloan.models import Loan, Repayment


def counts():
    return (LoanProduct.objects.count(), LoanApplication.objects.count(), Repayment.objects.count())


def test_demo_has_every_state_and_histories(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert LoanProduct.objects.count() == 5
    statuses = set(LoanApplication.objects.values_list("status", flat=True))
    assert statuses >= {
        ApplicationStatus.DRAFT,
        ApplicationStatus.INVESTIGATING,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.APPROVED,
        ApplicationStatus.CONTRACT_SIGNED,
        ApplicationStatus.REFERRED,
        ApplicationStatus.DISBURSED,
        ApplicationStatus.SETTLED,
    }
    assert Loan.objects.filter(overdue_since__isnull=False).exists()
    assert Repayment.objects.filter(to_penalty__gt=0).exists()
