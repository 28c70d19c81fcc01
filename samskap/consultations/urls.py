from django.urls import path

from samskap.consultations.views import exports, manage, public

app_name = "consultations"
urlpatterns = [
    path("", public.consultation_list, name="list"),
    path("receipt/<str:receipt>/", public.receipt, name="receipt"),
    path("confirm/again/", public.confirm_again, name="confirm_again"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("attachments/<str:key>/", public.attachment, name="attachment"),
    path("documents/<int:pk>/", public.document, name="document"),
    path("new/<slug:jurisdiction>/", manage.consultation_edit, name="create"),
    path("<slug:jurisdiction>/<slug:slug>/", public.consultation_detail, name="detail"),
    path("<slug:jurisdiction>/<slug:slug>/edit/", manage.consultation_edit, name="edit"),
    path("<slug:jurisdiction>/<slug:slug>/documents/new/", manage.document_add, name="document_add"),
    path("<slug:jurisdiction>/<slug:slug>/send/", public.submission_create, name="submit"),
    path("<slug:jurisdiction>/<slug:slug>/late/", public.submission_create, {"late": True}, name="late"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/", public.submission_list, name="submissions"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/<int:pk>/", public.submission_detail, name="submission"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/<int:pk>/report/", public.submission_report, name="report"),
    path("<slug:jurisdiction>/<slug:slug>/manage/", manage.manage, name="manage"),
    path("<slug:jurisdiction>/<slug:slug>/manage/<int:pk>/answer/", manage.answer, name="answer"),
    path("<slug:jurisdiction>/<slug:slug>/manage/<int:pk>/moderate/", manage.moderate, name="moderate"),
    path("<slug:jurisdiction>/<slug:slug>/summary/", manage.summary, name="summary"),
    path("<slug:jurisdiction>/<slug:slug>/export.csv", exports.export_csv, name="export_csv"),
    path("<slug:jurisdiction>/<slug:slug>/export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("<slug:jurisdiction>/<slug:slug>/report/", exports.report_html, name="report_html"),
    path("<slug:jurisdiction>/<slug:slug>/report.pdf", exports.report_pdf, name="report_pdf"),
]
