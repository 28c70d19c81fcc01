from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from samskap.kernel.pages import cached_public
from samskap.site import views as core_views
from samskap.site.sitemaps import SITEMAPS
from samskap.site.sitemaps import index as sitemap_index

urlpatterns: list[URLPattern | URLResolver] = [
    path("health/", core_views.health, name="health"),
    path("ping/", core_views.ping, name="ping"),
    path("robots.txt", core_views.robots, name="robots"),
    path("sitemap.xml", cached_public()(sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        cached_public(query=True)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("api/", include("samskap.api.urls")),
]

urlpatterns += i18n_patterns(
    # A government's pages first: the most read (plans, commitments), and tried before every other app's.
    path("j/<slug:jurisdiction>/", include("samskap.jurisdictions.urls")),
    path("j/<slug:jurisdiction>/", include("samskap.plans.urls")),
    path("j/<slug:jurisdiction>/<slug:plan>/", include("samskap.publication.urls")),
    path("j/<slug:jurisdiction>/<slug:plan>/", include("samskap.commitments.urls")),
    path("", include("samskap.site.urls")),
    path("accounts/", include("samskap.accounts.urls")),
    path("", include("samskap.api.page_urls")),
    path("data/", include("samskap.opendata.urls")),
    path("organisations/", include("samskap.organisations.urls")),
    path("plans/", include("samskap.plans.index_urls")),
    path("admin/", admin.site.urls),
    path("consultations/", include("samskap.consultations.urls")),
    path("forum/", include("samskap.forum.urls")),
    path("proposals/", include("samskap.proposals.urls")),
    path("following/", include("samskap.following.urls")),
    path("local/", include("samskap.local.urls")),
    path("status/", include("samskap.monitoring.urls")),
    path("dashboards/", include("samskap.dashboards.urls")),
    path("documents/", include("samskap.evidence.urls")),
    path("evaluation/", include("samskap.evaluation.urls")),
    prefix_default_language=True,
)

handler400 = "samskap.site.views.bad_request"
handler403 = "samskap.site.views.permission_denied"
handler404 = "samskap.site.views.page_not_found"
handler500 = "samskap.site.views.server_error"
