"""The read API's endpoints for review (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.review.models import IRMAssessment


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
