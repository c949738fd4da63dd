"""No user input causes a 500: every id in every URL of the web and the API, every filter of
every API list, and JSON nested 100,000 levels deep. The sweeps read the URLconf, so a new
endpoint is held to the same rule without a new line here."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from creditdesk.api.parsers import MAX_DEPTH

HUGE = str(10**20)  # beyond SQLite's 64-bit integers
PK = "(?P<pk>[^/.]+)"


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern, entry


def api_routes(kind: str) -> list[tuple[str, type]]:
    """``(path with {pk}, viewset)`` of the API's detail routes, or its list routes."""
    routes = {}
    for pattern, entry in _patterns():
        if not pattern.startswith("api/") or "format" in pattern:
            continue
        cls = getattr(entry.callback, "cls", None)
        path = "/" + pattern.replace(PK, "{pk}").replace("^", "").replace("$", "")
        is_list = (entry.name or "").endswith("-list")
        if ("{pk}" in path) if kind == "detail" else is_list:
            routes[path] = cls
    return sorted(routes.items(), key=lambda item: item[0])


def web_routes() -> list[str]:
    return sorted(
        {
            "/" + pattern.replace("<int:pk>", "{pk}")
            for pattern, _entry in _patterns()
            if "<int:pk>" in pattern and not pattern.startswith(("api/", "admin/"))
        }
    )


@pytest.mark.parametrize("bad_id", ["abc", HUGE])
@pytest.mark.parametrize("path", [path for path, _cls in api_routes("detail")])
def test_a_bad_id_in_any_api_route_is_404(api_for, head, path, bad_id):
    api = api_for(head)
    url = path.format(pk=bad_id)
    assert api.get(url).status_code in (404, 405), url
    for method in ("post", "put", "patch", "delete"):
        status = getattr(api, method)(url, {}, format="json").status_code
        # 403: a role refused before any lookup (an answer that tells nothing about the id).
        assert status in (403, 404, 405), (method, url, status)


def test_the_sweep_covers_the_custom_actions():
    paths = [path for path, _cls in api_routes("detail")]
    for path in (
        "/api/credit-lines/{pk}/approve/",
        "/api/village-batches/{pk}/publish/",
        "/api/applications/{pk}/sign-contract/",
        "/api/applications/{pk}/disburse/",
        "/api/loans/{pk}/repayments/",
        "/api/documents/{pk}/download/",
    ):
        assert path in paths


@pytest.mark.parametrize("path", web_routes())
def test_a_huge_id_in_any_page_is_404(client_for, head, path):
    client = client_for(head)
    url = path.format(pk=HUGE)
    assert client.get(url).status_code in (404, 405), url
    assert client.post(url, {}).status_code in (404, 405), url


def _filters(cls) -> list[str]:
    filterset = getattr(cls, "filterset_class", None)
    if filterset is not None:
        return list(filterset.base_filters)
    return list(getattr(cls, "filterset_fields", []) or [])


@pytest.mark.parametrize(
    ("path", "cls"), [(path, cls) for path, cls in api_routes("list") if _filters(cls)]
)
def test_any_api_filter_with_a_bad_value_is_answered(api_for, head, path, cls):
    api = api_for(head)
    for name in _filters(cls):
        for value in (HUGE, "abc", "9999-12-31", "-1"):
            status = api.get(path, {name: value}).status_code
            assert status in (200, 400), (path, name, value, status)


@pytest.mark.parametrize("path", ["/api/contacts/", "/api/applications/", "/api/customers/"])
def test_json_nested_100000_levels_is_400(api_for, manager, path):
    body = "[" * 100_000 + "]" * 100_000
    response = api_for(manager).generic("POST", path, body, content_type="application/json")
    assert response.status_code == 400


def test_json_deeper_than_any_request_needs_is_400(api_for, manager):
    body = '{"a":' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)
    response = api_for(manager).generic(
        "POST", "/api/contacts/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_ordinary_nesting_still_parses(api_for, manager):
    response = api_for(manager).generic(
        "POST",
        "/api/village-batches/",
        '{"township": "城关镇", "village": "无人村", "scores": {"1": {"2": 50}}}',
        content_type="application/json",
    )
    assert response.status_code == 400  # refused by the service, not by the parser
    assert "detail" not in response.json()
