from django.urls import path

from samskap.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/names/", views.aliases, name="aliases"),
    path("invite/<slug:jurisdiction>/", views.invite, name="invite"),
]
