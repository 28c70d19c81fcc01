"""Reads of the evidence repository: the stored documents and the registered sources' items as one list."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from samskap.evidence.models import Document, DocumentKind
from samskap.kernel.registry import EvidenceItem, evidence_sources
from samskap.kernel.search import search_words

#: Documents the public may see: not attached to a draft plan.
PUBLIC = Q(plan__isnull=True) | Q(plan__published_at__isnull=False)


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(PUBLIC)


@dataclass(frozen=True)
class Entry:
    """One line of the repository: a stored document or an item another app publishes by itself."""

    key: str  # "document:12" or the source's key
    title: str
    url: str  # the entry's page (a document's permanent address, or the item's page)
    target: str  # where the document itself is (the file, the link, or the page)
    kind: str
    date: datetime.date
    language: str
    jurisdiction_id: int
    plan_id: int | None
    commitment_id: int | None
    milestone_id: int | None
    meeting_id: int | None
    origin: str  # "upload", "link" or "published"
    broken: bool = False
    description: str = ""
    document: Document | None = None

    @property
    def kind_label(self) -> str:
        return str(dict(DocumentKind.choices).get(self.kind, self.kind))


def entry_of(document: Document) -> Entry:
    return Entry(
        key=f"document:{document.pk}",
        title=document.title,
        url=document.get_absolute_url(),
        target=document.target,
        kind=document.kind,
        date=document.date,
        language=document.language,
        jurisdiction_id=document.jurisdiction_id,
        plan_id=document.plan_id,
        commitment_id=document.commitment_id,
        milestone_id=document.milestone_id,
        meeting_id=document.meeting_id,
        origin="link" if document.is_link else "upload",
        broken=document.link_status == Document.LinkStatus.BROKEN,
        description=document.description,
        document=document,
    )


def _item_entry(item: EvidenceItem) -> Entry:
    return Entry(
        key=item.key,
        title=item.title,
        url=item.url,
        target=item.url,
        kind=item.kind,
        date=item.date,
        language=item.language,
        jurisdiction_id=item.jurisdiction_id,
        plan_id=item.plan_id,
        commitment_id=item.commitment_id,
        milestone_id=item.milestone_id,
        meeting_id=item.meeting_id,
        origin="published",
    )


@dataclass(frozen=True)
class Filters:
    jurisdiction_id: int | None = None
    plan_id: int | None = None
    commitment_id: int | None = None
    kind: str = ""
    language: str = ""
    year: int | None = None
    query: str = ""
    origin: str = ""


def _matches(entry: Entry, filters: Filters, words: list[str]) -> bool:
    checks: Iterable[bool] = (
        filters.jurisdiction_id is None or entry.jurisdiction_id == filters.jurisdiction_id,
        filters.plan_id is None or entry.plan_id == filters.plan_id,
        filters.commitment_id is None or entry.commitment_id == filters.commitment_id,
        not filters.kind or entry.kind == filters.kind,
        not filters.language or entry.language == filters.language,
        filters.year is None or entry.date.year == filters.year,
        not filters.origin or entry.origin == filters.origin,
    )
    if not all(checks):
        return False
    if words:
        text = " ".join(search_words(f"{entry.title} {entry.description}"))
        return all(word in text for word in words)
    return True


def entries(filters: Filters) -> list[Entry]:
    """The public repository, newest first: one query for the stored documents, one call per source."""
    documents = public_documents().select_related("jurisdiction")
    if filters.jurisdiction_id is not None:
        documents = documents.filter(jurisdiction_id=filters.jurisdiction_id)
    found = [entry_of(document) for document in documents.order_by("-date", "-pk")]
    for source in evidence_sources:
        found.extend(_item_entry(item) for item in source(filters.jurisdiction_id))
    words = [word for word in search_words(filters.query) if len(word) > 1][:10]
    shown = [entry for entry in found if _matches(entry, filters, words)]
    return sorted(shown, key=lambda entry: (entry.date, entry.key), reverse=True)


def document_for(pk: int) -> Document | None:
    return (
        Document.objects.select_related(
            "jurisdiction",
            "plan__jurisdiction",
            "commitment__plan__jurisdiction",
            "milestone",
            "meeting__forum__jurisdiction",
        )
        .filter(pk=pk)
        .first()
    )
