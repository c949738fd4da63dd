"""Every API filter on a related record is scoped (issue 8, finding 7): a later viewset cannot
bring back "another branch's id answers 200 empty, a missing one 400"."""

from __future__ import annotations

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from creditdesk.api.filters import InScopeFilters, ScopedFilterBackend


def _viewsets():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "cls"):
                yield pattern.callback.cls

    return {cls for cls in walk(get_resolver().url_patterns) if cls.__module__.endswith(".views")}


def test_the_default_filter_backend_scopes_related_filters():
    backends = settings.REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]
    assert "creditdesk.api.filters.ScopedFilterBackend" in backends
    assert "django_filters.rest_framework.DjangoFilterBackend" not in backends


def test_every_viewset_filters_through_the_scoped_backend():
    viewsets = _viewsets()
    assert len(viewsets) >= 10  # the walk found the API
    problems = []
    for cls in viewsets:
        backends = getattr(cls, "filter_backends", [])
        filterset_class = getattr(cls, "filterset_class", None)
        if filterset_class is not None and not issubclass(filterset_class, InScopeFilters):
            problems.append(f"{cls.__name__}: {filterset_class.__name__} lacks InScopeFilters")
        for backend in backends:
            if "FilterBackend" in backend.__name__ and not issubclass(backend, ScopedFilterBackend):
                problems.append(f"{cls.__name__}: {backend.__name__}")
    assert problems == []
