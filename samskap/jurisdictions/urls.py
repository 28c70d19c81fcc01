from django.urls import path

from samskap.jurisdictions import views

app_name = "jurisdictions"
urlpatterns = [path("", views.jurisdiction_detail, name="detail")]
