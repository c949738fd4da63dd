"""The API's JSON parser: a body too deeply nested is a 400, never a RecursionError (500)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request body of this API nests deeper than a few levels (village batch scores: three).
MAX_DEPTH = 32


def _too_deep(data) -> bool:
    """Whether the parsed body nests lists and objects deeper than MAX_DEPTH (walked without
    recursion, so the check itself cannot overflow)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in value)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than ``MAX_DEPTH`` with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON 嵌套层数过多。")) from None
        if _too_deep(data):
            raise ParseError(_("JSON 嵌套层数过多。"))
        return data
