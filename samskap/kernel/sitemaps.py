"""The base of every sitemap section: each page in all three languages, with hreflang alternates."""

from typing import Any

from django.contrib.sitemaps import Sitemap


class I18nSitemap(Sitemap[Any]):
    i18n = True
    alternates = True
    x_default = True
