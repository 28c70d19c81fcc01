"""Generate the benchmark dataset: 100 plans, 5,000 commitments, 25,000 milestones, 50,000 updates.

This is a benchmark fixture, not demo data: rows go in with bulk_create in batches and bypass the
services, which validate, snapshot and record history one object at a time and would take many
minutes. The rules the services keep are kept here by construction instead: a commitment's
completion is the level of its newest progress update, every period ends after it starts, slugs
are unique, and each object gets the "created" change record its page's timeline reads.

Deterministic: the same seed and scale give the same rows (timestamps are fixed, not "now").

Usage (on an empty database; it runs migrate first):
    DATABASE_URL=sqlite:///bench/bench.sqlite3 .venv/bin/python bench/generate.py
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
# A local fixture generator never needs a real secret key.
os.environ.setdefault("SAMSKAP_ALLOW_INSECURE_KEY", "1")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

from bench.submissions import add_submissions  # noqa: E402
from samskap.commitments.models import (  # noqa: E402
    COMPLETION_SCALE,
    Commitment,
    CompletionLevel,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)
from samskap.history.models import ChangeRecord  # noqa: E402
from samskap.jurisdictions.models import Jurisdiction  # noqa: E402
from samskap.kernel.search import StoredSearchText, refresh_search_text  # noqa: E402
from samskap.organisations.models import Organisation  # noqa: E402
from samskap.plans.models import ActionPlan, Theme  # noqa: E402

SEED = 20261122
BATCH = 1000
# "Today" for the generated world, so plan statuses and milestone states do not drift with the clock.
REFERENCE_DATE = datetime.date(2026, 11, 1)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Sizes:
    jurisdictions: int = 20
    plans_per_jurisdiction: int = 5
    organisations_per_jurisdiction: int = 10
    commitments: int = 5_000
    milestones: int = 25_000
    updates: int = 50_000
    # One consultation on each jurisdiction's first plan; the first has 1,000 published submissions
    # (the page the targets are set for), the others share the rest.
    submissions: int = 200_000

    def scaled(self, factor: float) -> "Sizes":
        """Smaller (or larger) dataset with the same shape: per-plan and per-commitment averages kept."""
        jurisdictions = max(1, round(self.jurisdictions * factor))
        plans = jurisdictions * self.plans_per_jurisdiction
        commitments = max(plans, round(self.commitments * factor))
        return Sizes(
            jurisdictions=jurisdictions,
            plans_per_jurisdiction=self.plans_per_jurisdiction,
            organisations_per_jurisdiction=self.organisations_per_jurisdiction,
            commitments=commitments,
            milestones=commitments * self.milestones // self.commitments,
            updates=commitments * self.updates // self.commitments,
            submissions=max(jurisdictions * 10, round(self.submissions * factor)),
        )


WORD_LIST = """
åpenhet innsyn medvirkning kommune departement forvaltning data tjeneste innbygger digital
rapport tilsyn anskaffelse budsjett klage register offentlig plan tiltak sivilsamfunn
frivillighet ungdom samråd høring vedtak statistikk kunngjøring rettighet arkiv lov forskrift
pilot veileder opplæring evaluering samarbeid nettverk partnerskap portal format lisens
gjenbruk tilgjengelig universell utforming klima helse skole transport bolig miljø korrupsjon
lobbyisme eierskap reelle rettighetshavere åpne data og i for med til som av på en et det de
skal vil kan gjennom mellom etter innen
"""
WORDS = WORD_LIST.split()
PERSON_LIST = """
Kari Nordmann
Ola Hansen
Ingrid Berg
Lars Johansen
Anne Larsen
Per Olsen
Sigrid Dahl
Mette Sørensen
Jens Nielsen
Kirsten Madsen
Henrik Pedersen
Line Kristensen
"""
PERSONS = PERSON_LIST.strip().splitlines()
POLICY_AREAS = [
    "Access to Information",
    "Anti-Corruption",
    "Beneficial Ownership",
    "Civic Space",
    "Climate and Environment",
    "Digital Governance",
    "Education",
    "Fiscal Openness",
    "Gender",
    "Health",
    "Lobbying",
    "Local Government",
    "Open Contracting",
    "Open Data",
    "Public Participation",
    "Public Service Delivery",
    "Regulatory Governance",
    "Right to Information",
    "Youth",
]
ALPHA_2 = {"NOR": "NO", "DNK": "DK"}  # OGP identifiers start with the two-letter country code
ORGANISATION_TYPES = [
    Organisation.Type.MINISTRY,
    Organisation.Type.AGENCY,
    Organisation.Type.AGENCY,
    Organisation.Type.MUNICIPALITY,
    Organisation.Type.COUNTY,
    Organisation.Type.CIVIL_SOCIETY,
    Organisation.Type.ACADEMIA,
    Organisation.Type.OTHER,
]


class Text:
    """Cheap, deterministic filler prose: a pool of sentences, combined into paragraphs."""

    def __init__(self, rng: random.Random, pool: int = 800) -> None:
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(pool)]

    def _sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(8, 22))
        return " ".join(words).capitalize() + "."

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high))).capitalize()

    def paragraphs(self, count: int, sentences: tuple[int, int] = (3, 7)) -> str:
        return "\n\n".join(
            " ".join(self.rng.choices(self.sentences, k=self.rng.randint(*sentences))) for _ in range(count)
        )


def spread(rng: random.Random, total: int, parts: int, jitter: int) -> list[int]:
    """`parts` counts (each at least 1) that add up to exactly `total`, each within ±jitter of the mean.

    Counts are moved in pairs (one up, its neighbour down by as much), so the total holds while the
    pages still see realistic variety.
    """
    base, rest = divmod(total, parts)
    counts = [base + (1 if i < rest else 0) for i in range(parts)]
    for i in range(0, parts - 1, 2):
        shift = rng.randint(0, max(0, min(jitter, counts[i + 1] - 1)))
        counts[i] += shift
        counts[i + 1] -= shift
    rng.shuffle(counts)
    return counts


def at(day: datetime.date, minute: int = 0) -> datetime.datetime:
    """A fixed, timezone-aware timestamp on a day (noon UTC, plus minutes to keep an order)."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC) + datetime.timedelta(minutes=minute)


