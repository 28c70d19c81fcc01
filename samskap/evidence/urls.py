from django.urls import path

from samskap.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.repository, name="repository"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/file/", views.document_file, name="file"),
    path("<int:pk>/remove/", views.document_remove, name="remove"),
    path("add/<slug:jurisdiction>/", views.document_edit, name="add"),
    path("edit/<slug:jurisdiction>/<int:pk>/", views.document_edit, name="edit"),
    path("standards/<slug:jurisdiction>/<slug:plan>/", views.standards, name="standards"),
    path("standards/<slug:jurisdiction>/<slug:plan>/pack.zip", views.pack, name="pack"),
    path("standards/<slug:jurisdiction>/<slug:plan>/<str:code>/", views.override, name="override"),
]
