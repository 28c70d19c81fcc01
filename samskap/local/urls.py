from django.urls import path

from samskap.local import views

app_name = "local"
urlpatterns = [
    path("", views.index, name="index"),
    path("join/confirm/<str:token>/", views.join_confirm, name="join_confirm"),
    path("<slug:country>/join/", views.join, name="join"),
    path("<slug:country>/overview/", views.overview, name="overview"),
    path("<slug:country>/overview.csv", views.overview_csv, name="overview_csv"),
    path("<slug:country>/overview.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("<slug:country>/requests/<int:pk>/", views.decide, name="decide"),
    path("<slug:jurisdiction>/activities/", views.activity_list, name="activities"),
    path("<slug:jurisdiction>/activities/new/", views.activity_edit, name="activity_create"),
    path("<slug:jurisdiction>/activities/<int:pk>/", views.activity_detail, name="activity"),
    path("<slug:jurisdiction>/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<slug:jurisdiction>/activities/<int:pk>/submit/", views.activity_submit, name="activity_submit"),
    path("<slug:jurisdiction>/activities/<int:pk>/review/", views.activity_review, name="activity_review"),
    path("<slug:jurisdiction>/activities/<int:pk>/documents/", views.document_add, name="activity_document_add"),
    path(
        "<slug:jurisdiction>/activities/<int:pk>/documents/<int:document>/",
        views.document_file,
        name="activity_document",
    ),
    path(
        "<slug:jurisdiction>/activities/<int:pk>/documents/<int:document>/remove/",
        views.document_remove,
        name="activity_document_remove",
    ),
    path("<slug:jurisdiction>/start-plan/", views.start_plan, name="start_plan"),
    path("<slug:jurisdiction>/start-plan/<int:plan>/", views.start_plan, name="start_plan_from"),
]
