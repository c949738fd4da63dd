"""Every login, failure, lockout, logout and refused request is one line of the security log,
with the user, the address and the time."""

import logging
import re

import pytest

from creditdesk.demo import DEMO_PASSWORD

LOGGER = "creditdesk.security"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)

    def lines(event=None):
        records = [r for r in caplog.records if r.name == LOGGER]
        return [r for r in records if event is None or r.security["event"] == event]

    return lines


def _one(lines, event):
    found = lines(event)
    assert len(found) == 1, [r.getMessage() for r in lines()]
    record = found[0]
    message = record.getMessage()
    assert "\n" not in message
    assert re.search(r"\bat=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", message)
    return record


def test_login_and_logout(client, bank, security_log):
    client.post(
        "/accounts/login/",
        {"username": "manager1", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.7.7.7",
    )
    login = _one(security_log, "login")
    assert login.security["user"] == "manager1"
    assert login.security["ip"] == "10.7.7.7"
    assert "event=login user=manager1 ip=10.7.7.7" in login.getMessage()
    client.post("/accounts/logout/", REMOTE_ADDR="10.7.7.7")
    logout = _one(security_log, "logout")
    assert logout.security["user"] == "manager1"


def test_failed_login_logs_what_was_typed_but_never_the_password(client, bank, security_log):
    client.post("/accounts/login/", {"username": "manager1", "password": "s3cret-guess"})
    failed = _one(security_log, "login_failed")
    assert failed.levelno == logging.WARNING
    assert failed.security["user"] == "manager1"
    assert failed.security["ip"] == "127.0.0.1"
    assert "s3cret-guess" not in failed.getMessage()


def test_lockout(client, bank, security_log):
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "nope"})
    lockout = _one(security_log, "lockout")
    assert lockout.security["user"] == "admin"
    assert lockout.security["path"] == "/admin/login/"


def test_refused_page_is_logged(client_for, auditor, security_log):
    client_for(auditor).get("/customers/new/")  # an auditor only reads: 403
    refused = _one(security_log, "access_refused")
    assert refused.security["user"] == "auditor"
    assert refused.security["status"] == 403
    assert refused.security["path"] == "/customers/new/"


def test_refused_api_call_is_logged_with_the_token_user(client, manager, security_log):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=manager)
    manager.set_password("another-long-secret-1")
    manager.save()
    client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    refused = _one(security_log, "access_refused")
    assert refused.security["user"] == "-"  # the dead token names no one
    assert refused.security["path"] == "/api/me/"


def test_anonymous_api_call_is_logged(client, bank, security_log):
    client.get("/api/branches/", REMOTE_ADDR="10.8.8.8")
    refused = _one(security_log, "access_refused")
    assert refused.security["ip"] == "10.8.8.8"


def test_csrf_failure_is_logged_once(bank, security_log):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "manager1", "password": "x"})
    assert response.status_code == 403
    failure = _one(security_log, "csrf_failure")
    assert "CSRF" in failure.security["reason"]
    assert security_log("access_refused") == []


def test_throttled_api_call_is_logged(settings, api_for, manager, security_log):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "30/min", "user": "1/min"},
    }
    api = api_for(manager)
    api.get("/api/me/")
    api.get("/api/me/")
    throttled = _one(security_log, "throttled")
    assert throttled.security["user"] == "manager1"


def test_address_behind_a_proxy(rf, settings):
    from creditdesk.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"  # X-Forwarded-For is not trusted by default
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "10.0.0.1"
    settings.NUM_PROXIES = 2
    assert client_ip(request) == "203.0.113.9"
