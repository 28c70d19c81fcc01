import gzip
import io
import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from samskap.kernel.pages import ACCEPTS_GZIP


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


def compress_page(content: bytes, max_random_bytes: int) -> bytes:
    """A page gzipped at level 1, with a random file name of random length in the gzip header as
    Django pads it against BREACH ("Heal The Breach")."""
    buffer = io.BytesIO()
    # From one call for random bytes: a choice per letter cost a fifth of a blank form's copy.
    name = secrets.token_urlsafe(max_random_bytes)[: secrets.randbelow(max_random_bytes) + 1]
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buffer, compresslevel=1, mtime=0) as stream:
        stream.write(content)
    return buffer.getvalue()


class HtmlGZipMiddleware(GZipMiddleware):
    """Django's gzip for HTML pages only (issue 8). The API, feeds and downloads keep their own
    encoding, so API clients and conditional requests see the bytes the ETag was computed on.
    BREACH: Django masks the CSRF token anew on every response and pads the gzip stream with
    random bytes ("Heal The Breach"); no other secret is echoed in a page.

    The pages compressed here are the ones built for one request (a cached public page is kept
    compressed, `kernel.pages.keep`), so they are compressed at level 1, as nginx does by default:
    four times faster than Django's level 6 for a tenth more bytes (a logged-in commitment page: 0.6
    instead of 2 ms, 9.0 instead of 7.7 KB)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if not isinstance(response, HttpResponse) or len(response.content) < 200:
            return super().process_response(request, response)  # streamed or short: as Django does
        if response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress_page(response.content, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # as Django does (RFC 9110 8.8.1)
        response.headers["Content-Encoding"] = "gzip"
        return response


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
