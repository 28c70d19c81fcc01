"""The read API's endpoints for consultations (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samskap.consultations.models import Consultation, Submission
from samskap.consultations.models import Response as Answer
from samskap.consultations.public import SUBMISSION, public_answers
from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "jurisdiction",
            "plan",
            "stage",
            "title",
            "slug",
            "body",
            "questions",
            "opens_at",
            "closes_at",
            "state",
            "summary",
            "updated_at",
            "created_at",
        ]


class SubmissionSerializer(serializers.ModelSerializer[Submission]):
    """A published submission, as its sender agreed (samskap.consultations.public.SUBMISSION): the name,
    organisation and on whose behalf only when published by name; never the email address."""

    name = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    on_behalf_of = serializers.SerializerMethodField()
    answers = serializers.ListField(child=serializers.CharField(allow_blank=True), read_only=True)

    class Meta:
        model = Submission
        fields = list(SUBMISSION.fields)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_name(self, item: Submission) -> str | None:
        return SUBMISSION.value(item, "name")  # type: ignore[no-any-return]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_organisation(self, item: Submission) -> str | None:
        return SUBMISSION.value(item, "organisation")  # type: ignore[no-any-return]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_on_behalf_of(self, item: Submission) -> str | None:
        return SUBMISSION.value(item, "on_behalf_of")  # type: ignore[no-any-return]


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    commitments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "consultation",
            "outcome",
            "reason",
            "commitments",
            "themes",
            "answered_by_name",
            "created_at",
            "updated_at",
        ]


class ConsultationFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction", "Jurisdiction id")
    plan = ref("plan", "Plan id")
    updated_since = since("updated_at")

    class Meta:
        model = Consultation
        fields = ["stage"]


class SubmissionFilter(filters.FilterSet):
    consultation = ref("consultation", "Consultation id")
    response = ref("response", "Answer id")
    updated_since = since("published_at")

    class Meta:
        model = Submission
        fields = ["respondent_type"]


class AnswerFilter(filters.FilterSet):
    consultation = ref("consultation", "Consultation id")
    updated_since = since("updated_at")

    class Meta:
        model = Answer
        fields = ["outcome"]


class ConsultationViewSet(PublicViewSet):
    """Public consultations: input from anyone before a deadline, then the government's answers."""

    queryset = Consultation.objects.order_by("pk")
    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilter


class SubmissionViewSet(PublicViewSet):
    """Published submissions to consultations, as their senders agreed (never an email address)."""

    queryset = SUBMISSION.rows().order_by("pk")
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    modified_field = "published_at"


class AnswerViewSet(PublicViewSet):
    """The government's reasoned answers to submissions."""

    queryset = public_answers().prefetch_related("commitments", "themes").order_by("pk")
    serializer_class = AnswerSerializer
    filterset_class = AnswerFilter


api_routes.register("consultations", ApiRoute("consultations", ConsultationViewSet, "consultation"))
api_routes.register("submissions", ApiRoute("submissions", SubmissionViewSet, "submission"))
api_routes.register("answers", ApiRoute("answers", AnswerViewSet, "answer"))
