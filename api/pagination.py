"""The API's pages: ``?page=`` (from 1) and ``?page_size=`` (1 to 200, default 50).

Both are checked like any other query parameter: a value out of range or not a number is a
400 on it, never silently replaced; a page past the last one is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from api.fields import MAX_INT, Int

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageQuery(serializers.Serializer):
    page = Int(min_value=1, required=False, help_text="The page, from 1 (default 1).")
    page_size = Int(min_value=1, max_value=MAX_PAGE_SIZE, required=False,
                    help_text=f"Results per page, 1 to {MAX_PAGE_SIZE} "
                              f"(default {PAGE_SIZE}).")


class Pagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def _query(self, request: Request) -> dict[str, Any]:
        data = PageQuery(data=request.query_params)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def get_page_size(self, request: Request) -> int:
        return int(self._query(request).get("page_size", self.page_size))

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return int(self._query(request).get("page", 1))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = PageQuery().fields
        return [
            {"name": name, "required": False, "in": "query",
             "description": str(fields[name].help_text),
             "schema": {"type": "integer", "minimum": 1, **extra}}
            for name, extra in [("page", {"maximum": MAX_INT, "default": 1}),
                                ("page_size", {"maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE})]
        ]
