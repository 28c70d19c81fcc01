"""The read API's endpoints for commitments (registered in samskap.kernel.registry.api_routes)."""

from typing import Any

import django_filters as filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment, CompletionLevel, Milestone, PolicyArea, ProgressUpdate
from samskap.commitments.permissions import CommitmentAction
from samskap.commitments.services import add_progress_update
from samskap.kernel.api import ERROR, PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes


class PolicyAreaSerializer(serializers.ModelSerializer[PolicyArea]):
    class Meta:
        model = PolicyArea
        fields = ["id", "name", "slug"]


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    policy_areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    supporting_institutions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    jurisdiction = serializers.IntegerField(source="plan.jurisdiction_id", read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "plan",
            "jurisdiction",
            "theme",
            "identifier",
            "slug",
            "order",
            "title",
            "short_title",
            "problem",
            "description",
            "contribution",
            "relevance",
            "access_to_information",
            "civic_participation",
            "public_accountability",
            "technology_innovation",
            "policy_areas",
            "start_date",
            "end_date",
            "lead_institution",
            "supporting_institutions",
            "other_actors",
            "contact_name",
            "contact_title",
            "contact_email",
            "contact_phone",
            "budget",
            "origin",
            "status",
            "completion",
            "previous_version",
            "updated_at",
            "created_at",
        ]


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    evidence_links = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "commitment", "order", "activity", "start_date", "end_date", "status", "evidence_links"]
        fields += ["updated_at"]


class ProgressUpdateSerializer(serializers.ModelSerializer[ProgressUpdate]):
    evidence_links = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "commitment",
            "as_of",
            "completion",
            "narrative",
            "evidence_links",
            "author_name",
            "author_organisation",
            "created_at",
        ]


class ProgressUpdateInputSerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField()
    completion = serializers.ChoiceField(choices=CompletionLevel.choices)
    narrative = serializers.CharField(max_length=50_000)
    evidence_links = serializers.ListField(
        child=serializers.URLField(max_length=2000), required=False, default=list, max_length=20
    )


class CommitmentFilter(filters.FilterSet):
    jurisdiction = ref("plan__jurisdiction", "Jurisdiction id")
    plan = ref("plan", "Plan id")
    theme = ref("theme", "Theme id")
    institution = ref("pk", "Lead or supporting institution (id)", method="filter_institution")
    policy_area = filters.CharFilter(field_name="policy_areas__slug", label="Policy area (slug)")
    completion = filters.ChoiceFilter(choices=CompletionLevel.choices)
    updated_since = since("updated_at")

    class Meta:
        model = Commitment
        fields = ["status", "identifier"]

    def filter_institution(self, queryset: QuerySet[Commitment], name: str, value: Any) -> QuerySet[Commitment]:
        supported = Commitment.supporting_institutions.through.objects.filter(organisation_id=value)
        return queryset.filter(Q(lead_institution_id=value) | Q(pk__in=supported.values("commitment_id")))


class MilestoneFilter(filters.FilterSet):
    commitment = ref("commitment", "Commitment id")
    plan = ref("commitment__plan", "Plan id")
    updated_since = since("updated_at")

    class Meta:
        model = Milestone
        fields = ["status"]


class ProgressUpdateFilter(filters.FilterSet):
    commitment = ref("commitment", "Commitment id")
    plan = ref("commitment__plan", "Plan id")
    updated_since = since("created_at")

    class Meta:
        model = ProgressUpdate
        fields = ["completion"]


class PolicyAreaViewSet(PublicViewSet):
    """Policy-area tags, as in OGP's data."""

    queryset = PolicyArea.objects.order_by("pk")
    serializer_class = PolicyAreaSerializer
    filterset_class = None
    modified_field = None


class CommitmentViewSet(PublicViewSet):
    """Commitments of action plans, following OGP's commitment template."""

    queryset = (
        Commitment.objects.filter(plan__published_at__isnull=False)
        .select_related("plan")
        .prefetch_related("policy_areas", "supporting_institutions")
        .order_by("pk")
    )
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter

    def get_queryset(self) -> QuerySet[Commitment]:
        if self.action == "progress_updates":
            return Commitment.objects.filter(plan__published_at__isnull=False).select_related("plan").order_by("pk")
        queryset: QuerySet[Commitment] = super().get_queryset()
        return queryset

    @extend_schema(
        summary="Report progress on a commitment",
        description=(
            "Needs a token (`Authorization: Token <key>`) of a user who may report progress on this commitment: "
            "an editor of its lead institution or a coordinator of its jurisdiction."
        ),
        request=ProgressUpdateInputSerializer,
        responses={
            201: ProgressUpdateSerializer,
            400: OpenApiResponse(description="Invalid input"),
            401: ERROR,
            403: ERROR,
            404: ERROR,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="progress-updates",
        permission_classes=[IsAuthenticated],
        filterset_class=None,
        pagination_class=None,
    )
    def progress_updates(self, request: Request, pk: str | None = None) -> Response:
        commitment = self.get_object()
        if not can(request.user, CommitmentAction.REPORT_PROGRESS, commitment):
            raise exceptions.PermissionDenied(_("You may not report progress on this commitment."))
        data = ProgressUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            update = add_progress_update(actor=request.user, commitment=commitment, **data.validated_data)
        except DjangoValidationError as error:  # a model rule (e.g. no status dated in the future)
            raise serializers.ValidationError(error.message_dict) from None
        return Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class MilestoneViewSet(PublicViewSet):
    """Milestones: activities with a verifiable deliverable."""

    queryset = Milestone.objects.filter(commitment__plan__published_at__isnull=False).order_by("pk")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter


class ProgressUpdateViewSet(PublicViewSet):
    """Dated progress reports on commitments."""

    queryset = ProgressUpdate.objects.filter(commitment__plan__published_at__isnull=False).order_by("pk")
    serializer_class = ProgressUpdateSerializer
    filterset_class = ProgressUpdateFilter
    modified_field = "created_at"


api_routes.register("policy-areas", ApiRoute("policy-areas", PolicyAreaViewSet, "policy-area"))
api_routes.register("commitments", ApiRoute("commitments", CommitmentViewSet, "commitment"))
api_routes.register("milestones", ApiRoute("milestones", MilestoneViewSet, "milestone"))
api_routes.register("progress-updates", ApiRoute("progress-updates", ProgressUpdateViewSet, "progress-update"))
