"""What the API shows of each public thing. Never an email address of a person with an account.

The commitment's contact email is public: OGP's commitment template publishes the contact
person's email, and the commitment page shows it.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers  # type: ignore[import-untyped,unused-ignore]

from samskap.commitments.models import Commitment, CompletionLevel, Milestone, PolicyArea, ProgressUpdate
from samskap.consultations.models import Consultation, Response, Submission
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.review.models import IRMAssessment


class JurisdictionSerializer(serializers.ModelSerializer[Jurisdiction]):
    class Meta:
        model = Jurisdiction
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "parent",
            "country_code",
            "time_zone",
            "default_language",
            "coordinating_organisation",
            "contact_name",
            "contact_email",
            "contact_phone",
            "description",
        ]


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "type", "jurisdiction", "website", "description"]


class PlanSerializer(serializers.ModelSerializer[ActionPlan]):
    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "jurisdiction",
            "label",
            "slug",
            "title",
            "summary",
            "start_date",
            "end_date",
            "status",
            "revises",
            "updated_at",
            "created_at",
        ]


class ThemeSerializer(serializers.ModelSerializer[Theme]):
    class Meta:
        model = Theme
        fields = ["id", "plan", "order", "title", "description"]


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


class ChangeSerializer(serializers.ModelSerializer[ChangeRecord]):
    object_type = serializers.CharField(source="content_type.model", read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        fields = [
            "id",
            "object_type",
            "object_id",
            "object_repr",
            "plan",
            "commitment",
            "action",
            "changes",
            "actor_name",
            "created_at",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"old": {}, "new": {}},
            },
        }
    )
    def get_changes(self, record: ChangeRecord) -> dict[str, Any]:
        return dict(record.changes)


class AssessmentSerializer(serializers.ModelSerializer[IRMAssessment]):
    class Meta:
        model = IRMAssessment
        fields = list(IRMAssessment.PUBLIC_FIELDS)


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
    """A published submission, as its sender agreed: the name and organisation only when published by name;
    never the email address."""

    name = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    on_behalf_of = serializers.SerializerMethodField()
    answers = serializers.ListField(child=serializers.CharField(allow_blank=True), read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "consultation",
            "section",
            "name",
            "organisation",
            "on_behalf_of",
            "respondent_type",
            "text",
            "answers",
            "is_late",
            "group",
            "response",
            "published_at",
        ]

    def _named(self, item: Submission, value: str) -> str | None:
        return value if item.consent == Submission.Consent.NAMED else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_name(self, item: Submission) -> str | None:
        return self._named(item, item.name)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_organisation(self, item: Submission) -> str | None:
        return self._named(item, item.organisation)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_on_behalf_of(self, item: Submission) -> str | None:
        return self._named(item, item.on_behalf_of)


class AnswerSerializer(serializers.ModelSerializer[Response]):
    commitments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    themes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Response
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
