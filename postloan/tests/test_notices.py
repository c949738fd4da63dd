"""Disbursement completes the manager's task: the "approved, to be disbursed" notice clears."""

from creditdesk.models import Notification


def test_disbursement_clears_the_approved_notice(signed, manager):
    assert Notification.objects.open().filter(recipient=manager, kind="loans.approved").exists()
    from postloan import services

    services.loan_open(application=signed, by=manager, day=signed.contract_signed_on)
    assert not Notification.objects.open().filter(recipient=manager).exists()
