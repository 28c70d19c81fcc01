"""/sitemap.xml: the site's own pages and every section the apps registered (samskap.kernel.registry)."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.urls import reverse

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
