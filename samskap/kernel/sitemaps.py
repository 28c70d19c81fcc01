"""The base of every sitemap section: each page in all three languages, with hreflang alternates."""

from typing import Any

from django.contrib.sitemaps import Sitemap

from samskap.kernel.links import site_host, site_scheme


class I18nSitemap(Sitemap[Any]):
    i18n = True
    alternates = True
    x_default = True
    # Addresses per page of a section (each with its four alternates): a page of the sitemap stays
    # a few hundred kilobytes; the index names every page (samskap.site.sitemaps).
    limit = 1000

    def get_domain(self, site: Any = None) -> str:
        """The public base address (kernel.links), not the request's host."""
        return site_host()

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()
