from django.urls import path

from samskap.following import views

app_name = "following"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("notices/", views.notices, name="notices"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("<str:kind>/<str:pk>/", views.follow, name="follow"),
]
