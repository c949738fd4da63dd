"""API tokens expire, and die with a password change or with the user's deactivation."""

from datetime import timedelta

from django.utils import timezone
from rest_framework.authtoken.models import Token

from creditdesk.demo import DEMO_PASSWORD


def _me(client, token):
    return client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}")


def test_fresh_token_works(client, manager):
    token = Token.objects.create(user=manager)
    assert _me(client, token).status_code == 200


def test_token_older_than_its_lifetime_is_refused(client, manager, settings):
    token = Token.objects.create(user=manager)
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - timedelta(seconds=settings.API_TOKEN_TTL + 1)
    )
    response = _me(client, token)
    assert response.status_code in (401, 403)
    assert "令牌已过期" in response.json()["detail"]


def test_default_lifetime_is_seven_days(settings):
    assert settings.API_TOKEN_TTL == 7 * 24 * 3600


def test_password_change_kills_the_token(client, client_for, manager):
    token = Token.objects.create(user=manager)
    web = client_for(manager)
    response = web.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "a-much-longer-secret-9",
            "new_password2": "a-much-longer-secret-9",
        },
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.password_changed_at is not None
    web.logout()
    response = _me(client, token)
    assert response.status_code in (401, 403)
    assert "密码已修改" in response.json()["detail"]
    # A token issued after the change works.
    Token.objects.filter(user=manager).delete()
    assert _me(client, Token.objects.create(user=manager)).status_code == 200


def test_password_set_by_an_administrator_kills_the_token(client, manager):
    token = Token.objects.create(user=manager)
    manager.set_password("reset-by-admin-77")
    manager.save()
    assert _me(client, token).status_code in (401, 403)


def test_deactivation_kills_the_token(client, manager):
    token = Token.objects.create(user=manager)
    manager.is_active = False
    manager.save()
    assert _me(client, token).status_code in (401, 403)


def test_token_auth_is_the_expiring_class(settings):
    classes = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert "creditdesk.auth.ExpiringTokenAuthentication" in classes
    assert "rest_framework.authentication.TokenAuthentication" not in classes
