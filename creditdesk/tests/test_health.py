"""/healthz reports the database and, when configured, the broker."""

import pytest
from django.db import connection

from tests.helpers import requires_broker


@pytest.mark.django_db
def test_healthz_ok(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["broker"]["mode"] == "eager"


@pytest.mark.django_db
def test_healthz_503_when_broker_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


@requires_broker
@pytest.mark.django_db
def test_healthz_reports_real_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "mode": "broker"}
