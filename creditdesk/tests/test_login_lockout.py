"""Repeated failed logins lock out the user name and the address (django-axes), on the site
login and the admin login alike; other people at other addresses are unaffected."""

import pytest

from creditdesk.demo import DEMO_PASSWORD

LOGINS = ["/accounts/login/", "/admin/login/"]


def _fail(client, url, username, times, ip="10.1.1.1"):
    return [
        client.post(url, {"username": username, "password": "wrong-guess"}, REMOTE_ADDR=ip)
        for _ in range(times)
    ]


@pytest.mark.parametrize("url", LOGINS)
def test_five_wrong_passwords_lock_out_even_the_right_one(client, bank, url):
    answers = _fail(client, url, "admin", 5)
    assert [a.status_code for a in answers[:4]] == [200] * 4
    assert answers[4].status_code == 429  # the fifth failure locks

    response = client.post(
        url, {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert 'id="locked-out"' in html
    assert "30 分钟后再试" in html
    assert "navbar" in html  # the base layout, not a bare text page


@pytest.mark.parametrize("url", LOGINS)
def test_another_user_from_another_address_still_logs_in(client, bank, url):
    _fail(client, url, "manager1", 5)
    response = client.post(
        url, {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.2.2.2"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_user_name_is_locked_from_every_address(client, bank):
    _fail(client, "/accounts/login/", "manager1", 5, ip="10.1.1.1")
    response = client.post(
        "/accounts/login/",
        {"username": "manager1", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 429


def test_the_address_is_locked_for_every_user_name(client, bank):
    for username in ["guess1", "guess2", "guess3", "guess4", "guess5"]:
        _fail(client, "/accounts/login/", username, 1, ip="10.3.3.3")
    response = client.post(
        "/accounts/login/",
        {"username": "head1", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.3.3.3",
    )
    assert response.status_code == 429


def test_lockout_page_in_english(client, bank):
    answers = _fail(client, "/accounts/login/", "manager1", 5)
    client.cookies.load({"django_language": "en"})
    response = client.post(
        "/accounts/login/",
        {"username": "manager1", "password": "wrong-guess"},
        REMOTE_ADDR="10.1.1.1",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answers[-1].status_code == response.status_code == 429
    assert "Try again in 30 minutes" in response.content.decode()


def test_fewer_failures_then_success_resets_the_count(client, bank):
    _fail(client, "/accounts/login/", "manager1", 4)
    ok = client.post(
        "/accounts/login/",
        {"username": "manager1", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.1.1.1",
    )
    assert ok.status_code == 302
    client.logout()
    answers = _fail(client, "/accounts/login/", "manager1", 4)
    assert [a.status_code for a in answers] == [200] * 4


def test_lockout_settings():
    from django.conf import settings

    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
