"""The evidence repository: documents of the process and of implementation, uploaded (judged by their
content, like a consultation's attachments) or linked (checked periodically, broken links flagged),
and the coordinators' overrides of the co-creation standards check (`evidence.standards`).

A document has a permanent address by its id (`/documents/<id>/`); documents other apps publish by
themselves (minutes, published plans, self-assessments) come from `kernel.registry.evidence_sources`
and are listed beside these without being stored here.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.links import reverse
from samskap.kernel.text import TEXT_MAX


def document_path(instance: models.Model, filename: str) -> str:
    """A random name: the uploader's file name never reaches the file system."""
    return f"evidence/{secrets.token_hex(16)}"


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Action plan")
    MINUTES = "minutes", _("Minutes")
    LETTER = "letter", _("Letter")
    REPORT = "report", _("Report")
    MILESTONE = "milestone", _("Evidence of a milestone")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    TIMELINE = "timeline", _("Timeline")
    OTHER = "other", _("Other")


class Document(models.Model):
    class LinkStatus(models.TextChoices):
        UNCHECKED = "", _("Not checked yet")
        OK = "ok", _("Works")
        BROKEN = "broken", _("Broken")

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction", verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_documents",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_documents",
    )
    milestone = models.ForeignKey(
        "commitments.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_documents",
    )
    meeting = models.ForeignKey(
        "forum.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_documents",
    )
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    date = models.DateField(_("date"), help_text=_("The document's own date (a letter's, a meeting's, a report's)."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    link_status = models.CharField(
        _("link"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED, blank=True
    )
    link_checked_at = models.DateTimeField(_("link checked"), null=True, blank=True)
    link_problem = models.CharField(_("what was wrong with the link"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="evidence_document_file_or_link",
                violation_error_message=_("A document is either an uploaded file or a link, not both."),
            )
        ]
        indexes = [models.Index(fields=["jurisdiction", "date"]), models.Index(fields=["link_checked_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:document", kwargs={"pk": self.pk})

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, self.commitment_id

    @property
    def is_link(self) -> bool:
        return bool(self.url)

    @property
    def target(self) -> str:
        """Where the document itself is: the file's permanent address or the link."""
        return self.url or reverse("evidence:file", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.commitment is not None and self.plan_id and self.commitment.plan_id != self.plan_id:
            errors.setdefault("commitment", []).append(str(_("The commitment belongs to another plan.")))
        if self.milestone is not None and self.commitment_id and self.milestone.commitment_id != self.commitment_id:
            errors.setdefault("milestone", []).append(str(_("The milestone belongs to another commitment.")))
        if self.plan is not None and self.plan.jurisdiction_id != self.jurisdiction_id:
            errors.setdefault("plan", []).append(str(_("The plan belongs to another government.")))
        if self.meeting is not None and self.meeting.forum.jurisdiction_id != self.jurisdiction_id:
            errors.setdefault("meeting", []).append(str(_("The meeting belongs to another government's forum.")))
        if bool(self.file) == bool(self.url):
            errors.setdefault("url", []).append(str(_("Upload a file or give a link (one of them).")))
        if errors:
            raise ValidationError(errors)


class Verdict(models.TextChoices):
    MET = "met", _("Met")
    AT_RISK = "at_risk", _("At risk")
    NOT_MET = "not_met", _("Not met")


class Override(models.Model):
    """A coordinator's verdict on one minimum requirement of a plan, in place of the computed one,
    with the reason shown beside it on the standards page."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="+"
    )
    requirement = models.CharField(_("minimum requirement"), max_length=8)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["plan", "requirement"]
        verbose_name = _("override of a verdict")
        verbose_name_plural = _("overrides of verdicts")
        constraints = [models.UniqueConstraint(fields=["plan", "requirement"], name="evidence_override_once")]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.get_verdict_display()}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None
