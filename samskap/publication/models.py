"""Approving, freezing and publishing a plan.

A draft plan is shared with the stakeholder forum, endorsed by it and approved by the government
(`Approval`, one record per plan, every change in the history); its English texts, which OGP needs, are
kept beside the plan's own (`PlanText`, `CommitmentText`). Publishing freezes a `PublishedVersion`: one
`FrozenDocument` per language with its content hash and its HTML, PDF and DOCX files, rendered once.
Neither ever changes after it is created: an edit afterwards goes into the next version.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.text import TEXT_MAX


class Approval(models.Model):
    """The road of one plan from draft to OGP: the forum's endorsement, the government's approval and the
    submission to OGP, each a dated decision."""

    plan = models.OneToOneField(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="approval"
    )
    shared_with_forum_at = models.DateTimeField(_("shared with the forum"), null=True, blank=True)
    forum_endorsed_on = models.DateField(_("endorsed by the forum on"), null=True, blank=True)
    forum_minutes = models.TextField(
        _("the forum's decision (minutes)"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("What the forum decided, as recorded in the minutes."),
    )
    forum_minutes_url = models.URLField(_("link to the minutes"), max_length=500, blank=True)
    government_approved_on = models.DateField(_("approved by the government on"), null=True, blank=True)
    government_reference = models.CharField(
        _("reference of the decision"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the case number or the government resolution."),
    )
    submitted_to_ogp_on = models.DateField(_("submitted to OGP on"), null=True, blank=True)
    ogp_url = models.URLField(
        _("address of the plan on OGP's site"),
        max_length=500,
        blank=True,
        help_text=_("E.g. https://www.opengovpartnership.org/documents/..."),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.plan}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    @property
    def is_shared(self) -> bool:
        return self.shared_with_forum_at is not None


class PlanText(models.Model):
    """The parts of the OGP template a plan has no field for (the introduction, the process of making
    it), in the plan's language or in English, and the plan's title and summary in English."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Empty: the plan's own title."))
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    introduction = models.TextField(
        _("introduction"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("The government's commitment to open government and the plan's ambition."),
    )
    process = models.TextField(
        _("how the plan was made"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("The co-creation process: consultation, the forum, how input was taken up."),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["plan", "language"]
        verbose_name = _("plan text")
        verbose_name_plural = _("plan texts")
        constraints = [models.UniqueConstraint(fields=["plan", "language"], name="plan_text_once_per_language")]

    def __str__(self) -> str:
        return f"{self.plan} ({self.language})"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None


class CommitmentText(models.Model):
    """A commitment's template texts in another language than the plan's (English, for OGP)."""

    commitment = models.ForeignKey(
        "commitments.Commitment", verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=500)
    problem = models.TextField(_("What public problem does the commitment address?"), max_length=TEXT_MAX, blank=True)
    description = models.TextField(_("What is the commitment?"), max_length=TEXT_MAX, blank=True)
    contribution = models.TextField(
        _("How will the commitment contribute to solving the problem?"), max_length=TEXT_MAX, blank=True
    )
    relevance = models.TextField(_("Why is it relevant to OGP values?"), max_length=TEXT_MAX, blank=True)
    #: {milestone id: its activity and verifiable deliverable in this language}
    milestones = models.JSONField(_("milestones"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["commitment", "language"]
        verbose_name = _("commitment text")
        verbose_name_plural = _("commitment texts")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "language"], name="commitment_text_once_per_language")
        ]

    def __str__(self) -> str:
        return self.title

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id


class Frozen(Exception):
    """Raised on any attempt to change or delete a published version or its files."""


class FrozenQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise Frozen("A published version never changes.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise Frozen("A published version is never deleted.")


class FrozenModel(models.Model):
    """Created once, never saved again, never deleted (not even by a bulk update or delete)."""

    objects: ClassVar[Any] = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise Frozen("A published version never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Frozen("A published version is never deleted.")


class PublishedVersion(FrozenModel):
    """The plan as it was published, numbered 1, 2, ... per plan (a revision such as 4B is a plan of its own)."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.PROTECT, related_name="published_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content_hash = models.CharField(
        _("content hash (SHA-256)"), max_length=64, help_text=_("Of the document in the plan's language.")
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by_name = models.CharField(_("published by"), max_length=200, blank=True)
    # The decisions it was published under, as they were then (the approval record may change later).
    government_approved_on = models.DateField(_("approved by the government on"), null=True, blank=True)
    government_reference = models.CharField(_("reference of the decision"), max_length=200, blank=True)
    forum_endorsed_on = models.DateField(_("endorsed by the forum on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="published_version_number_once")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("publication:version", kwargs=self.address())

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def address(self) -> dict[str, Any]:
        plan = self.plan
        return {"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "number": self.number}


class FrozenDocument(FrozenModel):
    """One language of a published version: the document's structure as JSON, its hash, and its files."""

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    MEDIA_TYPES: ClassVar[dict[str, str]] = {
        "html": "text/html; charset=utf-8",
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    version = models.ForeignKey(PublishedVersion, on_delete=models.PROTECT, related_name="documents")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    document = models.JSONField(_("document"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    html = models.BinaryField(_("HTML"))
    pdf = models.BinaryField(_("PDF"))
    docx = models.BinaryField(_("DOCX"))
    # The SHA-256 of each file as stored, so anyone can check a copy they downloaded.
    file_hashes = models.JSONField(_("file hashes"), default=dict)

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = _("frozen document")
        verbose_name_plural = _("frozen documents")
        constraints = [models.UniqueConstraint(fields=["version", "language"], name="frozen_document_language_once")]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"

    def filename(self, fmt: str) -> str:
        return f"plan-{self.language}.{fmt}"

    def file_url(self, fmt: str) -> str:
        return reverse("publication:file", kwargs={**self.version.address(), "filename": self.filename(fmt)})

    @property
    def files(self) -> list[tuple[str, str]]:
        """(format label, address) of each file, PDF first."""
        return [
            (label.upper(), self.file_url(fmt)) for fmt, label in (("pdf", "pdf"), ("docx", "docx"), ("html", "html"))
        ]

    def content(self, fmt: str) -> bytes:
        return bytes(getattr(self, fmt))
