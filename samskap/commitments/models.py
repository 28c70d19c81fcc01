import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.links import reverse
from samskap.kernel.search import StoredSearchText, pending_search_index
from samskap.kernel.text import TEXT_MAX


class CompletionLevel(models.TextChoices):
    """The IRM completion scale, in order; 'withdrawn' and 'unclear' sit outside the order."""

    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNCLEAR = "unclear", _("Unclear")


#: The completion levels that show progress on a scale, in order (for bars and sorting).
COMPLETION_SCALE: tuple[str, ...] = (
    CompletionLevel.NOT_STARTED,
    CompletionLevel.LIMITED,
    CompletionLevel.SUBSTANTIAL,
    CompletionLevel.COMPLETE,
)
HIGH_COMPLETION = frozenset({CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE})


class PolicyArea(models.Model):
    """A policy-area tag, as in OGP's data (e.g. 'Open Data', 'Beneficial Ownership')."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")

    def __str__(self) -> str:
        return self.name


class Commitment(StoredSearchText):
    """A commitment of an action plan, following OGP's commitment template."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        UNDER_DISCUSSION = "under_discussion", _("Under discussion")
        INCLUDED = "included", _("Included")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Origin(models.TextChoices):
        GOVERNMENT = "government", _("Proposed by government")
        CIVIL_SOCIETY = "civil_society", _("Proposed by civil society")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="commitments"
    )
    theme = models.ForeignKey(
        "plans.Theme",
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    identifier = models.CharField(
        _("identifier"), max_length=40, help_text=_("OGP style such as NO0063, or a local number.")
    )
    slug = models.SlugField(max_length=60)
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    problem = models.TextField(_("What public problem does the commitment address?"), max_length=TEXT_MAX, blank=True)
    description = models.TextField(_("What is the commitment?"), max_length=TEXT_MAX, blank=True)
    contribution = models.TextField(
        _("How will it contribute to solving the problem?"), max_length=TEXT_MAX, blank=True
    )
    relevance = models.TextField(_("Why is it relevant to OGP values?"), max_length=TEXT_MAX, blank=True)
    access_to_information = models.BooleanField(_("Access to information"), default=False)
    civic_participation = models.BooleanField(_("Civic participation"), default=False)
    public_accountability = models.BooleanField(_("Public accountability"), default=False)
    technology_innovation = models.BooleanField(_("Technology and innovation"), default=False)
    policy_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("policy areas"), blank=True, related_name="commitments"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    lead_institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_commitments",
    )
    supporting_institutions = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("supporting institutions"),
        blank=True,
        related_name="supported_commitments",
    )
    other_actors = models.TextField(
        _("other actors"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Civil society, private sector, multilaterals or working groups, one a line."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact's title and department"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    budget = models.CharField(_("budget"), max_length=300, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices, default=Origin.GOVERNMENT)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INCLUDED)
    # Set by the progress-update service (the newest update's level); a revision carries it over,
    # since the work goes on from where the previous version of the plan left it.
    completion = models.CharField(
        _("completion"), max_length=20, choices=CompletionLevel.choices, default=CompletionLevel.NOT_STARTED
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["plan", "order", "identifier"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="commitment_slug_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="commitment_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [
            models.Index(fields=["lead_institution", "plan"]),
            # An import finds a chunk's commitments by plan and identifier (OGP's file names them so).
            models.Index(fields=["plan", "identifier"], name="commitment_plan_identifier"),
            # The site search walks a plan's commitments in order and stops at a page (kernel.search).
            models.Index(fields=["plan", "order"], name="commitment_plan_order"),
            pending_search_index("commitment_search_pending"),
        ]

    SEARCH_FIELDS = ("identifier", "title", "short_title", "problem", "description")
    SEARCH_LANGUAGE = "plan__jurisdiction__default_language"

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "commitments:detail",
            kwargs={
                "jurisdiction": self.plan.jurisdiction.slug,
                "plan": self.plan.slug,
                "commitment": self.slug,
            },
        )

    def clean(self) -> None:
        if self.identifier and self.plan_id:
            clash = Commitment.objects.filter(plan_id=self.plan_id, identifier__iexact=self.identifier.strip())
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"identifier": _("Another commitment of this plan has this identifier.")}, code="taken"
                )

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, self.pk

    @property
    def ogp_values(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            for name in (
                "access_to_information",
                "civic_participation",
                "public_accountability",
                "technology_innovation",
            )
            if getattr(self, name)
        ]


class Milestone(StoredSearchText):
    """An activity with a verifiable deliverable, start and end."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ON_TRACK = "on_track", _("On track")
        DELAYED = "delayed", _("Delayed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveIntegerField(_("order"), default=1)
    activity = models.TextField(_("activity and verifiable deliverable"), max_length=TEXT_MAX)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["commitment", "order", "pk"]
        # The site search walks milestones in this order and stops at a page (kernel.search).
        indexes = [
            models.Index(fields=["commitment", "order"], name="milestone_in_order"),
            pending_search_index("milestone_search_pending"),
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="milestone_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    SEARCH_FIELDS = ("activity",)
    SEARCH_LANGUAGE = "commitment__plan__jurisdiction__default_language"

    def __str__(self) -> str:
        return f"{self.order}. {self.activity[:80]}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id


def check_status_date(as_of: datetime.date, time_zone: str) -> None:
    """A status describes what has happened: not later than today where the plan is carried out."""
    if as_of > timezone.localdate(timezone=ZoneInfo(time_zone)):
        raise ValidationError(_("The status cannot be dated in the future."), code="future")


class ProgressUpdate(models.Model):
    """A dated status of a commitment ("status per 1 December 2020"), by a named person."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress_updates")
    as_of = models.DateField(_("status as of"))
    completion = models.CharField(_("completion"), max_length=20, choices=CompletionLevel.choices)
    narrative = models.TextField(_("what has been done"), max_length=TEXT_MAX)
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text so the record stays readable if the account goes.
    author_name = models.CharField(_("reported by"), max_length=200)
    author_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-as_of", "-created_at", "-pk"]
        get_latest_by = ["as_of", "created_at", "pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.commitment.identifier} {self.as_of}: {self.get_completion_display()}"

    def clean(self) -> None:
        if self.as_of and self.commitment_id:
            try:
                check_status_date(self.as_of, self.commitment.plan.jurisdiction.time_zone)
            except ValidationError as error:
                raise ValidationError({"as_of": error.messages}) from None

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id
