"""What the commitments app adds: download files, the sitemap section, milestones due on the home
page, the commitments of an organisation on its page; cached pages follow renames in the directory."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet, Subquery, Window
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import can, grants_for
from samskap.commitments.models import Commitment, Milestone, PolicyArea, ProgressUpdate
from samskap.commitments.permissions import CommitmentAction
from samskap.commitments.selectors import commitments_kept_by, commitments_of_organisation
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import shown_name_changed
from samskap.kernel.registry import (
    Figure,
    Panel,
    SearchHit,
    SearchSource,
    Share,
    dashboard_figures,
    download_kinds,
    home_panels,
    organisation_panels,
    search_sources,
    sitemap_sections,
    work_items,
)
from samskap.kernel.search import first_found, follow_search_language, matching_stored
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Column, Kind, fields
from samskap.kernel.text import first_words
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


def _commitments(plan: ActionPlan | None) -> QuerySet[Commitment]:
    queryset = Commitment.objects.prefetch_related("policy_areas", "supporting_institutions")
    return queryset.filter(plan=plan) if plan else queryset.filter(plan__published_at__isnull=False)


def _names(items: Iterable[Any]) -> str:
    return "; ".join(sorted(str(item) for item in items))


def _ids(items: Iterable[Any]) -> str:
    return " ".join(str(item.pk) for item in sorted(items, key=lambda i: i.pk))


download_kinds.register(
    "policy_areas",
    Kind(
        "policy_areas",
        "Policy-area tags",
        fields(PolicyArea, ["id", "name", "slug"]),
        lambda plan: PolicyArea.objects.filter(commitments__plan=plan).distinct() if plan else PolicyArea.objects,
        position=50,
    ),
)

download_kinds.register(
    "commitments",
    Kind(
        "commitments",
        "Commitments, following OGP's commitment template",
        [
            *fields(Commitment, ["id", "plan", "theme", "identifier", "slug", "order", "title", "short_title"]),
            *fields(Commitment, ["problem", "description", "contribution", "relevance"]),
            *fields(
                Commitment,
                ["access_to_information", "civic_participation", "public_accountability", "technology_innovation"],
            ),
            Column("policy_areas", "Policy areas (names, separated by '; ')", lambda c: _names(c.policy_areas.all())),
            *fields(Commitment, ["start_date", "end_date", "lead_institution"]),
            Column(
                "supporting_institution_ids",
                "Supporting institutions (organisation ids, separated by spaces)",
                lambda c: _ids(c.supporting_institutions.all()),
            ),
            *fields(Commitment, ["other_actors", "contact_name", "contact_title", "contact_email", "contact_phone"]),
            *fields(Commitment, ["budget", "origin", "status", "completion", "previous_version"]),
            *fields(Commitment, ["updated_at", "created_at"]),
        ],
        _commitments,
        position=60,
    ),
)

download_kinds.register(
    "milestones",
    Kind(
        "milestones",
        "Milestones of the commitments",
        [
            *fields(Milestone, ["id", "commitment", "order", "activity", "start_date", "end_date", "status"]),
            Column("evidence_links", "Evidence links (separated by spaces)", lambda m: " ".join(m.evidence_links)),
            *fields(Milestone, ["updated_at"]),
        ],
        lambda plan: (
            Milestone.objects.filter(commitment__plan=plan)
            if plan
            else Milestone.objects.filter(commitment__plan__published_at__isnull=False)
        ),
        position=70,
    ),
)

download_kinds.register(
    "progress_updates",
    Kind(
        "progress_updates",
        "Dated progress reports",
        [
            *fields(ProgressUpdate, ["id", "commitment", "as_of", "completion", "narrative"]),
            Column("evidence_links", "Evidence links (separated by spaces)", lambda u: " ".join(u.evidence_links)),
            *fields(ProgressUpdate, ["author_name", "author_organisation", "created_at"]),
        ],
        lambda plan: (
            ProgressUpdate.objects.filter(commitment__plan=plan)
            if plan
            else ProgressUpdate.objects.filter(commitment__plan__published_at__isnull=False)
        ),
        position=80,
    ),
)


class Commitments(I18nSitemap):
    def items(self) -> QuerySet[Commitment]:
        return (
            Commitment.objects.filter(plan__published_at__isnull=False)
            .select_related("plan__jurisdiction")
            .order_by("pk")
        )

    def lastmod(self, item: Commitment) -> Any:
        return item.updated_at


sitemap_sections.register("commitments", Commitments)


def _milestones_due(request: HttpRequest | None, subject: Any) -> dict[str, Any]:
    today = timezone.localdate()
    upcoming = (
        Milestone.objects.filter(
            end_date__gte=today,
            end_date__lte=today + datetime.timedelta(days=90),
            commitment__plan__status="implementation",
            commitment__plan__published_at__isnull=False,
        )
        .exclude(status__in=[Milestone.Status.COMPLETED, Milestone.Status.CANCELLED])
        .select_related("commitment__plan__jurisdiction")
        .order_by("end_date")[:8]
    )
    return {"upcoming": upcoming}


def _organisation_commitments(request: HttpRequest | None, organisation: Any) -> dict[str, Any]:
    return {"organisation": organisation, "commitments": commitments_of_organisation(organisation.pk)}


home_panels.register("milestones_due", Panel("commitments/panels/home.html", _milestones_due, order=40))
organisation_panels.register(
    "commitments", Panel("commitments/panels/organisation.html", _organisation_commitments, order=10)
)


@receiver(post_save, sender=Jurisdiction, dispatch_uid="commitments.jurisdiction_language")
def _follow_language(sender: type, instance: Jurisdiction, created: bool, **kwargs: Any) -> None:
    """Commitments and milestones are searched with their government's language (`search_config`): a
    jurisdiction saved with another language (by a service, the admin, anything that saves it) re-stems
    theirs. A new one has none yet."""
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "default_language" not in update_fields):
        return
    language = instance.default_language
    follow_search_language(Commitment.objects.filter(plan__jurisdiction=instance), language)
    follow_search_language(Milestone.objects.filter(commitment__plan__jurisdiction=instance), language)


@receiver(shown_name_changed, dispatch_uid="commitments.directory_name_changed")
def _refresh_pages(sender: type, instance: Any, **kwargs: Any) -> None:
    """A renamed (or merged) jurisdiction or organisation shows on plan and commitment pages."""
    if sender is Organisation:
        commitments = Commitment.objects.filter(Q(lead_institution=instance) | Q(supporting_institutions=instance))
    elif sender is Jurisdiction:
        commitments = Commitment.objects.filter(plan__jurisdiction=instance)
    else:
        return
    now = timezone.now()
    ids = set(commitments.values_list("pk", flat=True))
    plan_ids = set(Commitment.objects.filter(pk__in=ids).values_list("plan_id", flat=True))
    if sender is Jurisdiction:
        plan_ids |= set(ActionPlan.objects.filter(jurisdiction=instance).values_list("pk", flat=True))
    Commitment.objects.filter(pk__in=ids).update(updated_at=now)
    ActionPlan.objects.filter(pk__in=plan_ids).update(updated_at=now)


def _scope(scope: Any) -> dict[str, Any]:
    """Filter arguments for a plan's or a jurisdiction's commitments (a jurisdiction's published plans only:
    the figures are shown on public dashboards)."""
    if isinstance(scope, ActionPlan):
        return {"plan": scope}
    return {"plan__jurisdiction": scope, "plan__published_at__isnull": False}


def _milestones_complete(scope: Any) -> Share:
    milestones = Milestone.objects.filter(**{f"commitment__{k}": v for k, v in _scope(scope).items()})
    milestones = milestones.exclude(status=Milestone.Status.CANCELLED)
    counts = milestones.aggregate(done=Count("pk", filter=Q(status=Milestone.Status.COMPLETED)), total=Count("pk"))
    return Share(counts["done"], counts["total"])  # one pass: the dashboards read it for 5,000 commitments


def _commitments_complete(scope: Any) -> Share:
    commitments = Commitment.objects.filter(**_scope(scope)).exclude(status=Commitment.Status.WITHDRAWN)
    counts = commitments.aggregate(done=Count("pk", filter=Q(completion="complete")), total=Count("pk"))
    return Share(counts["done"], counts["total"])


dashboard_figures.register(
    "milestones_complete",
    Figure(
        _("Milestones complete"),
        _milestones_complete,
        _("Completed milestones divided by all milestones that were not cancelled."),
    ),
)
dashboard_figures.register(
    "commitments_complete",
    Figure(
        _("Commitments complete"),
        _commitments_complete,
        _("Commitments whose completion is 'complete' divided by all commitments that were not withdrawn."),
    ),
)


#: How many plans' commitments (or commitments' milestones) the site search tries before all of them
#: (`kernel.search.first_found`): about a hundred rows in the bench's data.
FIRST_PLANS = 2
FIRST_COMMITMENTS = 20

#: The government of a commitment's plan, as a hit shows it (its address, name and language).
HIT_FIELDS = ("plan__jurisdiction__slug", "plan__jurisdiction__name", "plan__jurisdiction__default_language")


def _find_commitments(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    # Only what a hit shows: not the stored search text nor the other long texts of a commitment.
    items = (
        Commitment.objects.filter(plan__published_at__isnull=False)
        .select_related("plan__jurisdiction")
        .only(*HIT_FIELDS, "identifier", "title", "slug", "description", "problem", "plan__label", "plan__slug")
    )
    if jurisdiction is not None:
        items = items.filter(plan__jurisdiction=jurisdiction)
    found = matching_stored(items, query)
    # The commitments of the first plans in the hits' order: a common word fills the page among them.
    plans = (
        ActionPlan.objects.public()
        if jurisdiction is None
        else ActionPlan.objects.public().filter(jurisdiction=jurisdiction)
    )
    first_plans = plans.order_by("-start_date", "pk").values("pk")[:FIRST_PLANS]
    return [
        SearchHit(
            kind="commitments",
            title=f"{item.identifier} {item.title}",
            url=item.get_absolute_url(),
            snippet=first_words(item.description or item.problem, 30),
            context=f"{item.plan.jurisdiction.name} · {item.plan.label}",
            language=item.plan.jurisdiction.default_language,
        )
        for item in first_found(
            items, found, ("-plan__start_date", "plan_id", "order", "pk"), limit, first=Q(plan__in=first_plans)
        )
    ]


def _find_milestones(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    items = (
        Milestone.objects.filter(commitment__plan__published_at__isnull=False)
        .select_related("commitment__plan__jurisdiction")
        .only(
            "activity",
            "commitment__identifier",
            "commitment__title",
            "commitment__slug",
            "commitment__plan__slug",
            *(f"commitment__{name}" for name in HIT_FIELDS),
        )
    )
    if jurisdiction is not None:
        items = items.filter(commitment__plan__jurisdiction=jurisdiction)
    found = matching_stored(items, query)
    commitments = Commitment.objects.filter(plan__published_at__isnull=False)
    if jurisdiction is not None:
        commitments = commitments.filter(plan__jurisdiction=jurisdiction)
    # The milestones of the first commitments, as a range of commitment ids up to the last of them (an IN
    # of a subquery took the planner up to 8 ms); None when there are fewer: then everything is searched.
    last_first = Subquery(commitments.order_by("pk").values("pk")[FIRST_COMMITMENTS - 1 : FIRST_COMMITMENTS])
    return [
        SearchHit(
            kind="milestones",
            title=first_words(item.activity, 16),
            url=f"{item.commitment.get_absolute_url()}#milestones-heading",
            snippet="",
            context=f"{item.commitment.plan.jurisdiction.name} · {item.commitment.identifier} {item.commitment.title}",
            language=item.commitment.plan.jurisdiction.default_language,
        )
        for item in first_found(
            items, found, ("commitment_id", "order", "pk"), limit, first=Q(commitment_id__lte=last_first)
        )
    ]


search_sources.register("commitments", SearchSource(_("Commitments"), _find_commitments, order=20))
search_sources.register("milestones", SearchSource(_("Milestones"), _find_milestones, order=30))


#: My work lists this many commitments and overdue milestones and says how many there are in all: a
#: coordinator of a national plan keeps hundreds, and a page of hundreds of rows is slow and unreadable.
WORK_SHOWN = 25


def _work(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
    """My work: the commitments the user reports on and their milestones past the end date, not completed.
    Two queries whatever the number: the first rows of each, with the total counted alongside (a window)."""
    if request is None or not request.user.is_authenticated:
        return None
    user = request.user
    kept_by_user = commitments_kept_by(user)  # the same condition as the rule checked below
    # The stored search text is the largest column and nothing here shows it.
    rows = list(kept_by_user.defer("search_text").annotate(total=Window(Count("pk")))[:WORK_SHOWN])
    kept = [commitment for commitment in rows if can(user, CommitmentAction.REPORT_PROGRESS, commitment)]
    if not kept and not grants_for(user).is_editor:
        return None
    overdue = list(
        Milestone.objects.filter(commitment__in=kept_by_user.values("pk"), end_date__lt=timezone.localdate())
        .exclude(status__in=[Milestone.Status.COMPLETED, Milestone.Status.CANCELLED])
        .select_related("commitment__plan__jurisdiction")
        .defer("search_text", "commitment__search_text")
        .annotate(total=Window(Count("pk")))
        .order_by("end_date", "pk")[:WORK_SHOWN]
    )
    return {
        "commitments": kept,
        "commitments_total": rows[0].total if rows else 0,
        "overdue_milestones": overdue,
        "overdue_total": overdue[0].total if overdue else 0,
    }


work_items.register("commitments", Panel("commitments/panels/work.html", _work, order=20))
