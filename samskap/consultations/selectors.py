"""Reads for consultation pages: lists by state, published submissions with filters and search, totals."""

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, IntegerField, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from samskap.consultations.models import Consultation, Document, Outcome, Section, Submission
from samskap.consultations.public import listed_submissions
from samskap.consultations.text import CONFIGS, search_words
from samskap.kernel import versions
from samskap.kernel.search import newest_matching, planned_for_each_query

PAGE_SIZE = 50
MANAGE_PAGE_SIZE = 200
#: The furthest page an address may ask for: past it (?page=99999999999999999999) the list is empty, not a
#: database error (SQLite and PostgreSQL both refuse an offset that big).
MAX_PAGE = 100_000
#: How long a consultation page's counts are kept (a newer data version replaces them at once anyway).
PAGE_COUNTS_KEPT = 24 * 3600


def small_id(value: str) -> int | None:
    """An id from the query string, or None: ASCII digits only ("²" is a digit to `isdigit`, not to
    `int`) and short enough for any database's integer."""
    value = str(value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


def page_number(value: str) -> int:
    """A page number from the query string: 1 for anything that is not a number, at most MAX_PAGE."""
    value = str(value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return 1
    return MAX_PAGE if len(value) > 6 else min(max(int(value), 1), MAX_PAGE)


def consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("jurisdiction", "plan")


def open_now(limit: int = 8) -> list[Consultation]:
    now = timezone.now()
    return list(consultations().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")[:limit])


def get_consultation(*, jurisdiction_slug: str, slug: str) -> Consultation:
    try:
        consultation = consultations().get(jurisdiction__slug=jurisdiction_slug, slug=slug)
    except Consultation.DoesNotExist:
        raise Http404 from None
    if consultation.plan is not None and consultation.plan.jurisdiction_id == consultation.jurisdiction_id:
        # A link to the plan names its government: the one already read, not a query of its own.
        consultation.plan.jurisdiction = consultation.jurisdiction
    return consultation


@dataclass(frozen=True)
class Totals:
    received: int
    answered: int
    taken_up: int
    partly: int

    @property
    def unanswered(self) -> int:
        return self.received - self.answered

    def _percent(self, count: int) -> int:
        return round(100 * count / self.received) if self.received else 0

    @property
    def answered_percent(self) -> int:
        return self._percent(self.answered)

    @property
    def taken_up_percent(self) -> int:
        return self._percent(self.taken_up)

    @property
    def partly_percent(self) -> int:
        return self._percent(self.partly)


def totals(consultation: Consultation) -> Totals:
    """Counted over the confirmed submissions (published or not, hidden included): the public's input."""
    received = Submission.objects.filter(consultation=consultation).exclude(status=Submission.Status.UNCONFIRMED)
    counts = received.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(response__isnull=False)),
        taken_up=Count("pk", filter=Q(response__outcome=Outcome.TAKEN_UP)),
        partly=Count("pk", filter=Q(response__outcome=Outcome.PARTLY)),
    )
    return Totals(**counts)


def _outcome_rows(consultation: Consultation) -> dict[str, int]:
    return dict(
        Submission.objects.filter(consultation=consultation, response__isnull=False)
        .exclude(status=Submission.Status.UNCONFIRMED)
        .values_list("response__outcome")
        .annotate(n=Count("pk"))
        .values_list("response__outcome", "n")
    )


def _outcome_list(rows: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, str(label), rows.get(value, 0)) for value, label in Outcome.choices]


def outcome_counts(consultation: Consultation) -> list[tuple[str, str, int]]:
    return _outcome_list(_outcome_rows(consultation))


@dataclass
class PageCounts:
    """What a consultation's page shows of its data: the counts over its submissions (10,000 at the
    benchmark's scale), its sections with their published comments, and its documents."""

    totals: Totals
    outcomes: list[tuple[str, str, int]]
    comments: dict[int, list[Submission]]  # the published comments on each section, by section id
    sections: list[Section]  # in order, each with `comments`
    documents: list[Document]
    version: str  # of the consultations' data: what the page's cached fragment of them is kept under


