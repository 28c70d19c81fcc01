import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import CompletionLevel, Milestone
from samskap.kernel.forms import DateInput, ServiceModelForm, URLListField
from samskap.kernel.text import TEXT_MAX
from samskap.monitoring.models import DEFAULT_OFFSETS, StatusRound, parse_offsets
from samskap.monitoring.selectors import InstitutionAnswers
from samskap.monitoring.services import CommitmentValues, MilestoneValues, check_milestone
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


class RoundForm(ServiceModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Institutions asked"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple(),
        help_text=_("By default every lead institution of the plan. Their editors get an email with a link."),
    )

    class Meta:
        model = StatusRound
        fields = ["as_of", "due_date", "letter", "reminder_offsets"]
        widgets = {"as_of": DateInput(), "due_date": DateInput(), "letter": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, plan: ActionPlan, institutions: Any, time_zone: datetime.tzinfo, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate(timezone=time_zone)
        self.fields["organisations"].queryset = institutions  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("organisations", list(institutions))
            self.initial.setdefault("reminder_offsets", DEFAULT_OFFSETS)

    def clean_due_date(self) -> datetime.date:
        due: datetime.date = self.cleaned_data["due_date"]
        if due < self.today:
            raise ValidationError(_("The due date has passed. Give a date from today on."), code="past")
        return due

    def clean_reminder_offsets(self) -> str:
        text: str = self.cleaned_data.get("reminder_offsets") or ""
        return ",".join(str(offset) for offset in parse_offsets(text))


class RoundChangeForm(ServiceModelForm):
    """What may change while a round collects answers: the due date, the reminders and the letter."""

    class Meta:
        model = StatusRound
        fields = ["due_date", "reminder_offsets", "letter"]
        widgets = {"due_date": DateInput(), "letter": forms.Textarea(attrs={"rows": 6})}

    def clean_reminder_offsets(self) -> str:
        text: str = self.cleaned_data.get("reminder_offsets") or ""
        return ",".join(str(offset) for offset in parse_offsets(text))


def milestone_prefix(milestone: Milestone) -> str:
    return f"m{milestone.pk}"


class AnswerForm(forms.Form):
    """One page for an institution: each milestone's status and evidence, each commitment's narrative.

    Field names carry the milestone's or the commitment's id (m12-status, c3-done), so the page needs no
    script and a failed submission shows everything as it was typed.
    """

    def __init__(self, *args: Any, answers: InstitutionAnswers, submitting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers
        self.submitting = submitting
        self.layout: list[tuple[Any, list[tuple[Any, str, str]], list[str]]] = []
        for row in answers.rows:
            commitment = row.commitment
            milestone_fields = []
            for milestone, answer in row.milestones:
                prefix = milestone_prefix(milestone)
                self.fields[f"{prefix}-status"] = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)
                self.fields[f"{prefix}-evidence"] = URLListField(
                    label=_("Evidence"),
                    required=False,
                    help_text=_("Links that show the deliverable, one a line. A complete milestone needs one."),
                )
                self.initial[f"{prefix}-status"] = answer.status if answer else milestone.status
                self.initial[f"{prefix}-evidence"] = answer.evidence_links if answer else milestone.evidence_links
                milestone_fields.append((milestone, f"{prefix}-status", f"{prefix}-evidence"))
            prefix = f"c{commitment.pk}"
            self.fields[f"{prefix}-completion"] = forms.ChoiceField(
                label=_("Completion"),
                choices=CompletionLevel.choices,
                help_text=_("The IRM scale: not started, limited, substantial or complete."),
            )
            self.fields[f"{prefix}-done"] = forms.CharField(
                label=_("What was done?"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Required when you submit."),
            )
            self.fields[f"{prefix}-delayed"] = forms.CharField(
                label=_("What is late, and why?"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{prefix}-next"] = forms.CharField(
                label=_("What comes next?"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            given = row.answer
            self.initial[f"{prefix}-completion"] = given.completion if given else commitment.completion
            self.initial[f"{prefix}-done"] = given.done if given else ""
            self.initial[f"{prefix}-delayed"] = given.delayed if given else ""
            self.initial[f"{prefix}-next"] = given.next_steps if given else ""
            names = [f"{prefix}-completion", f"{prefix}-done", f"{prefix}-delayed", f"{prefix}-next"]
            self.layout.append((commitment, milestone_fields, names))

    def sections(self) -> list[dict[str, Any]]:
        """The bound fields grouped by commitment, for the template."""
        return [
            {
                "commitment": commitment,
                "milestones": [(milestone, self[status], self[evidence]) for milestone, status, evidence in milestones],
                "fields": [self[name] for name in names],
            }
            for commitment, milestones, names in self.layout
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for _commitment, milestones, names in self.layout:
            for _milestone, status, evidence in milestones:
                if self.submitting and status in cleaned and evidence in cleaned:
                    try:
                        check_milestone(MilestoneValues(cleaned[status], cleaned[evidence]))
                    except ValidationError as error:
                        self.add_error(evidence, error)
            done = names[1]
            if self.submitting and done in cleaned and not cleaned[done].strip():
                self.add_error(done, ValidationError(_("Say what was done before you submit."), code="required"))
        return cleaned

    def values(self) -> tuple[dict[int, MilestoneValues], dict[int, CommitmentValues]]:
        data = self.cleaned_data
        milestones: dict[int, MilestoneValues] = {}
        commitments: dict[int, CommitmentValues] = {}
        for commitment, milestone_fields, names in self.layout:
            for milestone, status, evidence in milestone_fields:
                milestones[milestone.pk] = MilestoneValues(data[status], list(data[evidence]))
            commitments[commitment.pk] = CommitmentValues(
                completion=data[names[0]], done=data[names[1]], delayed=data[names[2]], next_steps=data[names[3]]
            )
        return milestones, commitments