def insert(model: type[M], objects: Sequence[M]) -> list[M]:
    """bulk_create in batches; the backends used (SQLite ≥ 3.35, PostgreSQL) return the new keys."""
    if issubclass(model, StoredSearchText):
        refresh_search_text(objects)  # type: ignore[arg-type]  # bulk_create bypasses save()
    return model._default_manager.bulk_create(objects, batch_size=BATCH)


def created_record(
    content_type: ContentType,
    instance: models.Model,
    *,
    plan_id: int,
    commitment_id: int | None,
    changes: dict[str, Any],
    when: datetime.datetime,
    actor_name: str,
    representation: str | None = None,
) -> ChangeRecord:
    return ChangeRecord(
        content_type=content_type,
        object_id=instance.pk,
        object_repr=(representation or str(instance))[:300],
        plan_id=plan_id,
        commitment_id=commitment_id,
        action=ChangeRecord.Action.CREATED,
        changes={name: {"old": None, "new": value} for name, value in changes.items()},
        actor_name=actor_name,
        created_at=when,
    )


def final_level(rng: random.Random, plan_status: str) -> str:
    if plan_status == ActionPlan.Status.COMPLETED:
        levels = [
            CompletionLevel.COMPLETE,
            CompletionLevel.SUBSTANTIAL,
            CompletionLevel.LIMITED,
            CompletionLevel.NOT_STARTED,
            CompletionLevel.WITHDRAWN,
            CompletionLevel.UNCLEAR,
        ]
        weights = [45, 30, 14, 3, 5, 3]
    else:
        levels = [
            CompletionLevel.NOT_STARTED,
            CompletionLevel.LIMITED,
            CompletionLevel.SUBSTANTIAL,
            CompletionLevel.COMPLETE,
            CompletionLevel.NO_EVIDENCE,
        ]
        weights = [10, 40, 30, 15, 5]
    return str(rng.choices(levels, weights=weights)[0])


