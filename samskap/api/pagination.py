from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_ID = 2**62  # as samskap.kernel.api.MAX_ID (not imported: that module imports DRF, which imports this one)


def _whole_number(request: Any, name: str, low: int, high: int) -> int | None:
    text = request.query_params.get(name)
    if text is None:
        return None
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        raise ValidationError(
            {name: [_("Must be a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return int(text)


class Pagination(PageNumberPagination):
    """Pages of 50 (`page_size` 1 to 100), in a fixed order (by id). A bad `page` or `page_size` is a
    400 (not silently the default); a page after the last a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Any) -> int:
        size = _whole_number(request, self.page_size_query_param, 1, self.max_page_size)
        return self.page_size if size is None else size

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        _whole_number(request, self.page_query_param, 1, MAX_ID)
        return super().paginate_queryset(queryset, request, view)
