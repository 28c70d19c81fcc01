"""/api/v1/ (the API) and /api/openapi.json (its description); outside the language prefix.

The endpoints are the ones the apps registered (samskap.kernel.registry.api_routes)."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from samskap.api import docs, views
from samskap.kernel.registry import api_routes

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
for route in api_routes:
    router.register(route.prefix, route.viewset, basename=route.basename)

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("openapi.json", docs.openapi_json, name="openapi"),
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="not_found"),  # JSON, not the site's HTML page
]
