"""The one public base address of every absolute link Samskap writes (calendars, Decidim files, feeds,
the sitemap, emails): `settings.SITE_URL` (`SAMSKAP_SITE_URL`).

Absolute links never come from the request's Host header: a feed, a calendar or a download must name
the same addresses however it was reached (directly, through the load balancer, from a cache), and
emails and downloads are made without a request at all."""

import functools
import re
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language


def absolute(path: str) -> str:
    """`path` (starting with "/") under the public base address; an absolute URL is returned as is."""
    if "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    """The public host name (with its port, if any), e.g. `ogp.example.no`."""
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme or "https"


def tag_uri(day: date, specific: str) -> str:
    """A `tag:` URI (RFC 4151) for a feed entry: `tag:<host>,<YYYY-MM-DD>:<specific>`, stable forever.
    The authority is the public host name without a port (a tag's authority has none)."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},{day.isoformat()}:{specific}"


# --- Paths of pages, from a pattern kept per view -------------------------------------------------------
# `django.urls.reverse` tries the view's patterns against the arguments and quotes the result on every call:
# ~50 µs, and a page of search hits or a list makes dozens. A view's path differs between calls only by its
# arguments, so it is reversed once per view, arguments' names, language and URL configuration with
# placeholders, and later calls put their values in. Only values that every converter used here takes as
# they are (ASCII slug characters; digits where the pattern takes only digits) are put in; any other value
# goes through `django.urls.reverse`, which then decides (including NoReverseMatch).

_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
_DIGITS = re.compile(r"[0-9]+\Z")


def _placeholder(index: int) -> str:
    return f"90817263{index:02d}54"  # digits: every converter (int, slug, str, path) takes them


@functools.lru_cache(maxsize=1024)
def _path_pattern(
    viewname: str, keys: tuple[str, ...], language: str | None, urlconf: str, prefix: str
) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """The view's path cut at its arguments (texts between them, in `keys`' order of appearance: the keys
    by name at the odd positions), and the arguments whose pattern takes only digits; None when the view
    cannot be reversed so (then every call asks `django.urls.reverse`)."""
    placeholders = {key: _placeholder(index) for index, key in enumerate(keys)}
    try:
        template = django_reverse(viewname, kwargs=placeholders)
    except NoReverseMatch:
        return None
    if any(template.count(placeholder) != 1 for placeholder in placeholders.values()):
        return None
    digits_only = set()
    for key in keys:
        word = f"q{placeholders[key]}x"  # not digits: does the same pattern take it too?
        try:
            same = django_reverse(viewname, kwargs={**placeholders, key: word}) == template.replace(
                placeholders[key], word
            )
        except NoReverseMatch:
            same = False
        if not same:
            digits_only.add(key)
    by_placeholder = {placeholder: key for key, placeholder in placeholders.items()}
    cut = re.split(f"({'|'.join(by_placeholder)})", template)
    parts = tuple(by_placeholder[part] if index % 2 else part for index, part in enumerate(cut))
    return parts, frozenset(digits_only)


def reverse(viewname: str, args: Sequence[Any] | None = None, kwargs: dict[str, Any] | None = None) -> str:
    """`django.urls.reverse(viewname, kwargs=...)`, the same path, made from the view's kept pattern (above)."""
    if args or not kwargs:
        return django_reverse(viewname, args=args, kwargs=kwargs)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    pattern = _path_pattern(viewname, tuple(sorted(kwargs)), get_language(), str(urlconf), get_script_prefix())
    if pattern is None:
        return django_reverse(viewname, kwargs=kwargs)
    parts, digits_only = pattern
    texts = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            texts.append(part)
            continue
        value = kwargs[part]
        if not (isinstance(value, str) or type(value) is int):
            return django_reverse(viewname, kwargs=kwargs)
        text = str(value)
        if not (_DIGITS if part in digits_only else _PLAIN).match(text):
            return django_reverse(viewname, kwargs=kwargs)
        texts.append(text)
    return "".join(texts)
