"""Sessions end after 30 idle minutes and, however busy, 10 hours after login."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from creditdesk.security import AUTH_AT, SEEN_AT


def test_defaults_are_thirty_idle_minutes_and_ten_hours():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_ABSOLUTE_AGE == 10 * 3600


def _set(client, key, seconds_ago):
    session = client.session
    session[key] = int(time.time()) - seconds_ago
    session.save()


def test_a_request_pushes_the_idle_expiry_on(client_for, manager):
    client = client_for(manager)
    _set(client, SEEN_AT, 61)  # the last renewal was over a minute ago
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.get("/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 1800
    session.refresh_from_db()
    left = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_requests_within_a_minute_do_not_rewrite_the_session(client_for, manager):
    client = client_for(manager)
    _set(client, SEEN_AT, 10)
    before = Session.objects.get(session_key=client.session.session_key).expire_date
    assert client.get("/").status_code == 200
    assert Session.objects.get(session_key=client.session.session_key).expire_date == before


def test_idle_session_is_signed_out(client_for, manager):
    client = client_for(manager)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)  # 30 minutes without a request
    )
    response = client.get("/customers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _age_login(client, seconds):
    _set(client, AUTH_AT, seconds)


def test_session_within_ten_hours_goes_on(client_for, manager):
    client = client_for(manager)
    _age_login(client, 10 * 3600 - 60)
    assert client.get("/").status_code == 200


def test_session_past_ten_hours_is_signed_out_with_a_message(client_for, manager):
    client = client_for(manager)
    _age_login(client, 10 * 3600 + 1)
    response = client.get("/customers/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcustomers%2F%3Fq%3Dx"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "登录已超过最长时限，请重新登录。" in page.content.decode()


def test_api_session_past_ten_hours_is_refused(client_for, manager):
    client = client_for(manager)
    _age_login(client, 10 * 3600 + 1)
    assert client.get("/api/me/").status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_records_its_time(client, bank):
    from creditdesk.demo import DEMO_PASSWORD

    before = int(time.time())
    client.post("/accounts/login/", {"username": "manager1", "password": DEMO_PASSWORD})
    assert before <= client.session[AUTH_AT] <= int(time.time())


def test_limits_come_from_the_environment():
    from creditdesk.tests.test_settings import run_python

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='creditdesk.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_AGE, s.SESSION_ABSOLUTE_AGE, s.API_TOKEN_TTL)"
    )
    env = {"SESSION_COOKIE_AGE": "600", "SESSION_ABSOLUTE_AGE": "3600", "API_TOKEN_TTL": "60"}
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "3600", "60"]
