"""The API's one error path: every refusal, whatever raised it, in DRF's shape.

- a Django ``ValidationError`` from a service or a model → 400, with field errors where the
  service named fields and the rest under ``non_field_errors``;
- ``PermissionDenied`` → 403; ``Http404`` and ``ObjectDoesNotExist`` → 404 (a missing or
  malformed id looks the same as another scope's id);
- an ``IntegrityError``: a CHECK constraint only the database enforced → 400 beside its
  fields (``creditdesk.constraints.check_violation``); a unique constraint that a concurrent
  request won → 409.

Views therefore call services directly and never wrap them; anything else is a bug and
stays a 500.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from creditdesk.constraints import check_violation

logger = logging.getLogger(__name__)

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as DRF's ``{field: [messages]}``."""
    if hasattr(exc, "error_dict"):
        return {
            (NON_FIELD if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {NON_FIELD: exc.messages}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        exc = Http404()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, IntegrityError):
        logger.info("API request refused by a database constraint: %s", exc)
        set_rollback()
        refused = check_violation(exc)
        if refused is not None:  # a rule on the values, not a race: 400 beside the fields
            return Response(validation_detail(refused), status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"detail": _("记录已被他人修改或与现有记录冲突，请刷新后重试。")},
            status=status.HTTP_409_CONFLICT,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == 400 and isinstance(response.data, list):
        # A refusal without a field ("null characters are not allowed" in ?search=) in the
        # same shape as the others, as the schema documents: {"non_field_errors": [...]}.
        response.data = {NON_FIELD: response.data}
    return response
