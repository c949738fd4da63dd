"""What the form pages share: a submitted form through its service (``creditdesk.web``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from creditdesk import web


def save_form(
    request: HttpRequest,
    form: Form,
    service: Callable[..., Any],
    *,
    arguments: Callable[[dict], dict],
    success: str,
    then: str | Callable[[Any], str],
) -> HttpResponse | None:
    """Clean the form and call ``service(**arguments(cleaned_data))``. Done: the success message
    and a redirect to ``then`` (a URL, or a function of the service's result). Refused or
    invalid: None, the errors on the form, for the caller to render it again as typed."""
    if not form.is_valid():
        return None
    result = web.submit(form, service, **arguments(form.cleaned_data))
    if result is web.NOT_DONE:
        return None
    messages.success(request, success)
    return redirect(then(result) if callable(then) else then)
