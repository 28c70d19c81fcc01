"""The read API's endpoints for review (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from django.db.models import QuerySet
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.review.models import IRMAssessment, Report


class AssessmentSerializer(serializers.ModelSerializer[IRMAssessment]):
    class Meta:
        model = IRMAssessment
        fields = list(IRMAssessment.PUBLIC_FIELDS)


class AssessmentFilter(filters.FilterSet):
    commitment = ref("commitment", "Commitment id")
    plan = ref("commitment__plan", "Plan id")
    updated_since = since("updated_at")

    class Meta:
        model = IRMAssessment
        fields = ["report_type", "completion", "source"]


class AssessmentViewSet(PublicViewSet):
    """Independent (IRM) and reviewers' assessments of commitments."""

    queryset = IRMAssessment.objects.none()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self) -> "QuerySet[IRMAssessment]":
        return IRMAssessment.objects.public().order_by("pk")  # "out" depends on today: read per request


api_routes.register("assessments", ApiRoute("assessments", AssessmentViewSet, "assessment"))


class ReportSerializer(serializers.ModelSerializer[Report]):
    class Meta:
        model = Report
        fields = list(Report.PUBLIC_FIELDS)


class ReportFilter(filters.FilterSet):
    plan = ref("plan", "Plan id")
    updated_since = since("updated_at")

    class Meta:
        model = Report
        fields = ["report_type", "stage"]


class ReportViewSet(PublicViewSet):
    """IRM reports on published plans: published ones, and drafts whose public comment period has opened."""

    queryset = Report.objects.none()
    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self) -> "QuerySet[Report]":
        return Report.objects.public().order_by("pk")  # "out" depends on today: read per request


api_routes.register("irm-reports", ApiRoute("irm-reports", ReportViewSet, "irm-report"))
