"""Reads for commitment pages and for the people who keep commitments up to date."""

from functools import cached_property
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from samskap.accounts.permissions import grants_for
from samskap.commitments.models import Commitment, Milestone, PolicyArea, ProgressUpdate
from samskap.history.selectors import timeline_for_commitment
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import version_stamp
from samskap.kernel.types import Actor
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


def get_commitment(*, jurisdiction_slug: str, plan_slug: str, commitment_slug: str) -> Commitment:
    """The commitment with its plan, theme and lead institution (one query)."""
    queryset = Commitment.objects.select_related(
        "plan__jurisdiction", "theme", "lead_institution", "previous_version__plan__jurisdiction"
    )
    try:
        return queryset.get(plan__jurisdiction__slug=jurisdiction_slug, plan__slug=plan_slug, slug=commitment_slug)
    except Commitment.DoesNotExist:
        raise Http404 from None


def commitment_for_page(*, jurisdiction_slug: str, plan_slug: str, commitment_slug: str) -> Commitment:
    """The commitment with its plan and theme, for its page (one query). The lead institution and the
    previous version are shown only inside the page's cached fragment, so `CommitmentPage` reads them when
    that is rendered: a signed-in reader's page (never cached whole) does not join three more tables."""
    queryset = Commitment.objects.select_related("plan__jurisdiction", "theme")
    try:
        return queryset.get(plan__jurisdiction__slug=jurisdiction_slug, plan__slug=plan_slug, slug=commitment_slug)
    except Commitment.DoesNotExist:
        raise Http404 from None


def commitment_version(*, jurisdiction_slug: str, plan_slug: str, commitment_slug: str) -> str:
    """The version stamp of the commitment's page: its own and its plan's (404 when there is none)."""
    return version_stamp(
        f"SELECT c.updated_at, p.updated_at FROM {Commitment._meta.db_table} c "  # noqa: S608 (table names from the models; values are parameters)
        f"JOIN {ActionPlan._meta.db_table} p ON p.id = c.plan_id "
        f"JOIN {Jurisdiction._meta.db_table} j ON j.id = p.jurisdiction_id "
        "WHERE j.slug = %s AND p.slug = %s AND c.slug = %s",
        [jurisdiction_slug, plan_slug, commitment_slug],
    )


class CommitmentPage:
    """What a commitment's page shows, read only when the template asks (a cached page asks nothing).

    Each part is one query, whatever the number of milestones, updates or changes.
    """

    def __init__(self, commitment: Commitment) -> None:
        self.commitment = commitment

    @cached_property
    def lead_institution(self) -> Organisation | None:
        lead = self.commitment.lead_institution_id
        return None if lead is None else Organisation.objects.filter(pk=lead).first()

    @cached_property
    def previous_version(self) -> Commitment | None:
        previous = self.commitment.previous_version_id
        if previous is None:
            return None
        return Commitment.objects.select_related("plan__jurisdiction").filter(pk=previous).first()

    @cached_property
    def milestones(self) -> list[Milestone]:
        return list(self.commitment.milestones.order_by("order", "pk"))

    @cached_property
    def progress_updates(self) -> list[ProgressUpdate]:
        return list(self.commitment.progress_updates.order_by("-as_of", "-created_at", "-pk"))

    @cached_property
    def policy_areas(self) -> list[PolicyArea]:
        return list(self.commitment.policy_areas.all())

    @cached_property
    def supporting_institutions(self) -> list[Organisation]:
        return list(self.commitment.supporting_institutions.all())

    @cached_property
    def next_versions(self) -> list[Commitment]:
        return list(self.commitment.next_versions.select_related("plan__jurisdiction"))

    @cached_property
    def history(self) -> list[dict[str, Any]]:
        return timeline_for_commitment(self.commitment.pk)


def commitments_kept_by(user: Actor) -> QuerySet[Commitment]:
    """The commitments a user reports progress on: their organisation's, or their jurisdiction's."""
    grants = grants_for(user)
    queryset = Commitment.objects.select_related("plan__jurisdiction", "lead_institution").exclude(
        status=Commitment.Status.WITHDRAWN
    )
    if grants.superuser:
        return queryset.filter(plan__status="implementation")
    return queryset.filter(
        Q(lead_institution_id__in=grants.editor_of) | Q(plan__jurisdiction_id__in=grants.coordinator_of)
    ).order_by("plan__jurisdiction__name", "-plan__start_date", "order")


def commitments_of_organisation(organisation_id: int) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(Q(lead_institution_id=organisation_id) | Q(supporting_institutions=organisation_id))
        .filter(plan__published_at__isnull=False)
        .select_related("plan__jurisdiction", "lead_institution")
        .distinct()
        .order_by("-plan__start_date", "order")
    )
