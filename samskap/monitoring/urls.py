from django.urls import path

from samskap.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("<slug:jurisdiction>/<slug:plan>/new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/manage/", views.round_manage, name="manage"),
    path("<int:pk>/answer/<int:organisation>/", views.answer, name="answer"),
]
