from django.urls import path

from samskap.plans import views

app_name = "plans"
urlpatterns = [
    path("new-plan/", views.plan_create, name="create"),
    path("<slug:plan>/", views.plan_detail, name="detail"),
    path("<slug:plan>/edit/", views.plan_edit, name="edit"),
    path("<slug:plan>/revise/", views.plan_revise, name="revise"),
    path("<slug:plan>/compare/<slug:other>/", views.plan_compare, name="compare"),
    path("<slug:plan>/new-theme/", views.theme_edit, name="theme_create"),
    path("<slug:plan>/themes/<int:theme>/", views.theme_edit, name="theme_edit"),
]