def page_counts(consultation: Consultation) -> PageCounts:
    """The consultation page's counts, sections, section comments and documents, kept in the cache under
    the version of the consultations' data (`kernel.versions`: every write bumps it), so that a signed-in
    reader, who gets no cached page, does not count the submissions again: one indexed query instead of
    five (three of them over the submissions)."""
    version = versions.stamp(["consultations"])
    key = f"consultations:page-counts2:{consultation.pk}:{version}"
    found = cache.get(key)
    if found is None:
        comments: dict[int, list[Submission]] = {}
        for comment in published(consultation).filter(section__isnull=False):
            comments.setdefault(comment.section_id or 0, []).append(comment)
        sections = list(consultation.sections.all())
        documents = list(consultation.documents.all())
        found = (totals(consultation), _outcome_rows(consultation), comments, sections, documents)
        cache.set(key, found, PAGE_COUNTS_KEPT)
    counted, outcomes, comments, sections, documents = found
    for comment in (comment for shown in comments.values() for comment in shown):
        # Its address needs the consultation and its government: this request's (a renamed government's
        # new slug), and no query per comment.
        comment.consultation = consultation
    for section in sections:
        section.comments = comments.get(section.pk, [])
    # The outcomes' labels in the reader's language.
    return PageCounts(counted, _outcome_list(outcomes), comments, sections, documents, version)


def published(consultation: Consultation) -> QuerySet[Submission]:
    """The consultation's public list (`public.listed_submissions`: published, and placeholders for hidden)."""
    return (
        listed_submissions()
        .filter(consultation=consultation)
        .select_related("response", "section")
        .order_by("submitted_at", "pk")
    )


def search(queryset: QuerySet[Submission], query: str, config: str) -> QuerySet[Submission]:
    """Full-text search: PostgreSQL's stemmers (danish, norwegian, ...) over the stored, indexed
    `search_vector` column of migration 0004; on SQLite, stemmed words matched at the start of a
    stored word."""
    query = query.replace("\x00", "").strip()[:200]
    if not query:
        return queryset
    # A hidden submission is listed as a placeholder but never found by the words it contains.
    queryset = queryset.exclude(status=Submission.Status.HIDDEN)
    if connection.vendor == "postgresql":
        matches = RawSQL(
            "consultations_submission.search_vector @@ plainto_tsquery(%s::regconfig, %s)",
            [config, query],
            output_field=BooleanField(),
        )
        return queryset.filter(search_config=config).filter(matches)
    for word in search_words(query)[:10]:
        queryset = queryset.filter(search_text__contains=f" {word}")
    return queryset


def newest_found(
    queryset: QuerySet[Submission], query: str, limit: int, *, consultation_ids: list[int] | None = None
) -> list[Submission]:
    """The site search's submissions: the newest (by arrival) `limit` of `queryset` that match `query`, each
    by its own language's stemmer, in one query that stops early: on SQLite a walk of the FTS5 index
    (migration 0007), on PostgreSQL a walk of the primary key filtered by the stored vectors, or, for a rare
    word, the vectors' GIN index and a sort of the few rows it finds (the planner chooses).
    `consultation_ids`, when given, limits it to those consultations (one government's)."""
    query = query.replace("\x00", "").strip()[:200]
    words = search_words(query)[:10]
    if not words:
        return []
    # A hidden submission is listed as a placeholder but never found by the words it contains.
    queryset = queryset.exclude(status=Submission.Status.HIDDEN)
    if consultation_ids is not None:
        if not consultation_ids:
            return []
        queryset = queryset.filter(consultation_id__in=consultation_ids)
    if connection.vendor == "postgresql":
        # Each row by its own stemmer: one condition per configuration, ORed (the partial GIN index of each
        # configuration serves its branch), written as one expression rather than eight the ORM builds and
        # compiles anew for every search.
        configs = sorted({*CONFIGS.values(), "simple"})
        branch = (
            "(consultations_submission.search_config = %s"
            " AND consultations_submission.search_vector @@ plainto_tsquery(%s::regconfig, %s))"
        )
        params = [value for config in configs for value in (config, config, query)]
        matches = RawSQL("(" + " OR ".join([branch] * len(configs)) + ")", params, output_field=BooleanField())  # noqa: S611
        return _newest_on_postgresql(queryset.filter(matches), limit)
    scopes = None if consultation_ids is None else [f"c{pk}" for pk in consultation_ids]
    return list(newest_matching(queryset, words, limit, scopes=scopes).order_by("-pk")[:limit])


