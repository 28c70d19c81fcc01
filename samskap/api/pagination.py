from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 (`page_size` up to 100), in a fixed order (by id)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
