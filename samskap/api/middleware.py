"""One language for the API: English.

Everything under /api/ (answers, error messages, the OpenAPI description) is in English whatever the
client's Accept-Language or language cookie says, so that a client sees the same text for the same
request. The documentation page (/<lang>/api/) is in the reader's language; the data are as entered."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

API_LANGUAGE = "en"


class EnglishApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        translation.activate(API_LANGUAGE)
        request.LANGUAGE_CODE = API_LANGUAGE
        response = self.get_response(request)
        response.headers["Content-Language"] = API_LANGUAGE
        return response
