"""Public consultations (høringer), the submissions they receive and the reasoned answers to them.

A consultation's state (upcoming, open, closed, answered) follows from the clock and from whether a
summary is published; nothing needs to flip a flag when the deadline passes.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.intake import Intake, receipt_field, receipt_number
from samskap.kernel.intake import new_secret as new_secret  # migration 0001 names it as this module's
from samskap.kernel.links import reverse
from samskap.kernel.moderation import AbuseReport
from samskap.kernel.text import TEXT_MAX, one_line


def new_receipt() -> str:
    """A consultation's receipt number: H (høring) and 8 random characters, such as H-7K3Q-9XWA."""
    return receipt_number("H")


def document_path(instance: models.Model, filename: str) -> str:
    return f"consultations/documents/{secrets.token_hex(16)}"


def attachment_path(instance: models.Model, filename: str) -> str:
    return f"consultations/attachments/{secrets.token_hex(16)}"


class Consultation(models.Model):
    class Stage(models.TextChoices):
        IDEAS = "ideas", _("Ideas for a new plan")
        DRAFT_THEMES = "draft_themes", _("Draft themes")
        DRAFT_PLAN = "draft_plan", _("Draft plan")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment draft")
        REVIEW_REPORT = "review_report", _("Review report draft")

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ANSWERED = "answered", _("Answered")

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("action plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEAS)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    body = models.TextField(
        _("text"),
        max_length=TEXT_MAX,
        help_text=_("Markdown. In a draft split into sections, each heading of level 2 (## Heading) starts a section."),
    )
    split_into_sections = models.BooleanField(
        _("split into sections that take comments"),
        default=False,
        help_text=_("For draft themes and draft plans: each section of the text takes comments while it is open."),
    )
    questions = models.TextField(
        _("questions"), max_length=TEXT_MAX, blank=True, help_text=_("Optional questions to the public, one a line.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("deadline"), help_text=_("Submissions are taken until this moment (exclusive)."))
    moderation = models.BooleanField(
        _("moderate submissions before they are published"),
        default=False,
        help_text=_("Otherwise a submission is published as soon as its sender confirms the email address."),
    )
    summary = models.TextField(_("summary of the input and the answers"), max_length=TEXT_MAX, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-closes_at", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "slug"], name="consultation_slug_unique_in_jurisdiction"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_it_opens",
                violation_error_message=_("The deadline must be after the opening."),
            ),
        ]
        indexes = [models.Index(fields=["opens_at", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"jurisdiction": self.jurisdiction.slug, "slug": self.slug})

    def url(self, name: str, **kwargs: object) -> str:
        return reverse(
            f"consultations:{name}", kwargs={"jurisdiction": self.jurisdiction.slug, "slug": self.slug, **kwargs}
        )

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def state_at(self, moment: datetime.datetime) -> str:
        if moment < self.opens_at:
            return self.State.UPCOMING
        if moment < self.closes_at:
            return self.State.OPEN
        return self.State.ANSWERED if self.summary.strip() else self.State.CLOSED

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def introduction(self) -> str:
        """The text before the first section's heading, when the text is split into sections."""
        from samskap.consultations.text import introduction

        return introduction(self.body)

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Section(models.Model):
    """A part of a draft text that takes its own comments."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["consultation", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    link = models.URLField(_("link"), blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Topic(models.Model):
    """A theme a coordinator tags submissions with while reading them."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["consultation", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["consultation", "name"], name="topic_name_unique")]

    def __str__(self) -> str:
        return self.name


class SubmissionGroup(models.Model):
    """Similar submissions, answered together."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["consultation", "title"]
        verbose_name = _("group of submissions")
        verbose_name_plural = _("groups of submissions")
        constraints = [models.UniqueConstraint(fields=["consultation", "title"], name="group_title_unique")]

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    TAKEN_UP = "taken_up", _("Taken up")
    PARTLY = "partly", _("Partly taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the scope")
    ALREADY_COVERED = "already_covered", _("Already covered")


class Response(models.Model):
    """The government's reasoned answer to one submission or to a group of them."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX)
    commitments = models.ManyToManyField(
        "commitments.Commitment", verbose_name=_("commitments it led to"), blank=True, related_name="+"
    )
    themes = models.ManyToManyField("plans.Theme", verbose_name=_("themes it led to"), blank=True, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.reason[:60]}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.consultation.plan_id, None


class Submission(Intake):
    """Input from anyone, no account needed (the public intake: form token, receipt, email confirmation).
    The email is never shown; the rest only as consented."""

    class RespondentType(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        BUSINESS = "business", _("Business")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        LOCAL_GOVERNMENT = "local_government", _("Municipality or region")
        STATE_BODY = "state_body", _("State body")
        ACADEMIA = "academia", _("Academia")
        OTHER = "other", _("Other")

    class Consent(models.TextChoices):
        NAMED = "named", _("Publish it with my name")
        ANONYMOUS = "anonymous", _("Publish it without my name")
        NONE = "none", _("Do not publish it")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        NOT_PUBLISHED = "not_published", _("Received, not published (no consent)")
        HIDDEN = "hidden", _("Hidden by a moderator")

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="submissions"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    receipt = receipt_field(new_receipt)
    name = models.CharField(_("name"), max_length=200, validators=[one_line])
    respondent_type = models.CharField(_("respondent type"), max_length=20, choices=RespondentType.choices)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True, validators=[one_line])
    on_behalf_of = models.CharField(_("on whose behalf"), max_length=300, blank=True, validators=[one_line])
    text = models.TextField(_("your input"), max_length=TEXT_MAX)
    answers = models.JSONField(_("answers to the questions"), default=list, blank=True)
    consent = models.CharField(_("publication"), max_length=20, choices=Consent.choices, default=Consent.NAMED)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    is_late = models.BooleanField(_("late"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("themes"), blank=True, related_name="submissions")
    group = models.ForeignKey(
        SubmissionGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    response = models.ForeignKey(
        Response, verbose_name=_("answer"), on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions"
    )
    # Lower-case, stemmed words for the SQLite search; PostgreSQL searches `text` with its own stemmers.
    search_text = models.TextField(blank=True, editable=False)
    search_config = models.CharField(max_length=20, default="simple", editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The interface language the sender wrote in: their emails (receipt, answer) are in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True, editable=False)

    class Meta:
        ordering = ["consultation", "submitted_at", "pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [
            models.Index(fields=["consultation", "status", "submitted_at"]),
            models.Index(fields=["consultation", "respondent_type"]),
            # The public list in its order: page one reads 51 index entries instead of sorting them all.
            models.Index(fields=["consultation", "submitted_at", "id"], name="submission_in_order"),
        ]

    def __str__(self) -> str:
        return self.receipt

    def get_absolute_url(self) -> str:
        return self.consultation.url("submission", pk=self.pk)

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.consultation.plan_id, None

    @property
    def public_name(self) -> str:
        if self.consent == self.Consent.NAMED:
            return self.name
        return str(_("Anonymous"))

    @property
    def is_public(self) -> bool:
        """Listed publicly (as text, or as a hidden placeholder): see `consultations.public.listed_submissions`."""
        if self.consent == self.Consent.NONE:
            return False
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.HIDDEN and self.published_at is not None
        )


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    key = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["submission", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Report(AbuseReport):
    """Anyone's report that a published submission breaks the rules; a moderator decides."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        ordering = ["-created_at", "pk"]
        # The moderators' queue (open reports, oldest first) is read from here, not from the submissions.
        indexes = [models.Index(fields=["resolved", "created_at"], name="report_queue")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.submission}: {self.reason[:60]}"
