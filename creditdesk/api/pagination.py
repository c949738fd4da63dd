"""Pages of every API list: ``?page=`` and ``?page_size=`` (at most 200), as the README says.

A ``page_size`` that is not a whole number of at least 1 is refused (400) rather than quietly
replaced by the default, so that a client learns its mistake; above 200 it is 200.

Pages come from :class:`creditdesk.paging.Paginator`: ``count`` is exact up to
``LIST_EXACT_COUNT_UP_TO`` rows and the planner's estimate above (no ``COUNT(*)`` of a whole
bank per request); ``next`` is null only on the last page, whatever the count says.
"""

import re

from django.conf import settings
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

from creditdesk.paging import Paginator


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = Paginator

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Rows in the list: exact up to {settings.LIST_EXACT_COUNT_UP_TO:,}, an estimate "
            "above. Follow `next` (null on the last page) rather than computing pages."
        )
        return response

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        field = serializers.IntegerField(min_value=1)
        try:
            if not re.fullmatch(r"[0-9]+", raw):  # a whole number: not "5.0", "+5" nor " 5"
                field.fail("invalid")
            size = field.run_validation(raw)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({self.page_size_query_param: exc.detail}) from None
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    "Results per page: 1 to 200 (more is 200); 50 unless given."
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
