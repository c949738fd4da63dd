"""API throttling: DRF's anonymous and per-user rates, read on every request.

DRF's own classes read the rates once at import; these read ``DEFAULT_THROTTLE_RATES`` when a
request comes, so a test (or a settings override) changes them like any other setting.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRates:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRates, AnonRateThrottle):
    pass


class UserThrottle(_LiveRates, UserRateThrottle):
    pass
