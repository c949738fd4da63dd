"""The web pages' one error path: a service's refusal shown to the user, nothing they typed lost.

Views call a service through :func:`submit` (a form page: errors beside the fields, the form
re-rendered with the user's input) or :func:`act` (a button: a message, then a redirect).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from creditdesk.constraints import check_violation

NOT_DONE = object()


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` the page was given (POST, else GET) if it stays on this site, else
    ``default``: "//evil.example/x", "https://evil.example" and "/\\evil.example" never leave."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form's fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit(form: Form, service: Callable[..., Any], /, **kwargs) -> Any:
    """Call ``service(**kwargs)``; on refusal add its errors to ``form`` and return NOT_DONE.

    The caller re-renders the bound form, which keeps everything the user typed.
    """
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return NOT_DONE
    except IntegrityError as exc:
        refused = check_violation(exc)
        if refused is None:
            raise
        add_service_errors(form, refused)
        return NOT_DONE


def act(
    request: HttpRequest,
    service: Callable[..., Any],
    /,
    *,
    success: str,
    then: Any,
    **kwargs,
) -> HttpResponse:
    """A button's action: call the service, report success or each refusal, redirect."""
    try:
        service(**kwargs)
    except (ValidationError, IntegrityError) as exc:
        refused = check_violation(exc) if isinstance(exc, IntegrityError) else exc
        if refused is None:
            raise
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(then)
