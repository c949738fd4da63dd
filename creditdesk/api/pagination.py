"""Pages of every API list: ``?page=`` and ``?page_size=`` (at most 200), as the README says.

A ``page_size`` that is not a whole number of at least 1 is refused (400) rather than quietly
replaced by the default, so that a client learns its mistake; above 200 it is 200.
"""

import re

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

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
