"""Whole-page caching of public pages for visitors without a session.

A page is cached under its address, language and a version stamp read from the data it shows (the
plan's or the commitment's `updated_at`, which every service bumps), so a change shows at once and a
per-process cache stays correct on several app servers. Logged-in users and anyone with a pending
message get a fresh page (their pages have forms and personal content).
"""

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

PAGE_TIMEOUT = 24 * 3600

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


def render_public(
    request: HttpRequest, template: str, context: Callable[[], dict[str, Any]], *, version: str
) -> HttpResponse:
    """Render the page, or serve it from the cache. `context` is only called when the page is rendered,
    so a cached page costs the one cheap query that read `version`."""
    if _personal(request):
        return render(request, template, context())
    address = f"{get_language()}:{request.path}:{version}"
    key = "page:" + hashlib.sha256(address.encode()).hexdigest()  # any cache backend takes it
    content = cache.get(key)
    if content is None:
        response = render(request, template, context())
        # Indentation is a third of a rendered page; public pages have no <pre> or <textarea>.
        response.content = INDENTATION.sub(b"\n", response.content)
        cache.set(key, response.content, PAGE_TIMEOUT)
        return response
    return HttpResponse(content)
