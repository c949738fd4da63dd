"""The UI shell: login, each role's home, password change, language, error pages."""

import pytest

from creditdesk.demo import DEMO_PASSWORD


def test_anonymous_home_redirects_to_login(client, bank):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("username", "marker"),
    [
        ("manager1", 'data-role="manager"'),
        ("head1", 'data-role="branch_head"'),
        ("committee1", 'data-role="committee"'),
        ("auditor", 'data-role="auditor"'),
        ("admin", 'data-role="admin"'),
    ],
)
def test_each_role_logs_in_and_sees_its_home(client, bank, username, marker):
    response = client.post(
        "/accounts/login/", {"username": username, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert marker in response.content.decode()


def test_wrong_password_is_refused_with_a_message(client, bank):
    response = client.post("/accounts/login/", {"username": "manager1", "password": "nope"})
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_head_home_shows_their_approval_limit(client_for, head):
    html = client_for(head).get("/").content.decode()
    assert "500,000.00" in html


def test_password_change(client_for, manager):
    client = client_for(manager)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "a-much-longer-secret-9",
            "new_password2": "a-much-longer-secret-9",
        },
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.check_password("a-much-longer-secret-9")


def test_home_follows_browser_language(client_for, manager):
    client = client_for(manager)
    zh = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "我的工作台" in zh
    assert "My workspace" in en


def test_language_switcher_sets_the_language(client_for, manager):
    client = client_for(manager)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "My workspace" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()


def test_friendly_404(client_for, manager):
    response = client_for(manager).get("/no/such/page/")
    assert response.status_code == 404
    assert "返回首页" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client_for, manager):
    client = client_for(manager)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_manager_home_shows_no_authority_card(client_for, manager):
    html = client_for(manager).get("/").content.decode()
    assert 'id="authority-loan"' not in html
