"""Query parameters of the list endpoints."""

import datetime
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from samskap.commitments.models import Commitment, CompletionLevel, Milestone, ProgressUpdate
from samskap.consultations.models import Consultation, Response, Submission
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.review.models import IRMAssessment

MAX_ID = 2**62


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC before it reaches the database (which refuses odd offsets)."""

    def to_python(self, value: Any) -> Any:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError(_("Enter a valid date and time."), code="invalid") from None


class SinceFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


def since(field_name: str) -> Any:
    return SinceFilter(field_name=field_name, lookup_expr="gte", label="Changed at or after (ISO 8601)")


def ref(field_name: str, label: str | None = None) -> Any:
    """An id parameter; out-of-range numbers are a 400, not a database error."""
    return filters.NumberFilter(field_name=field_name, min_value=0, max_value=MAX_ID, label=label)


class JurisdictionFilter(filters.FilterSet):
    parent = ref("parent", "Part of (jurisdiction id)")

    class Meta:
        model = Jurisdiction
        fields = ["kind", "country_code"]


class OrganisationFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction", "Jurisdiction id")

    class Meta:
        model = Organisation
        fields = ["type"]


class PlanFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction", "Jurisdiction id")
    updated_since = since("updated_at")

    class Meta:
        model = ActionPlan
        fields = ["status"]


class ThemeFilter(filters.FilterSet):
    plan = ref("plan", "Plan id")

    class Meta:
        model = Theme
        fields: list[str] = []


class CommitmentFilter(filters.FilterSet):
    jurisdiction = ref("plan__jurisdiction", "Jurisdiction id")
    plan = ref("plan", "Plan id")
    theme = ref("theme", "Theme id")
    institution = filters.NumberFilter(
        method="filter_institution", min_value=0, max_value=MAX_ID, label="Lead or supporting institution (id)"
    )
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


class ChangeFilter(filters.FilterSet):
    jurisdiction = ref("plan__jurisdiction", "Jurisdiction id")
    plan = ref("plan", "Plan id")
    commitment = ref("commitment", "Commitment id")
    updated_since = since("created_at")

    class Meta:
        model = ChangeRecord
        fields = ["action"]


class AssessmentFilter(filters.FilterSet):
    commitment = ref("commitment", "Commitment id")
    plan = ref("commitment__plan", "Plan id")
    updated_since = since("updated_at")

    class Meta:
        model = IRMAssessment
        fields = ["report_type", "completion", "source"]


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
        model = Response
        fields = ["outcome"]
