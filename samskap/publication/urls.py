"""Mounted under /<lang>/j/<jurisdiction>/<plan>/ (before the commitments' addresses)."""

from django.urls import path

from samskap.publication import views

app_name = "publication"
urlpatterns = [
    path("publication/", views.manage, name="manage"),
    path("publication/preview/", views.preview, name="preview"),
    path("publication/preview/<str:language>/", views.preview, name="preview_language"),
    path("publication/texts/<str:language>/", views.plan_text, name="plan_text"),
    path("publication/commitments/<slug:commitment>/", views.commitment_text, name="commitment_text"),
    path("versions/", views.version_list, name="versions"),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/<int:number>/compare/<int:other>/", views.version_compare, name="compare"),
    path("versions/<int:number>/compare/<int:other>/<str:language>/", views.version_compare, name="compare_language"),
    path("versions/<int:number>/<str:filename>", views.version_file, name="file"),
    path("versions/<int:number>/<str:language>/", views.version_detail, name="version_language"),
]
