"""What open data adds to the site from its own app: its entry in the main menu."""

from django.utils.translation import gettext_lazy as _

from samskap.kernel.registry import NavItem, navigation

navigation.register("opendata", NavItem(_("Open data"), "opendata:index", order=50))
