"""The API schema documents the refusals of the one error path (``creditdesk.api.exceptions``)
on every operation, beside its success: a client — and schemathesis in the test suite — then
knows each answer it can get, and only those.

- 401/403: not signed in, or a role that may not act (auditors never write);
- 404: a missing, malformed or out-of-scope id (operations with a path parameter), or a page
  past the end (lists);
- 400: a body or a filter that does not validate, or a bank rule that refuses;
- 409: a constraint a concurrent request won (writes);
- 415: a body that cannot be parsed in the media type it claims;
- 429: the throttle (every operation).

Query parameters may be sent empty (``?status=``): an empty filter is no filter, as in
django-filter, and the schema says so (``allowEmptyValue``).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """A refusal: ``{"detail": "…"}`` in the reader's language."""

    detail = serializers.CharField()


DETAIL = ErrorSerializer
FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Field errors: {field: [messages]}, the rest under non_field_errors",
)


class AutoSchema(SpectacularAutoSchema):
    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter.get("in") == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors: dict[str, object] = {"401": DETAIL, "403": DETAIL, "429": DETAIL}
        has_path_parameter = "{" in self.path
        is_list = self.method == "GET" and self._is_list_view()
        if has_path_parameter or is_list:
            errors["404"] = DETAIL
        if self.method != "GET" or is_list:
            errors["400"] = FIELD_ERRORS
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors["409"] = DETAIL
        if self.method in ("POST", "PUT", "PATCH"):
            errors["415"] = DETAIL  # a body in a media type it does not parse
        for code, serializer in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code)
        return responses
