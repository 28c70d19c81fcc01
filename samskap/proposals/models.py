"""Proposals for commitments: who proposed what, who commented, and what became of it.

A proposal follows OGP's commitment template and may be partial. It belongs to a plan (often a plan
still being drafted: proposals are how a plan is built), optionally to a proposal round with a deadline
(a phase of the plan, or the time before a forum meeting). It is sent by a ministry (an institution
editor acting for it), by a civil-society organisation or by a citizen, with an account or through the
shared intake (`kernel.intake`, email confirmation first).

A draft (not yet sent, or sent through the intake and not yet confirmed) is seen only by its author;
everything from "submitted" on is public, whatever the state of the plan, with its steps and its fate.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.intake import Intake, receipt_field, receipt_number
from samskap.kernel.links import reverse
from samskap.kernel.text import TEXT_MAX, one_line

#: How long the responsible ministry has to answer a civil-society proposal, unless the round says otherwise.
ANSWER_DAYS = 21


def new_receipt() -> str:
    """A proposal's receipt number: P and 8 random characters."""
    return receipt_number("P")


class Round(models.Model):
    """A call for proposals to a plan, with a deadline; tied to a forum meeting when sent before it."""

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="proposal_rounds"
    )
    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    closes_at = models.DateTimeField(_("deadline"), help_text=_("Proposals are taken until this moment (exclusive)."))
    meeting = models.ForeignKey(
        "forum.Meeting",
        verbose_name=_("forum meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_rounds",
        help_text=_("The proposals are on this meeting's agenda."),
    )
    phase = models.ForeignKey(
        "forum.Phase",
        verbose_name=_("phase of the timeline"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_rounds",
        help_text=_("The phase of the plan's co-creation timeline this round belongs to."),
    )
    answer_days = models.PositiveIntegerField(
        _("days the ministries have to answer"),
        default=ANSWER_DAYS,
        help_text=_("Counted from the deadline (or from a late proposal's sending)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["plan", "-closes_at", "pk"]
        verbose_name = _("proposal round")
        verbose_name_plural = _("proposal rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:round", kwargs={"pk": self.pk})

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class Proposal(Intake):
    class SenderType(models.TextChoices):
        GOVERNMENT = "government", _("Ministry or other government body")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        CITIZEN = "citizen", _("Citizen")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_DISCUSSION = "under_discussion", _("Under discussion")
        NEEDS_REVISION = "needs_revision", _("Needs revision")
        MERGED = "merged", _("Merged into another proposal")
        ACCEPTED = "accepted", _("Accepted into the plan")
        NOT_TAKEN_UP = "not_taken_up", _("Not taken up")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="proposals"
    )
    round = models.ForeignKey(
        Round,
        verbose_name=_("proposal round"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    receipt = receipt_field(new_receipt)
    # The OGP commitment template; everything but the title may be left for later.
    title = models.CharField(_("title"), max_length=500, validators=[one_line])
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
    lead_institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    other_actors = models.TextField(_("other actors"), max_length=TEXT_MAX, blank=True)
    milestones = models.TextField(
        _("milestones"), max_length=TEXT_MAX, blank=True, help_text=_("One a line: an activity and its deliverable.")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.CharField(_("budget"), max_length=300, blank=True, validators=[one_line])
    # Who sent it and for whom.
    sender_type = models.CharField(_("sent by"), max_length=20, choices=SenderType.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("name"), max_length=200, validators=[one_line])
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The organisation the author acts for (an institution editor for their ministry)."),
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=300, blank=True, validators=[one_line], help_text=_("As the sender wrote it.")
    )
    co_authors = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("co-authors"), blank=True, related_name="+"
    )
    # Who answers a civil-society proposal, and by when.
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ministry asked to answer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer_by = models.DateField(_("answer by"), null=True, blank=True)
    # The fate.
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    sent_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_late = models.BooleanField(_("sent after the round's deadline"), default=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    GENERATED_FIELDS = (*Intake.GENERATED_FIELDS,)
    FINAL = frozenset({Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP, Status.WITHDRAWN})

    class Meta:
        ordering = ["plan", "sent_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["plan", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="not_taken_up") | ~models.Q(reason=""),
                name="proposal_not_taken_up_has_reason",
                violation_error_message=_("Give the reason why the proposal is not taken up."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="proposal_merged_names_target",
                violation_error_message=_("Choose the proposal it was merged into."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.merged_into_id is not None and self.merged_into_id == self.pk:
            raise ValidationError({"merged_into": _("A proposal cannot be merged into itself.")})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    @property
    def sender(self) -> str:
        """Who proposed it, as the register shows it: the organisation, else the person."""
        if self.organisation_id is not None and self.organisation is not None:
            return self.organisation.name
        return self.organisation_name or self.author_name

    @property
    def ogp_values(self) -> list[str]:
        names = ["access_to_information", "civic_participation", "public_accountability", "technology_innovation"]
        return [str(self._meta.get_field(n).verbose_name) for n in names if getattr(self, n)]  # type: ignore[union-attr]

    def milestone_lines(self) -> list[str]:
        return [line.strip() for line in self.milestones.splitlines() if line.strip()]

    def answer_overdue(self, today: datetime.date) -> bool:
        return self.answer_by is not None and today > self.answer_by and not self.is_final


class Step(models.Model):
    """One change of a proposal's state, shown on its page as its path (with the meeting it followed)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=20, choices=Proposal.Status.choices)
    note = models.TextField(_("note"), max_length=TEXT_MAX, blank=True)
    meeting = models.ForeignKey(
        "forum.Meeting",
        verbose_name=_("after the forum meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["proposal", "at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_status_display()}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.proposal.plan_id, None


class Comment(models.Model):
    """A comment on a public proposal, by a person or for an organisation ("Finansdepartementet comments").

    The responsible ministry's comment on a civil-society proposal is its answer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("name"), max_length=200, validators=[one_line])
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=TEXT_MAX)
    is_answer = models.BooleanField(_("the responsible ministry's answer"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["proposal", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:60]}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.proposal.plan_id, None

    @property
    def speaker(self) -> str:
        return self.organisation.name if self.organisation is not None else self.author_name
