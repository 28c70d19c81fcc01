"""The read API's endpoint for published self-assessments (registered in kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.evaluation.models import PublishedVersion, SelfAssessment
from samskap.kernel.api import PublicViewSet, ref
from samskap.kernel.registry import ApiRoute, api_routes


class SelfAssessmentVersionSerializer(serializers.ModelSerializer[PublishedVersion]):
    class Meta:
        model = PublishedVersion
        fields = ["language", "sha256", "published_at", "document"]


class SelfAssessmentSerializer(serializers.ModelSerializer[SelfAssessment]):
    versions = SelfAssessmentVersionSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = SelfAssessment
        fields = ["id", "plan", "kind", "language", "comments_open_on", "comments_close_on", "published_at"]
        fields += ["completions", "url", "versions"]

    def get_url(self, obj: SelfAssessment) -> str:
        return obj.get_absolute_url()


class SelfAssessmentFilter(filters.FilterSet):
    plan = ref("plan", "Plan id")

    class Meta:
        model = SelfAssessment
        fields = ["kind"]


class SelfAssessmentViewSet(PublicViewSet):
    """Published self-assessments: each frozen version (its language, its SHA-256 and the document)."""

    modified_field = "published_at"
    serializer_class = SelfAssessmentSerializer
    filterset_class = SelfAssessmentFilter
    queryset = (
        SelfAssessment.objects.filter(published_at__isnull=False, plan__published_at__isnull=False)
        .select_related("plan__jurisdiction")
        .prefetch_related("versions")
        .order_by("pk")
    )


api_routes.register("self-assessments", ApiRoute("self-assessments", SelfAssessmentViewSet, "self-assessment"))
