"""Self-assessments of action plans: drafted from the record, commented on by the public, answered,
then published as frozen versions that later edits of the record never change. Public comments on the
IRM's draft reports live here too (the review app sits below the public intake's reasoned answers)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.consultations.models import Outcome, Submission
from samskap.kernel.intake import Intake, receipt_field, receipt_number
from samskap.kernel.moderation import AbuseReport
from samskap.kernel.text import one_line

TEXT_MAX = 20_000

#: A comment period shorter than this warns (OGP: two weeks for a self-assessment's public comment).
MIN_COMMENT_DAYS = 14


class SelfAssessment(models.Model):
    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Mid-term self-assessment")
        END_OF_TERM = "end_of_term", _("End-of-term self-assessment")

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("action plan")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    comments_open_on = models.DateField(_("public comments from"), null=True, blank=True)
    comments_close_on = models.DateField(_("public comments until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # Each commitment's completion as published ({commitment id: level}), frozen with the versions: the
    # commitment page compares it with the IRM's, whatever the record says later.
    completions = models.JSONField(_("completion as published"), default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["plan", "kind"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="one_self_assessment_per_plan_and_kind"),
            models.CheckConstraint(
                condition=models.Q(comments_close_on__gte=models.F("comments_open_on"))
                | models.Q(comments_open_on__isnull=True)
                | models.Q(comments_close_on__isnull=True),
                name="self_assessment_comments_close_after_they_open",
                violation_error_message=_("The comment period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.plan.title}"

    def get_absolute_url(self) -> str:
        return self.url()

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def clean(self) -> None:
        if bool(self.comments_open_on) != bool(self.comments_close_on):
            raise ValidationError(
                {"comments_close_on": _("Give both the first and the last day of the comment period, or neither.")},
                code="half_window",
            )

    def url(self, name: str = "detail", **kwargs: Any) -> str:
        plan = self.plan
        return reverse(
            f"evaluation:{name}",
            kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "kind": self.kind, **kwargs},
        )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def comment_days(self) -> int | None:
        if self.comments_open_on and self.comments_close_on:
            return (self.comments_close_on - self.comments_open_on).days + 1
        return None

    @property
    def short_window(self) -> bool:
        days = self.comment_days
        return days is not None and days < MIN_COMMENT_DAYS

    def is_public_on(self, day: datetime.date) -> bool:
        """Drafts are not public until the comment period opens; published ones always are."""
        return self.is_published or bool(self.comments_open_on and self.comments_open_on <= day)

    def takes_comments_on(self, day: datetime.date) -> bool:
        return bool(
            not self.is_published
            and self.comments_open_on
            and self.comments_close_on
            and self.comments_open_on <= day <= self.comments_close_on
        )

    @property
    def takes_comments(self) -> bool:
        return self.takes_comments_on(timezone.localdate())

    @property
    def is_public(self) -> bool:
        return self.is_public_on(timezone.localdate())


class Section(models.Model):
    """A part of a self-assessment with the coordinator's narrative; the record's facts are drafted
    beside it (`evaluation.drafting`), not typed."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        PROCESS = "process", _("The process")
        COMMITMENT = "commitment", _("Commitment")
        CONCLUSION = "conclusion", _("Conclusions and next steps")

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    commitment = models.ForeignKey(
        "commitments.Commitment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    narrative = models.TextField(_("text"), max_length=TEXT_MAX, blank=True)
    narrative_en = models.TextField(_("text in English"), max_length=TEXT_MAX, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["assessment", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        if self.commitment_id is not None:
            assert self.commitment is not None
            return f"{self.commitment.identifier} {self.commitment.title}"
        return str(self.get_kind_display())

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.assessment.plan_id, self.commitment_id

    @property
    def anchor(self) -> str:
        return f"section-{self.pk}"


def new_receipt() -> str:
    return receipt_number("E")


class Comment(Intake):
    """A public comment on a section of a draft self-assessment or on an IRM draft report (the shared
    intake: no account, email confirmation). The government answers a self-assessment's comments with
    the same reasoned answer as consultation input (an outcome and a reason)."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    report = models.ForeignKey(
        "review.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    receipt = receipt_field(new_receipt)
    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    organisation = models.CharField(_("organisation"), max_length=300, blank=True, validators=[one_line])
    text = models.TextField(_("your comment"), max_length=TEXT_MAX)
    consent = models.CharField(
        _("publication"), max_length=20, choices=Submission.Consent.choices, default=Submission.Consent.NAMED
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # A moderator's hiding: the comment is then listed as a placeholder with this public reason.
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section__isnull=True, report__isnull=False)
                | models.Q(section__isnull=False, report__isnull=True),
                name="comment_on_a_section_or_a_report",
            )
        ]

    def __str__(self) -> str:
        return self.receipt

    def history_scope(self) -> tuple[int | None, int | None]:
        if self.section_id is not None:
            assert self.section is not None
            return self.section.assessment.plan_id, None
        assert self.report is not None
        return self.report.plan_id, None

    @property
    def public_name(self) -> str:
        return self.name if self.consent == Submission.Consent.NAMED else str(_("Anonymous"))

    @property
    def is_listed(self) -> bool:
        """Shown in public lists: as itself, or as a placeholder with the reason once hidden."""
        return self.confirmed_at is not None and self.consent != Submission.Consent.NONE

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_public(self) -> bool:
        """Its text may be shown: listed and not hidden by a moderator."""
        return self.is_listed and not self.is_hidden

    @property
    def plan(self) -> Any:
        return self.section.assessment.plan if self.section_id is not None else self.report.plan  # type: ignore[union-attr]

    def get_absolute_url(self) -> str:
        plan = self.plan
        return reverse(
            "evaluation:public_comment",
            kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "pk": self.pk},
        )


class CommentReport(AbuseReport):
    """Anyone's report that a public comment breaks the rules; a moderator hides it or dismisses the report."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("report on a comment")
        verbose_name_plural = _("reports on comments")

    def __str__(self) -> str:
        return f"{self.comment}: {self.reason[:60]}"


class PublishedVersion(models.Model):
    """A published self-assessment in one language, frozen: the document as JSON and its SHA-256.
    Never changed or deleted once stored (the model refuses), whatever happens to the record after."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    document = models.JSONField(_("document"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "language"], name="one_published_version_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} ({self.language})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError(_("A published version cannot be changed."), code="frozen")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("A published version cannot be deleted."), code="frozen")

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.assessment.plan_id, None
