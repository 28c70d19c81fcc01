"""/api/v1/ (the API) and /api/openapi.json (its description); outside the language prefix."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from samskap.api import docs, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("jurisdictions", views.JurisdictionViewSet, basename="jurisdiction")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("policy-areas", views.PolicyAreaViewSet, basename="policy-area")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progress-update")
router.register("changes", views.ChangeViewSet, basename="change")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("answers", views.AnswerViewSet, basename="answer")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("openapi.json", docs.openapi_json, name="openapi"),
]
