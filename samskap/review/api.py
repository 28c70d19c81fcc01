"""The read API's endpoints for review (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from django.db.models import Q, QuerySet
from django.utils import timezone
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

    queryset = IRMAssessment.objects.filter(commitment__plan__published_at__isnull=False).order_by("pk")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter


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
        return (
            Report.objects.filter(plan__published_at__isnull=False)
            .filter(Q(published_on__isnull=False) | Q(comments_open_on__lte=timezone.localdate()))
            .order_by("pk")
        )


api_routes.register("irm-reports", ApiRoute("irm-reports", ReportViewSet, "irm-report"))
