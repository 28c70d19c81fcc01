"""The base of every sitemap section: each page in all three languages, with hreflang alternates."""

from collections.abc import Sequence
from typing import Any, overload

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from samskap.kernel.links import site_host, site_scheme


class LanguagePairs(Sequence[tuple[Any, str]]):
    """(item, language) for every item and language, in Django's order (item by item), without loading
    the items: its length is one COUNT, and a page of it reads only that page's items (LIMIT/OFFSET).
    Django builds the whole list, which for 200,000 submissions takes longer than a request may."""

    def __init__(self, items: Any, languages: list[str]) -> None:
        self.items = items
        self.languages = languages
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:
            count = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
            self._length = count * len(self.languages)
        return self._length

    @overload
    def __getitem__(self, index: int) -> tuple[Any, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Any, str] | list[tuple[Any, str]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, step = index.indices(len(self))
        each = len(self.languages)
        first, last = start // each, -(-stop // each)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        return pairs[start - first * each : stop - first * each : step]


class I18nSitemap(Sitemap[Any]):
    i18n = True
    alternates = True
    x_default = True
    # Addresses per page of a section (each with its four alternates): a page of the sitemap stays
    # a few hundred kilobytes; the index names every page (samskap.site.sitemaps).
    limit = 1000

    def _items(self) -> Any:
        """Lazily paged (see LanguagePairs); every item is in every language (no section narrows
        `get_languages_for_item`)."""
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return LanguagePairs(self.items(), list(languages))

    def get_domain(self, site: Any = None) -> str:
        """The public base address (kernel.links), not the request's host."""
        return site_host()

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()
