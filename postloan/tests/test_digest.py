"""The daily email digest: each manager and branch head gets one mail of what is waiting for
them, nobody gets an empty one; the task and its beat entry send it."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.utils import timezone

from postloan import digest, tasks
from postloan.models import Loan
from postloan.tests.test_inspections import inspect


def test_a_manager_reads_the_weeks_inspections_and_a_head_the_warning_board(
    loan, manager, head, other_manager, other_head
):
    today = timezone.localdate()
    Loan.objects.filter(pk=loan.pk).update(next_inspection_due=today)
    assert digest.send_daily_digests(on=today) >= 1
    (to_manager,) = [m for m in mail.outbox if m.to == [manager.email]]
    assert "本周贷后检查（1 笔" in to_manager.body
    assert loan.contract_number in to_manager.body
    assert today.isoformat() in to_manager.subject
    assert not [m for m in mail.outbox if m.to in ([other_manager.email], [other_head.email])]

    mail.outbox.clear()
    inspect(loan, manager, signals=["unreachable"], follow_up="联系担保人")
    digest.send_daily_digests(on=today)
    (to_head,) = [m for m in mail.outbox if m.to == [head.email]]
    assert "预警看板（1 笔）" in to_head.body
    assert "借款人失联或下落不明" in to_head.body and "李客户经理" in to_head.body
    # Inspected: off the manager's week, nothing else waiting → no mail for the manager.
    assert not [m for m in mail.outbox if m.to == [manager.email]]


def test_nothing_waiting_means_no_mail(bank):
    assert digest.send_daily_digests(on=timezone.localdate()) == 0
    assert mail.outbox == []


def test_the_task_sends_the_digest_and_runs_every_morning(loan):
    Loan.objects.filter(pk=loan.pk).update(next_inspection_due=timezone.localdate())
    assert tasks.send_daily_digest.delay().get() == 1
    assert len(mail.outbox) == 1
    entry = settings.CELERY_BEAT_SCHEDULE["postloan-daily-digest"]
    assert entry["task"] == "postloan.tasks.send_daily_digest"
