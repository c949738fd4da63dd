"""The API is throttled per user and per anonymous address; the suite itself is not."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser


def test_default_rates_leave_room_for_real_use():
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "30/min", "user": "1000/min"}


def test_signed_in_user_over_the_rate_gets_429(settings, api_for, manager, auditor):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "30/min", "user": "3/min"},
    }
    api = api_for(manager)
    assert [api.get("/api/me/").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/api/me/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Counted per user: another user is not held back by the first one's requests.
    assert api_for(auditor).get("/api/me/").status_code == 200


def test_anonymous_rate_counts_per_address(settings, rf):
    # Every API view of CreditDesk refuses anonymous callers (403) before throttling; the
    # anonymous rate holds any view that opens itself to them.
    from creditdesk.api.throttling import AnonThrottle

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "1000/min"},
    }

    def allowed(ip):
        request = rf.get("/api/anything/", REMOTE_ADDR=ip)
        request.user = AnonymousUser()
        return AnonThrottle().allow_request(request, view=None)

    assert [allowed("10.5.5.5") for _ in range(3)] == [True, True, False]
    assert allowed("10.6.6.6") is True


def test_each_test_starts_with_no_requests_counted(api_for, manager):
    # The autouse fixture in conftest.py clears the cache: the suite's many API calls as the
    # same demo users never add up to the rate.
    from django.core.cache import cache

    assert cache.get(f"throttle_user_{manager.pk}") is None
