"""Whole-page caching of public pages for visitors without a session.

A page is cached under its address, language and a version stamp read from the data it shows (the
plan's or the commitment's `updated_at`, which every service bumps, or the versions of the apps'
data, `kernel.versions`, which every write bumps), so a change shows at once and a per-process cache
stays correct on several app servers. Logged-in users and anyone with a pending
message get a fresh page (their pages have forms and personal content).
"""

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import get_language

from samskap.kernel import versions

PAGE_TIMEOUT = 24 * 3600
View = TypeVar("View", bound=Callable[..., HttpResponse])

#: Sent (sender: the model class, `instance`: the object) when something other pages show by name changed:
#: a jurisdiction or organisation renamed, or organisations merged. An app whose cached pages show it
#: receives the signal (in its `registrations` module) and bumps the stamps of those pages.
shown_name_changed = Signal()
INDENTATION = re.compile(rb"\n\s+")


def _personal(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def version_stamp(sql: str, params: list[str]) -> str:
    """Read a page's version stamp with one plain query (404 when the row does not exist).

    Plain SQL on purpose: building the equivalent ORM query costs more than serving the cached page.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return "/".join(str(value) for value in row)


def _key(request: HttpRequest, version: str, *, query: bool) -> str:
    where = request.get_full_path() if query else request.path
    address = f"{get_language()}:{request.get_host()}:{where}:{version}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()  # any cache backend takes it


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An ETag of the content, and a 304 when the client's copy is the same."""
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    response["ETag"] = etag
    answer = get_conditional_response(request, etag=etag, response=response)
    return answer if answer is not None else response


KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "Link", "Content-Language")


def serve_public(
    request: HttpRequest, build: Callable[[], HttpResponse], *, version: str, query: bool = False
) -> HttpResponse:
    """Serve a public read from the cache, or build it and keep it. The key is the address (with the
    query string when `query`: the read depends on it), the language, the host (absolute links) and
    `version`, so a change shows at once. Requests with a session or a pending message are built
    fresh: their pages have forms and personal content. Only complete 200 answers are kept."""
    if request.method not in ("GET", "HEAD") or _personal(request):
        return build()
    key = _key(request, version, query=query)
    entry = cache.get(key)
    if entry is None:
        response = build()
        render = getattr(response, "render", None)
        if render is not None:
            render()  # a TemplateResponse (the sitemap's view) renders late otherwise
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            # Indentation is a third of a rendered page; public pages have no <pre> or <textarea>.
            response.content = INDENTATION.sub(b"\n", response.content)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), PAGE_TIMEOUT)
    else:
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
    return _conditional(request, response)


def render_public(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    version: str,
    query: bool = False,
) -> HttpResponse:
    """Render the page, or serve it from the cache. `context` is only called when the page is rendered,
    so a cached page costs the one cheap query that read `version`."""
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
            version = data_version(*scopes)
            if timely:
                version += timezone.now().strftime(":%Y%m%d%H%M")
            return serve_public(request, lambda: view(request, *args, **kwargs), version=version, query=query)

        return cached  # type: ignore[return-value]

    return decorate
