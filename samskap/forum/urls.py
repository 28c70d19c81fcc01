from django.urls import path

from samskap.forum.views import manage, public

app_name = "forum"
urlpatterns = [
    path("i/<str:token>/", public.invitation, name="invitation"),
    path("receipt/<str:receipt>/", public.receipt, name="receipt"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("r/<str:token>/", public.my_registration, name="registration"),
    path("join/confirm/<str:token>/", public.join_confirm, name="join_confirm"),
    path("<slug:jurisdiction>/", public.forum_detail, name="detail"),
    path("<slug:jurisdiction>/join/", public.join, name="join"),
    path("<slug:jurisdiction>/calendar.ics", public.forum_ics, name="calendar"),
    path("<slug:jurisdiction>/manage/", manage.forum_manage, name="manage"),
    path("<slug:jurisdiction>/requests/<int:pk>/", manage.decide, name="decide"),
    path("<slug:jurisdiction>/meetings/new/", manage.meeting_edit, name="meeting_create"),
    path("<slug:jurisdiction>/plans/<slug:plan>/timeline/", manage.timeline_edit, name="timeline_edit"),
    path("<slug:jurisdiction>/plans/<slug:plan>/timeline/<int:pk>/", manage.phase_edit, name="phase_edit"),
    path("<slug:jurisdiction>/members/<int:pk>/", manage.member_edit, name="member_edit"),
    path("<slug:jurisdiction>/plans/<slug:plan>/timeline.ics", public.timeline_ics, name="timeline_ics"),
    path("<slug:jurisdiction>/<slug:slug>/", public.meeting_detail, name="meeting"),
    path("<slug:jurisdiction>/<slug:slug>/meeting.ics", public.meeting_ics, name="meeting_ics"),
    path("<slug:jurisdiction>/<slug:slug>/register/", public.register, name="register"),
    path("<slug:jurisdiction>/<slug:slug>/register/<str:token>/", public.register, name="register_invited"),
    path("<slug:jurisdiction>/<slug:slug>/edit/", manage.meeting_edit, name="meeting_edit"),
    path("<slug:jurisdiction>/<slug:slug>/manage/", manage.meeting_manage, name="manage_meeting"),
    path("<slug:jurisdiction>/<slug:slug>/minutes/", manage.minutes_edit, name="minutes"),
    path("<slug:jurisdiction>/<slug:slug>/registrations.csv", manage.export_csv, name="export_csv"),
    path("<slug:jurisdiction>/<slug:slug>/registrations.xlsx", manage.export_xlsx, name="export_xlsx"),
    path("<slug:jurisdiction>/<slug:slug>/participants/", manage.participants, name="participants"),
]
