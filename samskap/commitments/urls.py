from django.urls import path

from samskap.commitments import views

app_name = "commitments"
urlpatterns = [
    path("new-commitment/", views.commitment_edit, name="create"),
    path("<slug:commitment>/", views.commitment_detail, name="detail"),
    path("<slug:commitment>/edit/", views.commitment_edit, name="edit"),
    path("<slug:commitment>/progress/", views.progress_create, name="progress"),
    path("<slug:commitment>/new-milestone/", views.milestone_edit, name="milestone_create"),
    path("<slug:commitment>/milestones/<int:milestone>/", views.milestone_edit, name="milestone_edit"),
    path("<slug:commitment>/milestones/<int:milestone>/delete/", views.milestone_delete, name="milestone_delete"),
]
