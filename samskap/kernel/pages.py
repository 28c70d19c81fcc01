"""Whole-page caching of public pages for visitors without a session.

A page is cached under its address, language and a version stamp read from the data it shows (the
plan's or the commitment's `updated_at`, which every service bumps, or the versions of the apps'
data, `kernel.versions`, which every write bumps), so a change shows at once and a per-process cache
stays correct on several app servers. Logged-in users and anyone with a pending
message get a fresh page (their pages have forms and personal content).
"""

import functools
import gzip
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import get_language

from samskap.kernel import intake, versions
from samskap.kernel.cache import Immutable

PAGE_TIMEOUT = 24 * 3600
View = TypeVar("View", bound=Callable[..., HttpResponse])

#: Sent (sender: the model class, `instance`: the object) when something other pages show by name changed:
#: a jurisdiction or organisation renamed, or organisations merged. An app whose cached pages show it
#: receives the signal (in its `registrations` module) and bumps the stamps of those pages.
shown_name_changed = Signal()
INDENTATION = re.compile(rb"\n\s+")
SHARED_WITHOUT_QUERY = "samskap_shared_without_query"  # set on a request whose page is cached under its path


def _personal(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def _built_fresh(request: HttpRequest) -> bool:
    """Not served from the cache: a write, or a visitor with a session or a pending message (their pages
    have forms and personal content)."""
    return request.method not in ("GET", "HEAD") or _personal(request)


def shown_address(request: HttpRequest) -> str:
    """The page's own address as its links show it (the language switcher, "Log in"'s way back): without
    the query string on a page shared through the cache under its path alone, where the first visitor's
    query (a campaign's code, an address someone was sent) would be shown to everyone after them."""
    return request.path if getattr(request, SHARED_WITHOUT_QUERY, False) else request.get_full_path()


def version_stamp(sql: str, params: list[str]) -> str:
    """Read a page's version stamp with one plain query (404 when the row does not exist).

    Plain SQL on purpose: building the equivalent ORM query costs more than serving the cached page. On
    PostgreSQL it is read again only when a table it reads was written to (`versions.read_unless_unchanged`).
    """

    def read() -> str:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            raise Http404  # not remembered: the next request asks again
        return "/".join(str(value) for value in row)

    return str(versions.read_unless_unchanged(sql, params, read))


def _key(request: HttpRequest, version: str, *, query: bool) -> str:
    where = request.get_full_path() if query else request.path
    address = f"{get_language()}:{request.get_host()}:{where}:{version}"
    # "page2": the entries are `Answer`s (older releases kept tuples under "page:").
    return "page2:" + hashlib.sha256(address.encode()).hexdigest()  # any cache backend takes it


KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "Link", "Content-Language")
#: Bodies worth compressing (text; a ZIP, XLSX or PDF is compressed already), from this size on.
COMPRESSIBLE = re.compile(r"^(text/|application/([a-z.+-]*\+)?(json|xml|javascript))")
SMALLEST_COMPRESSED = 200
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True, slots=True)
class Answer(Immutable):
    """A cached public answer: its body plain and gzipped (None when not worth it), the headers kept, the
    ETag of the plain body and the Last-Modified moment (a Unix time). Compressed once, when stored, so
    serving it to a browser does no compression work; `HtmlGZipMiddleware` leaves an encoded body alone."""

    content: bytes
    gzipped: bytes | None
    headers: dict[str, str]
    etag: str
    last_modified: int | None = None


def _kept_headers(response: HttpResponse) -> dict[str, str]:
    return {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}


def keep(key: str, response: HttpResponse, *, last_modified: int | None = None) -> Answer:
    """Store a complete 200 answer under `key` and return it."""
    content = response.content
    gzipped = None
    if len(content) >= SMALLEST_COMPRESSED and COMPRESSIBLE.match(response.get("Content-Type", "")):
        # mtime=0: the same body always gives the same bytes. No padding against BREACH is needed: a cached
        # answer is the same for every visitor, so it holds no secret of anyone's.
        gzipped = gzip.compress(content, compresslevel=6, mtime=0)
        if len(gzipped) >= len(content):
            gzipped = None
    answer = Answer(content, gzipped, _kept_headers(response), hashlib.sha256(content).hexdigest()[:32], last_modified)
    cache.set(key, answer, PAGE_TIMEOUT)
    return answer


def respond(request: HttpRequest, answer: Answer) -> HttpResponse:
    """The answer in the encoding the client accepts, with an ETag of that encoding's bytes (the gzipped
    variant's ends in "-gzip") and a 304 when the client's copy is current."""
    etag = answer.etag
    if answer.gzipped is not None and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(answer.gzipped)
        response["Content-Encoding"] = "gzip"
        etag += "-gzip"
    else:
        response = HttpResponse(answer.content)
    for name, value in answer.headers.items():
        response[name] = value
    if answer.gzipped is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = quote_etag(etag)
    conditional = get_conditional_response(
        request, etag=response["ETag"], last_modified=answer.last_modified, response=response
    )
    return conditional if conditional is not None else response


def _built(build: Callable[[], HttpResponse]) -> HttpResponse:
    """`build()`'s answer, rendered: a TemplateResponse (the sitemap's view) renders late otherwise."""
    response = build()
    render = getattr(response, "render", None)
    if render is not None:
        render()
    return response


