from django.urls import path

from samskap.evaluation.views import manage, moderation, public

app_name = "evaluation"
P = "<slug:jurisdiction>/<slug:plan>/"
S = P + "self/<slug:kind>/"
R = P + "reports/<int:pk>/"
urlpatterns = [
    path("", public.index, name="index"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path(P, public.plan_evaluations, name="plan"),
    path(P + "comments/<int:pk>/", moderation.comment_detail, name="public_comment"),
    path(P + "comments/<int:pk>/report/", moderation.comment_report, name="flag_comment"),
    path(P + "self/new/", manage.start, name="start"),
    path(S, public.detail, name="detail"),
    path(S + "edit/", manage.edit, name="edit"),
    path(S + "comments/", manage.comments, name="comments"),
    path(S + "publish/", manage.publish, name="publish"),
    path(S + "comment/<int:section>/", public.comment_on_section, name="comment"),
    path(S + "<slug:language>.<slug:fmt>", public.published_file, name="file"),
    path(P + "reports/new/", manage.report_edit, name="report_create"),
    path(R, public.report_detail, name="report"),
    path(R + "edit/", manage.report_edit, name="report_edit"),
    path(R + "comment/", public.comment_on_report, name="report_comment"),
    path(R + "assess/<int:commitment>/", manage.assess, name="assess"),
    path(R + "comments.<str:fmt>", manage.export_comments, name="report_comments"),
]
