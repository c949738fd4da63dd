"""In-app notices: notify, dedupe, resolve, the count in the navigation, the page and the API."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from creditdesk.models import Notification
from creditdesk.notifications import kind_label, known_kinds, notify, open_count, resolve


def _notify(users, branch, kind="loans.approved", **kwargs):
    return notify(users, kind=kind, target=branch, label="王建国 · 申请 #7", url="/x/", **kwargs)


def test_each_app_declares_its_kinds_and_they_read_in_the_readers_language(bank):
    from django.utils import translation

    assert {"loans.submitted", "loans.second_investigator", "customers.line_pending"} <= (
        known_kinds()
    )
    with translation.override("zh-hans"):
        assert kind_label("loans.submitted") == "贷款申请待您审批"
    with translation.override("en"):
        assert kind_label("loans.submitted") == "Application awaiting your approval"


def test_notifying_twice_leaves_one_open_notice(manager, head):
    branch = manager.branch
    assert _notify([manager, head, None], branch) == 2
    assert _notify(manager, branch) == 0
    assert open_count(manager) == 1
    notice = Notification.objects.get(recipient=manager)
    assert notice.key == f"loans.approved:creditdesk.branch:{branch.pk}"
    assert (notice.label, notice.url) == ("王建国 · 申请 #7", "/x/")


def test_an_unknown_kind_is_a_programming_error(manager):
    with pytest.raises(ValueError, match=r"notices\.py"):
        _notify(manager, manager.branch, kind="loans.no_such_event")


def test_the_database_keeps_one_open_notice_per_key(manager):
    _notify(manager, manager.branch)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=manager,
            kind="loans.approved",
            label="x",
            url="/",
            key=Notification.objects.get().key,
        )


def test_resolving_closes_the_targets_notices_and_a_new_task_notifies_again(manager, head):
    branch, other = manager.branch, head.branch.parent
    _notify([manager, head], branch)
    _notify(manager, branch, kind="loans.returned")
    _notify(manager, other)
    assert resolve(target=branch, kind="loans.approved", recipient=head) == 1
    assert open_count(head) == 0 and open_count(manager) == 3
    assert resolve(target=branch) == 2
    assert open_count(manager) == 1  # the other target's notice stays open
    # The same task landing again (a second return) is a new notice.
    assert _notify(manager, branch, kind="loans.returned") == 1


def test_inactive_staff_get_no_notice(manager):
    manager.is_active = False
    manager.save()
    assert _notify(manager, manager.branch) == 0


def test_the_navigation_shows_the_count_and_the_page_lists_and_marks_done(
    manager, head, client_for
):
    _notify(manager, manager.branch)
    client = client_for(manager)
    page = client.get("/").content.decode()
    assert 'id="notice-count">1<' in page
    page = client.get("/notifications/").content.decode()
    assert "王建国 · 申请 #7" in page and 'href="/x/"' in page
    notice = Notification.objects.get(recipient=manager)
    # Someone else's notice is not there for them.
    assert client_for(head).post(f"/notifications/{notice.pk}/done/").status_code == 404
    client = client_for(manager)  # one test client, signed in as one person at a time
    response = client.post(f"/notifications/{notice.pk}/done/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.done_at is not None
    assert 'id="notice-count"' not in client.get("/").content.decode()


def test_the_count_costs_one_query(manager, client_for, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    from creditdesk.context_processors import notifications

    _notify(manager, manager.branch)
    request = RequestFactory().get("/")
    request.user = manager
    context = notifications(request)
    with django_assert_num_queries(1):
        rendered = Template("{{ notice_count }}{{ notice_count }}").render(Context(context))
    assert rendered == "11"


def test_the_api_lists_my_open_notices_only(manager, head, api_for):
    _notify(manager, manager.branch)
    _notify(head, manager.branch)
    resolve(target=manager.branch, recipient=head)
    rows = api_for(manager).get("/api/notifications/").json()["results"]
    assert [(r["kind"], r["label"], r["url"]) for r in rows] == [
        ("loans.approved", "王建国 · 申请 #7", "/x/")
    ]
    assert rows[0]["kind_label"]
    assert api_for(head).get("/api/notifications/").json()["results"] == []
    done = api_for(head).get("/api/notifications/?open=false").json()["results"]
    assert len(done) == 1 and done[0]["done_at"]
