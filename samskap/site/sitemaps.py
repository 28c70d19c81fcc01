"""The sitemap: an index at /sitemap.xml naming one sitemap per section (the site's own pages and every
section the apps registered in samskap.kernel.registry), each in pages of at most `I18nSitemap.limit`
addresses (`/sitemap-<section>.xml?p=2`). A crawler reads a few small files instead of one of
megabytes, and each is cached under the data's version stamp (samskap.urls)."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from samskap.kernel.links import site_host, site_scheme
from samskap.kernel.registry import sitemap_sections
from samskap.kernel.sitemaps import I18nSitemap


class StaticPages(I18nSitemap):
    def items(self) -> list[str]:
        return ["core:home", "organisations:list", "opendata:index", "api_pages:docs"]

    def location(self, item: str) -> str:
        return reverse(item)


class RegisteredSitemaps(Mapping[str, Any]):
    """The sections, read from the registry when the sitemap is asked for."""

    def _all(self) -> dict[str, Any]:
        return {"pages": StaticPages, **dict(sitemap_sections.items())}

    def __getitem__(self, key: str) -> Any:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


SITEMAPS = RegisteredSitemaps()


@dataclass(frozen=True)
class IndexEntry:
    """What Django's sitemap_index.xml template reads of each entry."""

    location: str
    last_mod: None = None


def index(request: HttpRequest) -> TemplateResponse:
    """The sitemap index: every page of every section, under the public base address (kernel.links), as
    the sections' own addresses are (Django's index view would name the request's host)."""
    base = f"{site_scheme()}://{site_host()}"
    entries: list[IndexEntry] = []
    for section, kind in SITEMAPS.items():
        sitemap: Sitemap[Any] = kind() if callable(kind) else kind
        address = base + reverse("sitemap_section", kwargs={"section": section})
        entries.append(IndexEntry(address))
        entries += [IndexEntry(f"{address}?p={page}") for page in range(2, sitemap.paginator.num_pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
