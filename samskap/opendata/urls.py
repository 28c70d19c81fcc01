from django.urls import path, re_path

from samskap.kernel.pages import cached_public
from samskap.kernel.registry import feed_routes
from samskap.opendata import feeds, views

app_name = "opendata"
# Feeds the apps offer come first: their fixed paths ("feeds/consultations/rss/") would otherwise be
# taken for a jurisdiction's feed ("feeds/<jurisdiction>/rss/").
# Feeds, calendars and the index are cached under the version of the data (`kernel.pages.cached_public`).
urlpatterns = [path(route.path, cached_public()(route.view), name=route.name) for route in feed_routes]
urlpatterns += [
    path("", cached_public()(views.index), name="index"),
    re_path(r"^download/samskap\.(?P<fmt>zip|json|xlsx)$", views.download_site, name="download_site"),
    re_path(
        r"^download/(?P<jurisdiction>[-\w]+)/(?P<plan>[-\w]+)\.(?P<fmt>zip|json|xlsx)$",
        views.download_plan,
        name="download_plan",
    ),
    path("ogp/commitments.csv", views.irm_export, name="irm_export"),
    path("ogp/<slug:jurisdiction>/<slug:plan>.csv", views.irm_export, name="irm_export_plan"),
    path("decidim/<slug:jurisdiction>/<slug:plan>.csv", views.decidim_export, name="decidim_export"),
    path("feeds/<slug:jurisdiction>/rss/", cached_public()(feeds.JurisdictionChanges()), name="feed_rss"),
    path("feeds/<slug:jurisdiction>/atom/", cached_public()(feeds.JurisdictionChangesAtom()), name="feed_atom"),
    path("calendar.ics", cached_public()(feeds.calendar), name="calendar"),
    path("calendar/<slug:jurisdiction>.ics", cached_public()(feeds.calendar), name="calendar_jurisdiction"),
    path("import/", views.import_irm_view, name="import"),
    path("import/decidim/", views.import_decidim_view, name="import_decidim"),
]