def _shareable(response: HttpResponse) -> bool:
    """A complete 200 answer that sets no cookie: the same for everyone who asks."""
    return response.status_code == 200 and not response.streaming and not response.cookies


def _this_minute() -> str:
    """For the version of a page whose words follow the time (a form or a round opens at a given minute)."""
    return timezone.now().strftime(":%Y%m%d%H%M")


def serve_public(
    request: HttpRequest, build: Callable[[], HttpResponse], *, version: str | Callable[[], str], query: bool = False
) -> HttpResponse:
    """Serve a public read from the cache, or build it and keep it. The key is the address (with the
    query string when `query`: the read depends on it), the language, the host (absolute links) and
    `version`, so a change shows at once. Requests with a session or a pending message are built
    fresh: their pages have forms and personal content. Only complete 200 answers are kept.

    `version` may be a function: then it is read only for a request the cache may answer (a page built
    fresh for a signed-in user saves that query)."""
    if _built_fresh(request):
        return build()
    key = _key(request, version if isinstance(version, str) else version(), query=query)
    answer = cache.get(key)
    if not isinstance(answer, Answer):
        setattr(request, SHARED_WITHOUT_QUERY, not query)
        response = _built(build)
        if not _shareable(response):
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            # Indentation is a third of a rendered page; public pages have no <pre> or <textarea>.
            response.content = INDENTATION.sub(b"\n", response.content)
        answer = keep(key, response)
    return respond(request, answer)


def render_public(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    version: str | Callable[[], str],
    query: bool = False,
) -> HttpResponse:
    """Render the page, or serve it from the cache. `context` is only called when the page is rendered,
    so a cached page costs the one cheap query that read `version` (and a page built fresh, none, when
    `version` is a function)."""
    return serve_public(request, lambda: render(request, template, context()), version=version, query=query)


def data_version(*scopes: str) -> str:
    """The version of what a read shows (`kernel.versions`): of these apps' data, or of all of it."""
    return versions.stamp(scopes or versions.all_scopes())


def cached_public(*scopes: str, query: bool = False, timely: bool = False) -> Callable[[View], View]:
    """A public view whose answer is cached under the version of these apps' data (all apps' when none
    is named): a feed, a calendar, a list. See `serve_public` for who gets a fresh answer.

    `timely`: what the page says depends on the time too (a consultation opens or closes at a given
    minute), so the version includes the current minute: such a page is rendered at most once a minute."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if _built_fresh(request):
                return view(request, *args, **kwargs)  # no version to read for it
            version = data_version(*scopes)
            if timely:
                version += _this_minute()
            return serve_public(request, lambda: view(request, *args, **kwargs), version=version, query=query)

        return cached  # type: ignore[return-value]

    return decorate


# --- Blank public forms -----------------------------------------------------------------------------

#: Stands in for the CSRF token in a blank form's kept page (`csrf_stand_in` puts it in the templates).
CSRF_STAND_IN = "samskap-csrf-token-stand-in"
BUILDING_BLANK_FORM = "samskap_building_blank_form"


def csrf_stand_in(request: HttpRequest) -> dict[str, str]:
    """A context processor after Django's: while a blank form's page is built for every visitor, its
    forms carry `CSRF_STAND_IN` instead of this request's token."""
    return {"csrf_token": CSRF_STAND_IN} if getattr(request, BUILDING_BLANK_FORM, False) else {}


def _filled(request: HttpRequest, content: bytes) -> bytes:
    """The page with this visitor's tokens: their CSRF token (which sets the CSRF cookie, as rendering it
    would) and a new one-time form token."""
    if CSRF_STAND_IN.encode() in content:
        content = content.replace(CSRF_STAND_IN.encode(), get_token(request).encode())
    return content.replace(str(intake.FORM_TOKEN_STAND_IN).encode(), str(intake.new_form_token()).encode())


def blank_form(view: View) -> View:
    """A public form's page (sending input, registering, asking to join) for a visitor without a session.

    Such a page is the same for every visitor but for two tokens: the CSRF token and the one-time form
    token that makes a resend harmless (`kernel.intake`). It is rendered once per version of the data and
    minute (a form opens and closes at a given time) with stand-ins for both, kept like a public page, and
    each visitor gets it with tokens of their own. A rendering costs ten times a copy with the tokens
    replaced, and these pages are opened most at a deadline. A POST, and a visitor with a session or a
    pending message, get the page built for them."""

    @functools.wraps(view)
    def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _built_fresh(request):
            return view(request, *args, **kwargs)
        version = "blank-form:" + data_version() + _this_minute()
        key = _key(request, version, query=True)
        answer = cache.get(key)
        if not isinstance(answer, Answer):
            setattr(request, BUILDING_BLANK_FORM, True)
            try:
                with intake.form_tokens_stood_in():
                    response = _built(lambda: view(request, *args, **kwargs))
            finally:
                setattr(request, BUILDING_BLANK_FORM, False)
            if not _shareable(response):  # an error page, a redirect: this visitor's, with their tokens
                if not response.streaming:
                    response.content = _filled(request, response.content)
                return response
            answer = Answer(response.content, None, _kept_headers(response), etag="")  # each copy differs: no ETag
            cache.set(key, answer, PAGE_TIMEOUT)
        filled = HttpResponse(_filled(request, answer.content))
        for name, value in answer.headers.items():
            filled[name] = value
        return filled

    return cached  # type: ignore[return-value]
