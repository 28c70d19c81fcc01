"""The WSGI handler: Django's, with the resolution of an address remembered per process.

Resolving an address walks the URL patterns of every app before the matching one: 50 to 150 µs for a
plan, commitment or consultation page, a fifth to a quarter of the CPU a cached hit costs. The
patterns do not change while a process runs, so the match for an address (and the active language,
which the language prefix depends on) is remembered, up to `REMEMBERED` addresses, least recently
used out. Each request gets its own match, with its own keyword arguments, which a view may change.
An address that matches nothing is not remembered (anyone can make up any number of them).
"""

import threading
from collections import OrderedDict

from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest
from django.urls import ResolverMatch, get_resolver, get_urlconf
from django.utils.translation import get_language

REMEMBERED = 5_000


class Handler(WSGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self._matches: OrderedDict[tuple[str, str | None, str], ResolverMatch] = OrderedDict()
        self._lock = threading.Lock()

    def resolve_request(self, request: HttpRequest) -> ResolverMatch:
        if hasattr(request, "urlconf"):  # a middleware chose another set of patterns: as Django does
            return super().resolve_request(request)
        key = (request.path_info, get_language(), str(get_urlconf()))
        with self._lock:
            found = self._matches.get(key)
            if found is not None:
                self._matches.move_to_end(key)
        if found is None:
            found = get_resolver().resolve(request.path_info)  # Resolver404 is raised, not remembered
            with self._lock:
                self._matches[key] = found
                while len(self._matches) > REMEMBERED:
                    self._matches.popitem(last=False)
        match = ResolverMatch(  # Django's ResolverMatch refuses copy.copy
            found.func,
            found.args,
            dict(found.kwargs),
            found.url_name,
            list[str | None](found.app_names),
            list[str | None](found.namespaces),
            found.route,
            found.tried,
            found.captured_kwargs,  # type: ignore[attr-defined]  # (Django 4.1's, not in django-stubs)
            found.extra_kwargs,  # type: ignore[attr-defined]
        )
        request.resolver_match = match
        return match
