"""Pages about the API, under the language prefix: the documentation and a user's token."""

from django.urls import path

from samskap.api import docs

app_name = "api_pages"
urlpatterns = [
    path("api/", docs.documentation, name="docs"),
    path("accounts/api-token/", docs.token, name="token"),
]
