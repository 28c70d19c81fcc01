"""Query parameters of the list endpoints."""

from typing import Any

import django_filters as filters
from django.db.models import Q, QuerySet

from samskap.commitments.models import Commitment, CompletionLevel, Milestone, ProgressUpdate
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.opendata.models import IRMAssessment
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme


class JurisdictionFilter(filters.FilterSet):
    class Meta:
        model = Jurisdiction
        fields = ["kind", "country_code", "parent"]


class OrganisationFilter(filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["jurisdiction", "type"]


class PlanFilter(filters.FilterSet):
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = ActionPlan
        fields = ["jurisdiction", "status"]


class ThemeFilter(filters.FilterSet):
    class Meta:
        model = Theme
        fields = ["plan"]


class CommitmentFilter(filters.FilterSet):
    jurisdiction = filters.NumberFilter(field_name="plan__jurisdiction")
    institution = filters.NumberFilter(method="filter_institution", label="Lead or supporting institution (id)")
    policy_area = filters.CharFilter(field_name="policy_areas__slug")
    completion = filters.ChoiceFilter(choices=CompletionLevel.choices)
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Commitment
        fields = ["plan", "theme", "status", "identifier"]

    def filter_institution(self, queryset: QuerySet[Commitment], name: str, value: Any) -> QuerySet[Commitment]:
        supported = Commitment.supporting_institutions.through.objects.filter(organisation_id=value)
        return queryset.filter(
            Q(lead_institution_id=value) | Q(pk__in=supported.values("commitment_id")),
        )


class MilestoneFilter(filters.FilterSet):
    plan = filters.NumberFilter(field_name="commitment__plan")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Milestone
        fields = ["commitment", "status"]


class ProgressUpdateFilter(filters.FilterSet):
    plan = filters.NumberFilter(field_name="commitment__plan")
    updated_since = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = ProgressUpdate
        fields = ["commitment", "completion"]


class ChangeFilter(filters.FilterSet):
    jurisdiction = filters.NumberFilter(field_name="plan__jurisdiction")
    updated_since = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = ChangeRecord
        fields = ["plan", "commitment", "action"]


class AssessmentFilter(filters.FilterSet):
    plan = filters.NumberFilter(field_name="commitment__plan")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = IRMAssessment
        fields = ["commitment", "report_type", "completion", "source"]
