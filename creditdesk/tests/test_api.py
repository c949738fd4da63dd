"""The API: token and session auth, an OpenAPI 3 schema, Swagger UI from local assets."""

import re

import pytest
import yaml
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token


def test_schema_is_valid_openapi_3(client_for, manager):
    response = client_for(manager).get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/api/branches/" in spec["paths"]


@pytest.mark.django_db
def test_schema_and_docs_are_for_signed_in_staff_only(client, bank):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code in (302, 401, 403)


def test_swagger_ui_loads_only_local_assets(client_for, manager):
    response = client_for(manager).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.findall(r"""(?:src|href)=["']https?://""", html)


def test_token_authentication(bank, client, manager):
    token = Token.objects.create(user=manager)
    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["username"] == "manager1"


@pytest.mark.django_db
def test_anonymous_api_is_refused(client, bank):
    assert client.get("/api/branches/").status_code in (401, 403)


def test_lists_are_paginated(bank, api_for, auditor):
    body = api_for(auditor).get("/api/users/?page_size=2").json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert body["count"] == 9
    assert len(body["results"]) == 2  # ?page_size= is honoured


def test_page_size_is_capped(bank, api_for, auditor):
    response = api_for(auditor).get("/api/users/?page_size=100000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 9


def test_lists_filter(bank, api_for, auditor):
    body = api_for(auditor).get("/api/users/?role=branch_head").json()
    assert {u["username"] for u in body["results"]} == {"head1", "head2"}


def test_auditor_cannot_write_through_api(bank, api_for, auditor):
    response = api_for(auditor).post(
        "/api/authority-limits/", {"role": "manager", "grade": 5}, format="json"
    )
    assert response.status_code == 403