def level_sequence(final: str, count: int) -> list[str]:
    """Levels of a commitment's updates, oldest first: rising along the scale, ending at `final`."""
    on_scale = final in COMPLETION_SCALE
    top = COMPLETION_SCALE.index(final) if on_scale else 1
    levels = [str(COMPLETION_SCALE[top * (i + 1) // count]) for i in range(count)]
    levels[-1] = final
    return levels


def milestone_status(plan_status: str, start: datetime.date, end: datetime.date, rng: random.Random) -> str:
    if plan_status == ActionPlan.Status.COMPLETED or end < REFERENCE_DATE:
        return str(
            rng.choices(
                [Milestone.Status.COMPLETED, Milestone.Status.DELAYED, Milestone.Status.CANCELLED], weights=[80, 12, 8]
            )[0]
        )
    if start > REFERENCE_DATE:
        return str(Milestone.Status.NOT_STARTED)
    return str(rng.choices([Milestone.Status.ON_TRACK, Milestone.Status.DELAYED], weights=[75, 25])[0])


def generate(sizes: Sizes | None = None, seed: int = SEED) -> dict[str, int]:
    """Fill an empty database; returns the number of rows of each kind."""
    sizes = sizes or Sizes()
    rng = random.Random(seed)
    text = Text(rng)
    content_types = {
        model: ContentType.objects.get_for_model(model)
        for model in (ActionPlan, Theme, Commitment, Milestone, ProgressUpdate)
    }
    records: list[ChangeRecord] = []

    # Jurisdictions: two countries, the rest local governments under them (a local one needs a parent).
    countries = [
        ("Norge", "norge", "NOR", "Europe/Oslo", "nb"),
        ("Danmark", "danmark", "DNK", "Europe/Copenhagen", "da"),
    ]
    national = insert(
        Jurisdiction,
        [
            Jurisdiction(
                name=name,
                slug=slug,
                kind=Jurisdiction.Kind.NATIONAL,
                country_code=code,
                time_zone=zone,
                default_language=language,
                contact_name=rng.choice(PERSONS),
                contact_email=f"ogp@{slug}.example",
                description=text.paragraphs(1),
            )
            for name, slug, code, zone, language in countries[: min(2, sizes.jurisdictions)]
        ],
    )
    local_kinds = [Jurisdiction.Kind.MUNICIPALITY, Jurisdiction.Kind.COUNTY, Jurisdiction.Kind.REGION]
    local = insert(
        Jurisdiction,
        [
            Jurisdiction(
                name=f"Benchkommune {n:02d}",
                slug=f"benchkommune-{n:02d}",
                kind=local_kinds[n % len(local_kinds)],
                parent=national[n % len(national)],
                country_code=national[n % len(national)].country_code,
                time_zone=national[n % len(national)].time_zone,
                default_language=national[n % len(national)].default_language,
                contact_name=rng.choice(PERSONS),
                contact_email=f"post@benchkommune-{n:02d}.example",
                description=text.paragraphs(1),
            )
            for n in range(1, sizes.jurisdictions - len(national) + 1)
        ],
    )
    jurisdictions = national + local

    organisations = insert(
        Organisation,
        [
            Organisation(
                name=f"{place.name} {kind.value.replace('_', ' ')} {n:02d}",
                slug=f"{place.slug}-org-{n:02d}",
                type=kind,
                jurisdiction=place,
                website=f"https://{place.slug}-org-{n:02d}.example",
                description=text.paragraphs(1),
            )
            for place in jurisdictions
            for n in range(1, sizes.organisations_per_jurisdiction + 1)
            for kind in [ORGANISATION_TYPES[n % len(ORGANISATION_TYPES)]]
        ],
    )
    organisations_of: dict[int, list[Organisation]] = {}
    for organisation in organisations:
        organisations_of.setdefault(organisation.jurisdiction_id, []).append(organisation)
    for place in jurisdictions:
        place.coordinating_organisation = organisations_of[place.pk][0]
    Jurisdiction.objects.bulk_update(jurisdictions, ["coordinating_organisation"])

    existing = set(PolicyArea.objects.values_list("name", flat=True))
    insert(
        PolicyArea,
        [PolicyArea(name=name, slug=name.lower().replace(" ", "-")) for name in POLICY_AREAS if name not in existing],
    )
    policy_areas = list(PolicyArea.objects.order_by("pk"))

    # Plans: the newest of each jurisdiction is being implemented, the older ones are completed.
    plans = insert(
        ActionPlan,
        [
            ActionPlan(
                jurisdiction=place,
                label=str(k),
                slug=f"plan-{k}",
                title=f"{place.name}: handlingsplan {k} for åpenhet ({2015 + 2 * k}\u2013{2017 + 2 * k})",
                summary=text.paragraphs(2),
                start_date=datetime.date(2015 + 2 * k, 9, 1),
                end_date=datetime.date(2017 + 2 * k, 8, 31),
                status=(
                    ActionPlan.Status.IMPLEMENTATION
                    if k == sizes.plans_per_jurisdiction
                    else ActionPlan.Status.COMPLETED
                ),
                created_at=at(datetime.date(2015 + 2 * k, 3, 1)),
                published_at=at(datetime.date(2015 + 2 * k, 6, 1)),
                updated_at=at(min(REFERENCE_DATE, datetime.date(2017 + 2 * k, 9, 1))),
            )
            for place in jurisdictions
            for k in range(1, sizes.plans_per_jurisdiction + 1)
        ],
    )
    themes = insert(
        Theme,
        [
            Theme(plan=plan, order=order, title=text.words(2, 5), description=text.paragraphs(1))
            for plan in plans
            for order in range(1, rng.randint(3, 5) + 1)
        ],
    )
    themes_of: dict[int, list[Theme]] = {}
    for theme in themes:
        themes_of.setdefault(theme.plan_id, []).append(theme)
    for plan in plans:
        records.append(
            created_record(
                content_types[ActionPlan],
                plan,
                plan_id=plan.pk,
                commitment_id=None,
                changes={"label": plan.label, "title": plan.title, "status": plan.status},
                when=plan.created_at,
                actor_name=rng.choice(PERSONS),
            )
        )
    for theme in themes:
        records.append(
            created_record(
                content_types[Theme],
                theme,
                plan_id=theme.plan_id,
                commitment_id=None,
                changes={"title": theme.title, "order": theme.order},
                when=theme.plan.created_at,
                actor_name=rng.choice(PERSONS),
            )
        )

    # Commitments: about 50 a plan, grouped in blocks under the plan's themes (a few without one).
    per_plan = spread(rng, sizes.commitments, len(plans), jitter=20)
    commitments: list[Commitment] = []
    sequence = 0
    for plan, count in zip(plans, per_plan, strict=True):
        plan_themes = themes_of[plan.pk]
        place = plan.jurisdiction
        for order in range(1, count + 1):
            sequence += 1
            identifier = f"{ALPHA_2.get(place.country_code, place.country_code[:2])}{sequence:04d}"
            block = plan_themes[(order - 1) * len(plan_themes) // count] if rng.random() > 0.03 else None
            start = plan.start_date + datetime.timedelta(days=rng.randint(0, 90))
            end = plan.end_date - datetime.timedelta(days=rng.randint(0, 60))
            lead = rng.choice(organisations_of[place.pk])
            commitments.append(
                Commitment(
                    plan=plan,
                    theme=block,
                    identifier=identifier,
                    slug=identifier.lower(),
                    order=order,
                    title=text.words(8, 16),
                    short_title=text.words(3, 5),
                    problem=text.paragraphs(2),
                    description=text.paragraphs(3),
                    contribution=text.paragraphs(2),
                    relevance=text.paragraphs(1),
                    access_to_information=rng.random() < 0.6,
                    civic_participation=rng.random() < 0.5,
                    public_accountability=rng.random() < 0.4,
                    technology_innovation=rng.random() < 0.3,
                    start_date=start,
                    end_date=end,
                    lead_institution=lead,
                    other_actors="\n".join(text.words(2, 4) for _ in range(rng.randint(0, 3))),
                    contact_name=rng.choice(PERSONS),
                    contact_title=text.words(2, 4),
                    contact_email=f"kontakt{sequence}@{lead.slug}.example",
                    contact_phone=f"+47 {rng.randint(20000000, 99999999)}",
                    budget=f"NOK {rng.randint(1, 90) * 100_000:,}".replace(",", " "),
                    origin=rng.choices(list(Commitment.Origin), weights=[70, 30])[0],
                    status=Commitment.Status.INCLUDED,
                    created_at=plan.created_at,
                    updated_at=plan.updated_at,
                )
            )

    # Progress updates are planned before the commitments are saved, so that each commitment's
    # completion (normally set by the progress service) can be the newest update's level.
    per_commitment_updates = spread(rng, sizes.updates, len(commitments), jitter=6)
    planned_updates: list[list[tuple[datetime.date, str]]] = []
    for commitment, count in zip(commitments, per_commitment_updates, strict=True):
        assert commitment.start_date is not None
        assert commitment.end_date is not None
        first = commitment.start_date + datetime.timedelta(days=30)
        last = min(commitment.end_date, REFERENCE_DATE)
        span = max((last - first).days, count)  # at least a day apart: the newest one is unambiguous
        levels = level_sequence(final_level(rng, commitment.plan.status), count)
        dates = [first + datetime.timedelta(days=span * (i + 1) // count) for i in range(count)]
        planned_updates.append(list(zip(dates, levels, strict=True)))
        commitment.completion = levels[-1]
        if levels[-1] == CompletionLevel.WITHDRAWN:
            commitment.status = Commitment.Status.WITHDRAWN
    commitments = insert(Commitment, commitments)

    Commitment.policy_areas.through.objects.bulk_create(
        [
            Commitment.policy_areas.through(commitment_id=commitment.pk, policyarea_id=area.pk)
            for commitment in commitments
            for area in rng.sample(policy_areas, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    Commitment.supporting_institutions.through.objects.bulk_create(
        [
            Commitment.supporting_institutions.through(commitment_id=commitment.pk, organisation_id=supporter.pk)
            for commitment in commitments
            for supporter in rng.sample(
                [
                    o
                    for o in organisations_of[commitment.plan.jurisdiction_id]
                    if o.pk != commitment.lead_institution_id
                ],
                rng.randint(0, 2),
            )
        ],
        batch_size=BATCH,
    )
    for commitment in commitments:
        records.append(
            created_record(
                content_types[Commitment],
                commitment,
                plan_id=commitment.plan_id,
                commitment_id=commitment.pk,
                changes={
                    "identifier": commitment.identifier,
                    "title": commitment.title,
                    "status": commitment.status,
                    "lead_institution": str(commitment.lead_institution),
                },
                when=commitment.created_at,
                actor_name=rng.choice(PERSONS),
            )
        )

    # Milestones: about 5 a commitment, each in its own slice of the commitment's period.
    per_commitment_milestones = spread(rng, sizes.milestones, len(commitments), jitter=3)
    milestones: list[Milestone] = []
    for commitment, count in zip(commitments, per_commitment_milestones, strict=True):
        assert commitment.start_date is not None
        assert commitment.end_date is not None
        span = (commitment.end_date - commitment.start_date).days
        for order in range(1, count + 1):
            start = commitment.start_date + datetime.timedelta(days=span * (order - 1) // count)
            end = commitment.start_date + datetime.timedelta(days=span * order // count)
            milestones.append(
                Milestone(
                    commitment=commitment,
                    order=order,
                    activity=text.paragraphs(1, sentences=(1, 3)),
                    start_date=start,
                    end_date=end,
                    status=milestone_status(commitment.plan.status, start, end, rng),
                    evidence_links=[
                        f"https://{commitment.lead_institution.slug if commitment.lead_institution else 'x'}.example/"
                        f"{commitment.slug}/{order}/{n}"
                        for n in range(rng.randint(0, 2))
                    ],
                    updated_at=at(min(end, REFERENCE_DATE)),
                )
            )
    milestones = insert(Milestone, milestones)
    for milestone in milestones:
        records.append(
            created_record(
                content_types[Milestone],
                milestone,
                plan_id=milestone.commitment.plan_id,
                commitment_id=milestone.commitment_id,
                changes={"activity": milestone.activity, "order": milestone.order, "status": milestone.status},
                when=milestone.commitment.created_at,
                actor_name=rng.choice(PERSONS),
            )
        )
    del milestones

    updates: list[ProgressUpdate] = []
    for commitment, planned in zip(commitments, planned_updates, strict=True):
        lead_name = str(commitment.lead_institution or "")
        for index, (as_of, level) in enumerate(planned):
            updates.append(
                ProgressUpdate(
                    commitment=commitment,
                    as_of=as_of,
                    completion=level,
                    narrative=text.paragraphs(rng.randint(1, 2)),
                    evidence_links=[f"https://rapport.example/{commitment.slug}/{index}"] if rng.random() < 0.4 else [],
                    author_name=rng.choice(PERSONS),
                    author_organisation=lead_name,
                    created_at=at(as_of, index),
                )
            )
    updates = insert(ProgressUpdate, updates)
    # str(update) looks the label up through gettext; once per level is enough for 50,000 rows.
    labels = {str(level): str(level.label) for level in CompletionLevel}
    for update in updates:
        records.append(
            created_record(
                content_types[ProgressUpdate],
                update,
                plan_id=update.commitment.plan_id,
                commitment_id=update.commitment_id,
                changes={"as_of": str(update.as_of), "completion": update.completion, "narrative": update.narrative},
                when=update.created_at,
                actor_name=update.author_name,
                representation=f"{update.commitment.identifier} {update.as_of}: {labels[update.completion]}",
            )
        )
    del updates
    insert(ChangeRecord, records)
    submissions = add_consultations(rng, plans, sizes.submissions)
    forums, meetings, proposals = add_forums_and_proposals(rng, plans, organisations, text)
    documents, versions = add_documents_versions_and_revisions(rng, plans, text)

    return {
        "jurisdictions": len(jurisdictions),
        "organisations": len(organisations),
        "plans": len(plans),
        "themes": len(themes),
        "commitments": len(commitments),
        "milestones": sum(per_commitment_milestones),
        "progress_updates": sum(per_commitment_updates),
        "change_records": len(records),
        "submissions": submissions,
        "forums": forums,
        "meetings": meetings,
        "proposals": proposals,
        "evidence_documents": documents,
        "published_versions": versions,
    }


def add_consultations(rng: random.Random, plans: list[ActionPlan], total: int) -> int:
    """A consultation on each jurisdiction's first plan, with published submissions, half answered."""
    from samskap.consultations.models import Consultation, Outcome, Response

    firsts: dict[int, ActionPlan] = {}
    for plan in plans:
        firsts.setdefault(plan.jurisdiction_id, plan)
    start = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    first_size = min(1_000, total)
    rest = spread(rng, total - first_size, max(1, len(firsts) - 1), 0) if len(firsts) > 1 else []
    sizes = [first_size, *rest]
    number = 0
    for plan, size in zip(firsts.values(), sizes, strict=False):
        consultation = Consultation.objects.create(
            jurisdiction_id=plan.jurisdiction_id,
            plan=plan,
            slug=f"innspill-{plan.slug}",
            title=f"Innspill til {plan.title}",
            body="Send oss forslag til tiltak i handlingsplanen.",
            opens_at=start,
            closes_at=start + datetime.timedelta(days=45),
        )
        responses = [
            Response.objects.create(consultation=consultation, outcome=rng.choice(Outcome.values), reason="Begrunnelse")
            for _ in range(50)
        ]
        number += add_submissions(consultation, size, rng, responses, start=start, first=number)
    return number


def add_forums_and_proposals(
    rng: random.Random, plans: list[ActionPlan], organisations: list[Organisation], text: Text
) -> tuple[int, int, int]:
    """A stakeholder forum for each jurisdiction with a plan, with `MEETINGS_PER_FORUM` meetings (past and
    coming, open and by invitation) about its plans, and a proposal round on each jurisdiction's first plan
    with `PROPOSALS_PER_ROUND` proposals, none a draft (what the forum and proposal pages show)."""
    from samskap.forum.models import Forum, Meeting
    from samskap.proposals.models import Proposal, Round

    by_place: dict[int, list[ActionPlan]] = {}
    for plan in plans:
        by_place.setdefault(plan.jurisdiction_id, []).append(plan)
    places = {o.jurisdiction_id: o.jurisdiction for o in organisations}
    forums = insert(
        Forum,
        [
            Forum(jurisdiction_id=place, name=f"Interessentforum {places[place].name}", mandate=text.paragraphs(1))
            for place in by_place
        ],
    )
    now = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=datetime.UTC)
    meetings = []
    for forum in forums:
        for n in range(MEETINGS_PER_FORUM):
            starts = now + datetime.timedelta(days=30 * (n - MEETINGS_PER_FORUM // 2))
            meetings.append(
                Meeting(
                    forum=forum,
                    plan=rng.choice(by_place[forum.jurisdiction_id]),
                    title=f"Forummøte {n + 1}",
                    slug=f"mote-{n + 1}",
                    description=text.paragraphs(2),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    registration_closes_at=starts - datetime.timedelta(days=1),
                    address="Akersgata 59, Oslo",
                    access=Meeting.Access.OPEN if n % 3 else Meeting.Access.INVITATION,
                    capacity=40,
                )
            )
    insert(Meeting, meetings)
    statuses = [status for status in Proposal.Status.values if status not in ("draft", "merged", "not_taken_up")]
    rounds = insert(
        Round,
        [
            Round(plan=place_plans[0], title=f"Forslag til {place_plans[0].title}"[:300], closes_at=now)
            for place_plans in by_place.values()
        ],
    )
    by_jurisdiction: dict[int, list[Organisation]] = {}
    for o in organisations:
        by_jurisdiction.setdefault(o.jurisdiction_id, []).append(o)
    proposals = [
        Proposal(
            plan=round_.plan,
            round=round_,
            title=f"Forslag {n + 1}: {text.words(4, 9)}"[:500],
            problem=text.paragraphs(1),
            description=text.paragraphs(2),
            access_to_information=rng.random() < 0.5,
            sender_type=rng.choice(Proposal.SenderType.values),
            author_name=f"Avsender {n + 1}",
            email=f"forslag-{round_.pk}-{n}@example.org",
            organisation=rng.choice(by_jurisdiction[round_.plan.jurisdiction_id]),
            status=rng.choice(statuses),
            submitted_at=now - datetime.timedelta(days=n % 40),
            confirmed_at=now - datetime.timedelta(days=n % 40),
            sent_at=now - datetime.timedelta(days=n % 40),
        )
        for round_ in rounds
        for n in range(PROPOSALS_PER_ROUND)
    ]
    insert(Proposal, proposals)
    return len(forums), len(meetings), len(proposals)


def add_documents_versions_and_revisions(rng: random.Random, plans: list[ActionPlan], text: Text) -> tuple[int, int]:
    """What the evidence repository, the comparisons and the published versions show: `DOCUMENTS_PER_PLAN`
    linked documents on each plan, each government's second plan as a revision of its first (its
    comparison page), and the first `PUBLISHED_PLANS` plans frozen as published version 1 (HTML, PDF and
    DOCX, as a coordinator publishes them)."""
    from samskap.evidence.models import Document, DocumentKind
    from samskap.publication.services import publish_new_version

    kinds = [kind for kind in DocumentKind.values if kind != DocumentKind.OTHER]
    documents = insert(
        Document,
        [
            Document(
                jurisdiction_id=plan.jurisdiction_id,
                plan=plan,
                kind=rng.choice(kinds),
                title=f"{text.words(3, 7)} ({plan.label})"[:300],
                description=text.paragraphs(1),
                date=plan.start_date + datetime.timedelta(days=30 * n),
                language="nb",
                url=f"https://example.org/dokumenter/{plan.pk}-{n}.pdf",
            )
            for plan in plans
            for n in range(DOCUMENTS_PER_PLAN)
        ],
    )
    by_place: dict[int, list[ActionPlan]] = {}
    for plan in plans:
        by_place.setdefault(plan.jurisdiction_id, []).append(plan)
    for first, second, *_rest in (place_plans for place_plans in by_place.values() if len(place_plans) > 1):
        ActionPlan.objects.filter(pk=second.pk).update(revises=first)
    published = list(ActionPlan.objects.public().select_related("jurisdiction").order_by("pk")[:PUBLISHED_PLANS])
    for plan in published:
        publish_new_version(actor=None, plan=plan)
    return len(documents), len(published)


MEETINGS_PER_FORUM = 10
DOCUMENTS_PER_PLAN = 4
PUBLISHED_PLANS = 1
PROPOSALS_PER_ROUND = 25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="dataset size factor (1 = 100 plans)")
    args = parser.parse_args(argv)

    # 80,000 rows in the developer's db.sqlite3 would be unwelcome: insist on an explicit database.
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to the benchmark database, e.g. sqlite:///bench/bench.sqlite3", file=sys.stderr)
        return 2
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    if ActionPlan.objects.exists() or Jurisdiction.objects.exists() or Organisation.objects.exists():
        print("The database is not empty; the generator only fills an empty one.", file=sys.stderr)
        return 2
    migrated = time.monotonic()
    with transaction.atomic():
        counts = generate(Sizes().scaled(args.scale), seed=args.seed)
    # Fresh tables have no planner statistics; production databases would (autovacuum, ANALYZE).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done = time.monotonic()
    summary = ", ".join(f"{count:,} {name.replace('_', ' ')}" for name, count in counts.items())
    print(f"Generated {summary} in {done - migrated:.1f} s (migrate {migrated - started:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
