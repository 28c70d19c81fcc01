"""/<lang>/dashboards/: the site's dashboard, a jurisdiction's and a plan's, and their charts as CSV.

A chart's CSV ends in ".csv", which no slug can, so it never takes the place of a jurisdiction or a plan.
"""

from django.urls import path

from samskap.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.site_dashboard, name="site"),
    path("<slug:chart>.csv", views.site_csv, name="site_csv"),
    path("<slug:jurisdiction>/", views.jurisdiction_dashboard, name="jurisdiction"),
    path("<slug:jurisdiction>/<slug:chart>.csv", views.jurisdiction_csv, name="jurisdiction_csv"),
    path("<slug:jurisdiction>/<slug:plan>/", views.plan_dashboard, name="plan"),
    path("<slug:jurisdiction>/<slug:plan>/<slug:chart>.csv", views.plan_csv, name="plan_csv"),
]
