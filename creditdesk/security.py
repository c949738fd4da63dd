"""The security log: one line per login, failure, lockout, logout and refused request.

Every line goes to the ``creditdesk.security`` logger as ``event=<name> key=value …`` with the
user, the client address, the path and the time (UTC, ISO 8601), and the same values in the
record's ``security`` attribute for a structured handler. Passwords are never logged.
"""

from __future__ import annotations

import logging
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.views.csrf import csrf_failure as django_csrf_failure

logger = logging.getLogger("creditdesk.security")

# Session key of the login time (seconds since the epoch): the absolute session limit.
AUTH_AT = "creditdesk_auth_at"
# Session key of the last renewal of the idle expiry (creditdesk.middleware).
SEEN_AT = "creditdesk_seen_at"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For behind ``NUM_PROXIES`` proxies.

    The same rule as DRF's throttling, so that lockout, throttling and the log agree.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = settings.NUM_PROXIES
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return remote


def _quote(value) -> str:
    text = str(value)
    if not text or any(c in text for c in ' "=\n\r\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
    return text


def log_event(event: str, request=None, *, user=None, username: str = "", **fields) -> None:
    """Write one security line. ``user`` wins over ``username`` (what was typed)."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        username = user.get_username()
    record = {
        "event": event,
        "user": username or "-",
        "ip": (client_ip(request) if request is not None else "") or "-",
        "method": request.method if request is not None else "-",
        "path": request.path if request is not None else "-",
        "at": timezone.now().isoformat(timespec="seconds"),
        **fields,
    }
    level = logging.INFO if event in {"login", "logout"} else logging.WARNING
    logger.log(
        level,
        " ".join(f"{key}={_quote(value)}" for key, value in record.items()),
        extra={"security": record},
    )


@receiver(user_logged_in, dispatch_uid="creditdesk.security.logged_in")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[AUTH_AT] = request.session[SEEN_AT] = int(time.time())
    log_event("login", request, user=user)


@receiver(user_login_failed, dispatch_uid="creditdesk.security.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    log_event("login_failed", request, username=credentials.get("username", ""))


@receiver(user_logged_out, dispatch_uid="creditdesk.security.logged_out")
def _logged_out(sender, request, user, **kwargs):
    log_event("logout", request, user=user, reason=getattr(request, "logout_reason", "user"))


@receiver(user_locked_out, dispatch_uid="creditdesk.security.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    log_event("lockout", request, username=username or "")


def csrf_failure(request, reason=""):
    """Django's CSRF refusal page, logged (``CSRF_FAILURE_VIEW``)."""
    request.security_logged = True
    log_event("csrf_failure", request, reason=reason)
    return django_csrf_failure(request, reason=reason)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown while a user name or an address is locked out (``AXES_LOCKOUT_CALLABLE``).

    The same page whichever of the two is locked, so it tells an attacker nothing about
    which user names exist.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
