from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import get_language_from_path


class RememberLanguageMiddleware:
    """The language a visitor opens a page in (/da/..., /en/...) becomes their choice: it is kept in
    Django's language cookie, so '/' and later visits open in it. The language switcher is then a
    plain link, which needs no form, no JavaScript and no CSRF token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language and response.status_code < 400:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


class HtmlGZipMiddleware(GZipMiddleware):
    """Django's gzip for HTML pages only (issue 8). The API, feeds and downloads keep their own
    encoding, so API clients and conditional requests see the bytes the ETag was computed on.
    BREACH: Django masks the CSRF token anew on every response and pads the gzip stream with
    random bytes ("Heal The Breach"); no other secret is echoed in a page."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """The Content-Security-Policy and Permissions-Policy of settings on every response that has none of
    its own (a downloaded attachment keeps its stricter `default-src 'none'; sandbox`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        return response


class RejectNulMiddleware:
    """A NUL byte in the address or the query string is never a real request (PostgreSQL cannot even
    compare it with text): a 400 page, before any view or query sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):  # the API answers in JSON, as its description says
                return JsonResponse({"detail": "Bad request: the address holds a NUL byte."}, status=400)
            from samskap.site.views import bad_request

            return bad_request(request)
        return self.get_response(request)
