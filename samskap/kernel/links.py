"""The one public base address of every absolute link Samskap writes (calendars, Decidim files, feeds,
the sitemap, emails): `settings.SITE_URL` (`SAMSKAP_SITE_URL`).

Absolute links never come from the request's Host header: a feed, a calendar or a download must name
the same addresses however it was reached (directly, through the load balancer, from a cache), and
emails and downloads are made without a request at all."""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings


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
