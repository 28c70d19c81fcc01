"""/<lang>/plans/: every published plan, grouped by government (the main menu's "Plans")."""

from django.urls import path

from samskap.plans import views

app_name = "plan_index"
urlpatterns = [path("", views.plan_list, name="list")]
