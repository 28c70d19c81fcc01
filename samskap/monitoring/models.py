"""Status rounds: a coordinator asks the lead institutions of a plan for the status of their commitments
as of a date, collects the answers and publishes them together (seed 003: "status pr. 1.12.2020").

Answers are private drafts until the coordinator publishes the round; publishing turns each into the
commitments app's own progress updates and milestone changes, so the public record is the usual one.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import CompletionLevel, Milestone
from samskap.kernel.text import TEXT_MAX

#: Days before the due date (negative: after it) on which institutions that have not answered are reminded.
DEFAULT_OFFSETS = "7,1,-3"
MAX_OFFSETS = 6
OFFSET_RANGE = 60  # days either side of the due date
_OFFSETS = re.compile(r"^\s*-?\d{1,3}\s*(,\s*-?\d{1,3}\s*)*$")


def parse_offsets(text: str) -> list[int]:
    """'7,1,-3' as [7, 1, -3] (in the order reminders go out: largest first). Raises ValidationError."""
    text = (text or "").strip()
    if not text:
        return []
    if not _OFFSETS.match(text):
        raise ValidationError(
            _("Write whole numbers of days separated by commas, such as 7,1,-3 (a minus means after the due date)."),
            code="format",
        )
    offsets = sorted({int(part) for part in text.split(",")}, reverse=True)
    if len(offsets) > MAX_OFFSETS:
        raise ValidationError(_("Give at most %(max)s reminders."), code="too_many", params={"max": MAX_OFFSETS})
    if any(abs(offset) > OFFSET_RANGE for offset in offsets):
        raise ValidationError(
            _("A reminder can be at most %(days)s days from the due date."), code="range", params={"days": OFFSET_RANGE}
        )
    return offsets


def validate_offsets(text: str) -> None:
    parse_offsets(text)


class StatusRound(models.Model):
    """One request for status to a plan's lead institutions, as of a date, with a due date."""

    class State(models.TextChoices):
        OPEN = "open", _("Collecting answers")
        PUBLISHED = "published", _("Published")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="status_rounds"
    )
    as_of = models.DateField(_("status as of"), help_text=_("The date the status describes, e.g. 1 December 2020."))
    due_date = models.DateField(_("due date"), help_text=_("The last day to answer, where the plan is carried out."))
    letter = models.TextField(
        _("covering letter"),
        max_length=TEXT_MAX,
        help_text=_("Sent to the institutions' editors with the link to their answer page."),
    )
    reminder_offsets = models.CharField(
        _("reminders"),
        max_length=40,
        blank=True,
        default=DEFAULT_OFFSETS,
        validators=[validate_offsets],
        help_text=_(
            "Days before the due date to remind those who have not answered, separated by commas; a minus means "
            "after the due date. Empty: no reminders."
        ),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # What was reported, taken when the round is published (kernel.registry.ProgressPoint's fields), so
    # charts over time show the figures then, not today's.
    snapshot = models.JSONField(_("figures as reported"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["plan", "-as_of", "-pk"]
        verbose_name = _("status round")
        verbose_name_plural = _("status rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("as_of")),
                name="status_round_due_after_as_of",
                violation_error_message=_("The due date cannot be before the date the status describes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.jurisdiction.name} {self.plan.label}: {self.as_of.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:round", kwargs={"pk": self.pk})

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    @property
    def offsets(self) -> list[int]:
        try:
            return parse_offsets(self.reminder_offsets)
        except ValidationError:
            return []

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(self.plan.jurisdiction.time_zone)

    def reminder_moment(self, offset: int) -> datetime.datetime:
        """Nine in the morning, local time, `offset` days before the due date."""
        day = self.due_date - datetime.timedelta(days=offset)
        return datetime.datetime.combine(day, datetime.time(9), tzinfo=self.time_zone())

    def is_late(self, moment: datetime.datetime) -> bool:
        """Past the end of the due date where the plan is carried out."""
        return timezone.localdate(moment, timezone=self.time_zone()) > self.due_date


class StatusRequest(models.Model):
    """What one institution was asked in a round, and whether (and when) it answered."""

    class State(models.TextChoices):
        ASKED = "asked", _("Asked")
        DRAFT = "draft", _("Draft saved")
        SUBMITTED = "submitted", _("Answered")

    round = models.ForeignKey(StatusRound, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="status_requests",
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.ASKED)
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["round", "organisation__name"]
        verbose_name = _("status request")
        verbose_name_plural = _("status requests")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="status_request_once_per_institution")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:answer", kwargs={"pk": self.round_id, "organisation": self.organisation_id})

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.round.plan_id, None

    @property
    def answered(self) -> bool:
        return self.state == self.State.SUBMITTED


class MilestoneAnswer(models.Model):
    """An institution's status and evidence for one milestone, as of the round's date."""

    request = models.ForeignKey(StatusRequest, on_delete=models.CASCADE, related_name="milestone_answers")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Milestone.Status.choices)
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)

    class Meta:
        ordering = ["request", "milestone"]
        constraints = [models.UniqueConstraint(fields=["request", "milestone"], name="milestone_answer_once")]

    def __str__(self) -> str:
        return f"{self.request}: {self.milestone}"


class CommitmentAnswer(models.Model):
    """An institution's narrative for one commitment: what was done, what is late and why, what comes next."""

    request = models.ForeignKey(StatusRequest, on_delete=models.CASCADE, related_name="commitment_answers")
    commitment = models.ForeignKey("commitments.Commitment", on_delete=models.CASCADE, related_name="+")
    completion = models.CharField(_("completion"), max_length=20, choices=CompletionLevel.choices)
    done = models.TextField(_("What was done?"), max_length=TEXT_MAX, blank=True)
    delayed = models.TextField(_("What is late, and why?"), max_length=TEXT_MAX, blank=True)
    next_steps = models.TextField(_("What comes next?"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["request", "commitment"]
        constraints = [models.UniqueConstraint(fields=["request", "commitment"], name="commitment_answer_once")]

    def __str__(self) -> str:
        return f"{self.request}: {self.commitment}"