#: How many of the newest submissions PostgreSQL walks (checking their stored vectors) before it asks the
#: vectors' index instead: a word in one of 180 or more is found within it.
RECENT = 2000


def _newest_on_postgresql(found: QuerySet[Submission], limit: int) -> list[Submission]:
    """The newest `limit` of `found`. The planner cannot tell a word in 166,000 submissions from one in none
    (without statistics on the word it guesses 0.5 %), so it would walk the primary key through all 200,000
    rows for a rare word. Instead: the newest `RECENT` rows first (a bounded walk: common words end here),
    then, only if that found too few, the older ones through the GIN index, sorted (few rows: a rare word)."""
    newest = Subquery(Submission.objects.order_by("-pk").values("pk")[:1])
    boundary = ExpressionWrapper(newest - RECENT, output_field=IntegerField())
    recent = list(found.filter(pk__gt=boundary).order_by("-pk")[:limit])
    if len(recent) == limit:
        return recent
    # `pk + 0`: an order the primary key's index cannot give, so the planner uses the vectors' index.
    older = found.filter(pk__lte=boundary).order_by((F("pk") + 0).desc())[: limit - len(recent)]
    return recent + list(older)


def filtered(
    consultation: Consultation, *, respondent_type: str = "", topic: str = "", outcome: str = "", query: str = ""
) -> QuerySet[Submission]:
    items = published(consultation)
    if respondent_type:
        items = items.filter(respondent_type=respondent_type)
    topic_id = small_id(topic)
    if topic_id is not None:
        items = items.filter(topics__id=topic_id)
    if outcome == "unanswered":
        items = items.filter(response__isnull=True)
    elif outcome:
        items = items.filter(response__outcome=outcome)
    from samskap.consultations.text import search_config

    return search(items, query, search_config(consultation.jurisdiction.default_language))


def page_of(consultation: Consultation, items: QuerySet[Submission], page: int) -> list[Submission]:
    start = max(page - 1, 0) * PAGE_SIZE
    # Planned for its own filters every time: a generic plan made for all words and filters can be far
    # off for a word in nearly every submission (`kernel.search.planned_for_each_query`).
    with planned_for_each_query():
        rows = list(items[start : start + PAGE_SIZE + 1])
    for row in rows:
        row.consultation = consultation  # the page's own: no query per row for its address
    return rows


def manage_list(consultation: Consultation, *, show: str = "") -> QuerySet[Submission]:
    items = (
        Submission.objects.filter(consultation=consultation)
        .select_related("response", "group", "section")
        .prefetch_related("topics", "attachments")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
        .order_by("submitted_at", "pk")
    )
    if show == "unanswered":
        items = items.exclude(status=Submission.Status.UNCONFIRMED).filter(response__isnull=True)
    elif show == "pending":
        items = items.filter(status=Submission.Status.PENDING)
    elif show == "reported":
        items = items.filter(reports__resolved=False).distinct()
    return items


def export_rows(consultation: Consultation) -> list[dict[str, Any]]:
    """The public record of a consultation, one row per published submission, with its answer.
    Never the email, never an unpublished text, and no name where the sender did not consent."""
    rows = []
    for s in published(consultation).prefetch_related("topics", "response__commitments", "response__themes"):
        hidden = s.status == Submission.Status.HIDDEN
        rows.append(
            {
                "receipt": s.receipt,
                "submitted": timezone.localtime(s.submitted_at).strftime("%Y-%m-%d %H:%M"),
                "late": s.is_late,
                "name": s.public_name,
                "respondent_type": str(s.get_respondent_type_display()),
                "organisation": s.organisation if s.consent == Submission.Consent.NAMED else "",
                "on_behalf_of": s.on_behalf_of if s.consent == Submission.Consent.NAMED else "",
                "section": s.section.title if s.section else "",
                "text": "" if hidden else s.text,
                "hidden_reason": s.hidden_reason if hidden else "",
                "themes": ", ".join(t.name for t in s.topics.all()),
                "outcome": str(s.response.get_outcome_display()) if s.response else "",
                "reason": s.response.reason if s.response else "",
                "led_to": ", ".join(
                    [c.identifier for c in s.response.commitments.all()] + [t.title for t in s.response.themes.all()]
                )
                if s.response
                else "",
            }
        )
    return rows
