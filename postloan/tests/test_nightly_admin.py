"""Administrators see the nightly job's runs and start it with a button (issue 11)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from postloan.models import NightlyRun, RunStatus

RUNS = "admin:postloan_nightlyrun_changelist"
RUN = "admin:postloan_nightlyrun_run"


def test_the_button_queues_the_job_after_commit_and_the_list_shows_it(
    admin_user, client_for, django_capture_on_commit_callbacks
):
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse(RUN))
    assert response.status_code == 302
    assert not NightlyRun.objects.exists()  # nothing runs before the commit
    assert len(queued) == 1
    queued[0]()  # the commit: the task runs (eagerly in tests)
    run = NightlyRun.objects.get()
    assert (run.business_date, run.status) == (datetime.date.today(), RunStatus.DONE)
    page = client.get(reverse(RUNS))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="run-nightly"' in html
    assert run.business_date.isoformat() in html or str(run.business_date.year) in html


def test_the_button_is_a_post(admin_user, client_for):
    assert client_for(admin_user).get(reverse(RUN)).status_code == 405


def test_staff_other_than_the_administrator_cannot_start_it(head, manager, client_for):
    for user in (head, manager):
        response = client_for(user).post(reverse(RUN))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not NightlyRun.objects.exists()
