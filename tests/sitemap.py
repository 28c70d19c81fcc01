"""The whole sitemap as text: the index at /sitemap.xml, then every page of every section it names."""

import re
import urllib.parse
from collections.abc import Callable
from typing import Any

LOC = re.compile(r"<loc>([^<]+)</loc>")


def section_addresses(index: str) -> list[str]:
    """The sections' pages named in the index, as paths with their query (`/sitemap-plans.xml?p=2`)."""
    addresses = []
    for loc in LOC.findall(index):
        parts = urllib.parse.urlsplit(loc.replace("&amp;", "&"))
        addresses.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return addresses


def whole_sitemap(fetch: Callable[[str], str]) -> str:
    """Every section's pages, joined; `fetch(path)` reads one (the index must name at least one)."""
    sections = section_addresses(fetch("/sitemap.xml"))
    assert sections, "the sitemap index names no section"
    return "\n".join(fetch(address) for address in sections)


def sitemap_text(client: Any) -> str:
    """The whole sitemap through Django's test client; every part must answer 200."""

    def fetch(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        return str(response.content.decode())

    return whole_sitemap(fetch)
