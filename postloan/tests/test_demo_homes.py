"""Done when (issue 11): after the demo data loads and the nightly job runs, the manager's
home shows their overdue and large loans, their inspection worklist and their alerts; the
branch head sees the early-warning board. The demo loans have inspections: done, overdue
(due at once), one with warning signals, a surprise visit under way."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from creditdesk.models import User
from postloan.models import Alert, Inspection, Loan


def test_the_demo_bank_shows_each_person_what_landed_on_them(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    today = timezone.localdate()
    manager = User.objects.get(username="manager1")
    head = User.objects.get(username="head1")

    done = Inspection.objects.submitted()
    assert done.count() >= 4
    warned = done.get(has_signals=True)
    assert warned.photos.get().caption == "猪舍存栏减少"
    assert Inspection.objects.drafts().get().surprise
    overdue = Loan.objects.get(overdue_since__isnull=False, application__amount=80000)
    assert overdue.next_inspection_due <= overdue.overdue_since < today  # due at once

    client.force_login(manager)
    home = client.get("/").content.decode()
    for panel in ("panel-overdue", "panel-worklist", "panel-large", "panel-alerts"):
        assert f'id="{panel}"' in home
    worklist = home.split('id="panel-worklist"')[1].split('id="panel-')[0]
    assert overdue.contract_number in worklist
    alerts = home.split('id="panel-alerts"')[1]
    assert Alert.objects.visible_to(manager).open().exists()
    assert Alert.objects.visible_to(manager).open().first().loan.contract_number in alerts

    client.force_login(head)
    home = client.get("/").content.decode()
    board = home.split('id="panel-warnings"')[1].split('id="panel-')[0]
    assert warned.loan.contract_number in board
    assert "经营下滑、销售收入明显减少" in board
