"""Twenty branch heads' clicks at once on one application: exactly one approval."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from loans import services
from loans.models import ApplicationStatus, ApprovalDecision, LoanApplication
from tests.helpers import requires_postgres

pytestmark = [requires_postgres, pytest.mark.postgres]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_approvals_produce_one(pending, head):
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def approve():
        try:
            application = LoanApplication.objects.get(pk=pending.pk)
            barrier.wait()
            try:
                services.application_approve(application=application, approver=head, opinion="同意")
                result = "approved"
            except ValidationError:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["approved"] + ["refused"] * 19
    assert ApprovalDecision.objects.filter(application=pending, kind="approve").count() == 1
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.APPROVED
    assert pending.transitions.filter(to_status=ApplicationStatus.APPROVED).count() == 1
