from django.urls import path

from samskap.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("receipt/<str:receipt>/", views.receipt, name="receipt"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("plan/<int:plan>/", views.plan_register, name="plan"),
    path("plan/<int:plan>/proposals.csv", views.export_csv, name="export_csv"),
    path("plan/<int:plan>/proposals.xlsx", views.export_xlsx, name="export_xlsx"),
    path("plan/<int:plan>/send/", views.send, name="send"),
    path("plan/<int:plan>/received/", views.record, name="record"),
    path("plan/<int:plan>/rounds/<int:round>/received/", views.record, name="record_in_round"),
    path("plan/<int:plan>/rounds/new/", views.round_edit, name="round_create"),
    path("plan/<int:plan>/rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("plan/<int:plan>/rounds/<int:round>/send/", views.send, name="send_in_round"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/delete/", views.discard, name="delete"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/received-comment/", views.record_comment, name="record_comment"),
    path("<int:pk>/responsible/", views.responsible, name="responsible"),
]
