"""Session lifetime and the logging of refused requests (docs/security.md)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from creditdesk.security import AUTH_AT, SEEN_AT, log_event

REFRESH_EVERY = 60  # seconds between two renewals of the idle expiry
REFUSALS = {401: "access_refused", 403: "access_refused", 429: "throttled"}


class SessionLifetimeMiddleware:
    """The two session limits: idle and absolute.

    Idle: a signed-in session expires ``SESSION_COOKIE_AGE`` seconds after its last request.
    Django renews the expiry whenever it saves the session; this middleware touches the
    session at most once a minute (``REFRESH_EVERY``) rather than writing it on every request
    (``SESSION_SAVE_EVERY_REQUEST``): the idle limit is then exact to within a minute, and a
    busy page or API client does not write a session row per request.

    Absolute: the session ends ``SESSION_ABSOLUTE_AGE`` seconds after its login, however
    busy. A signed-in session without a login time (signed in before this rule) is ended too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            signed_in_at = request.session.get(AUTH_AT)
            if signed_in_at is None or now - signed_in_at > settings.SESSION_ABSOLUTE_AGE:
                return self._end(request)
            if now - request.session.get(SEEN_AT, 0) >= REFRESH_EVERY:
                request.session[SEEN_AT] = now  # saved with a fresh expiry
        return self.get_response(request)

    def _end(self, request):
        request.logout_reason = "session_expired"
        logout(request)
        if request.path.startswith("/api/"):
            # The API answers as to anyone signed out: 401/403 from the view.
            return self.get_response(request)
        messages.info(request, _("登录已超过最长时限，请重新登录。"))
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(resolve_url(settings.LOGIN_URL) + (f"?{query}" if query else ""))


class RefusalLogMiddleware:
    """Logs every refused request (401, 403, 429) to the security log, once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        event = REFUSALS.get(response.status_code)
        # A CSRF refusal and a lockout are logged where they happen, with their reason.
        already = getattr(request, "security_logged", False) or getattr(
            request, "axes_locked_out", False
        )
        if event and not already:
            log_event(event, request, status=response.status_code)
        return response
