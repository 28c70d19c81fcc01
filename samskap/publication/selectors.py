"""Reads of the publication flow: a plan's published versions and their files (public), and a draft's
preview (for those who may see it)."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from samskap.plans.models import ActionPlan
from samskap.publication.models import FrozenDocument, PublishedVersion

#: The columns of a frozen document a list needs (never the files themselves, which are large).
LIGHT = ("id", "version_id", "language", "content_hash", "file_hashes")


def public_versions() -> QuerySet[PublishedVersion]:
    """Versions of published plans only (a version exists only once its plan is published, but the rule
    has one owner: `ActionPlan.objects.public()`)."""
    return PublishedVersion.objects.filter(plan__in=ActionPlan.objects.public())


def versions_of(plan: ActionPlan) -> list[PublishedVersion]:
    """The plan's versions, newest first, with their documents' languages and hashes (two queries)."""
    return list(
        PublishedVersion.objects.filter(plan=plan)
        .prefetch_related(Prefetch("documents", queryset=FrozenDocument.objects.only(*LIGHT)))
        .order_by("-number")
    )


def get_version(plan: ActionPlan, number: int) -> PublishedVersion:
    version: PublishedVersion | None = (
        PublishedVersion.objects.filter(plan=plan, number=number)
        .prefetch_related(Prefetch("documents", queryset=FrozenDocument.objects.only(*LIGHT)))
        .first()
    )
    if version is None:
        raise Http404
    return version


def get_document(version: PublishedVersion, language: str) -> FrozenDocument:
    document: FrozenDocument | None = FrozenDocument.objects.filter(version=version, language=language).first()
    if document is None:
        raise Http404
    return document
