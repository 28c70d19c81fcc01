from django.urls import path

from samskap.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("receipt/<str:receipt>/", views.receipt, name="receipt"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("attachments/<str:key>/", views.attachment, name="attachment"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("new/<slug:jurisdiction>/", views.consultation_edit, name="create"),
    path("<slug:jurisdiction>/<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:jurisdiction>/<slug:slug>/edit/", views.consultation_edit, name="edit"),
    path("<slug:jurisdiction>/<slug:slug>/documents/new/", views.document_add, name="document_add"),
    path("<slug:jurisdiction>/<slug:slug>/send/", views.submission_create, name="submit"),
    path("<slug:jurisdiction>/<slug:slug>/late/", views.submission_create, {"late": True}, name="late"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/", views.submission_list, name="submissions"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("<slug:jurisdiction>/<slug:slug>/submissions/<int:pk>/report/", views.submission_report, name="report"),
    path("<slug:jurisdiction>/<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:jurisdiction>/<slug:slug>/manage/<int:pk>/answer/", views.answer, name="answer"),
    path("<slug:jurisdiction>/<slug:slug>/manage/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<slug:jurisdiction>/<slug:slug>/summary/", views.summary, name="summary"),
    path("<slug:jurisdiction>/<slug:slug>/export.csv", views.export_csv, name="export_csv"),
    path("<slug:jurisdiction>/<slug:slug>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<slug:jurisdiction>/<slug:slug>/report/", views.report_html, name="report_html"),
    path("<slug:jurisdiction>/<slug:slug>/report.pdf", views.report_pdf, name="report_pdf"),
]
