"""What the site itself adds to the main menu: the site search."""

from django.utils.translation import gettext_lazy as _

from samskap.kernel.registry import NavItem, navigation

navigation.register("search", NavItem(_("Search"), "core:search", order=60))
