"""Shared fixtures: the demo bank's named people, so tests read like the bank.

| fixture        | who                                   | branch            |
|----------------|---------------------------------------|-------------------|
| manager        | 李客户经理, grade 3                    | 城关支行 (B01)    |
| manager2       | 王客户经理, grade 1                    | 东街分理处 (B01-1, under B01) |
| other_manager  | 赵客户经理, grade 2                    | 河口支行 (B02)    |
| head           | 陈行长, branch head grade 2            | 城关支行 (B01)    |
| other_head     | 刘行长, branch head grade 1            | 河口支行 (B02)    |
| committee      | 周委员 (and committee2: 吴委员)        | 总行              |
| auditor        | 孙审计                                 | 总行              |
| admin_user     | 系统管理员                             | 总行              |
"""

from __future__ import annotations

import pytest

from creditdesk import demo
from creditdesk.models import Branch, User


def pytest_collection_modifyitems(config, items):
    # Browser tests talk to a live server from another thread; they need a transactional DB.
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 costs ~0.5 s a password by design; tests hash dozens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """API throttling counts requests in the cache: each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _eager_tasks(request, settings):
    """Tasks run in-process in tests unless a test is about the real broker (mark: broker)."""
    if "broker" not in request.keywords:
        settings.CELERY_TASK_ALWAYS_EAGER = True
        from creditdesk.celery import app

        app.conf.task_always_eager = True
        yield
        app.conf.task_always_eager = not settings.CELERY_BROKER_URL
    else:
        yield


@pytest.fixture
def bank(db):
    """The demo organisation: head office, two branches with an outlet each, all staff."""
    demo.seed()
    return {b.code: b for b in Branch.objects.all()}


def _user(username: str) -> User:
    return User.objects.select_related("branch").get(username=username)


@pytest.fixture
def manager(bank) -> User:
    return _user("manager1")


@pytest.fixture
def manager2(bank) -> User:
    return _user("manager2")


@pytest.fixture
def other_manager(bank) -> User:
    return _user("manager3")


@pytest.fixture
def head(bank) -> User:
    return _user("head1")


@pytest.fixture
def other_head(bank) -> User:
    return _user("head2")


@pytest.fixture
def committee(bank) -> User:
    return _user("committee1")


@pytest.fixture
def committee2(bank) -> User:
    return _user("committee2")


@pytest.fixture
def auditor(bank) -> User:
    return _user("auditor")


@pytest.fixture
def admin_user(bank) -> User:
    return _user("admin")


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api_for():
    """``api_for(user)``: a DRF APIClient authenticated as that user."""
    from rest_framework.test import APIClient

    def sign_in(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return sign_in
