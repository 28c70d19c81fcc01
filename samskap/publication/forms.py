"""Forms of the publication flow (they only validate; the services write)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from samskap.commitments.models import Milestone
from samskap.kernel.forms import DateInput, ServiceModelForm
from samskap.kernel.text import TEXT_MAX
from samskap.publication.models import Approval, CommitmentText, PlanText


def _formfield(field: models.Field[Any, Any], **options: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        options["assume_scheme"] = "https"
    return field.formfield(**options)


class _Required(ServiceModelForm):
    required: tuple[str, ...] = ()
    formfield_callback = _formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.required:
            self.fields[name].required = True


class EndorsementForm(_Required):
    required = ("forum_endorsed_on", "forum_minutes")

    class Meta:
        model = Approval
        fields = ["forum_endorsed_on", "forum_minutes", "forum_minutes_url"]
        widgets = {"forum_endorsed_on": DateInput()}


class ApprovalForm(_Required):
    required = ("government_approved_on", "government_reference")

    class Meta:
        model = Approval
        fields = ["government_approved_on", "government_reference"]
        widgets = {"government_approved_on": DateInput()}


class SubmissionForm(_Required):
    required = ("submitted_to_ogp_on", "ogp_url")

    class Meta:
        model = Approval
        fields = ["submitted_to_ogp_on", "ogp_url"]
        widgets = {"submitted_to_ogp_on": DateInput()}


class PlanTextForm(ServiceModelForm):
    class Meta:
        model = PlanText
        fields = ["title", "summary", "introduction", "process"]


class CommitmentTextForm(ServiceModelForm):
    """The template's texts, and one field for each of the commitment's milestones (its activity)."""

    class Meta:
        model = CommitmentText
        fields = ["title", "problem", "description", "contribution", "relevance"]

    def __init__(self, *args: Any, milestones: Sequence[Milestone] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = dict(self.instance.milestones or {}) if self.instance.pk else {}
        self.milestone_fields: list[tuple[str, Milestone]] = []
        for number, milestone in enumerate(milestones, start=1):
            name = f"milestone_{milestone.pk}"
            self.fields[name] = forms.CharField(
                label=_("Milestone %(number)s") % {"number": number},
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.get(str(milestone.pk), ""),
            )
            self.milestone_fields.append((name, milestone))

    def model_values(self) -> dict[str, Any]:
        values = super().model_values()
        texts = {str(m.pk): str(values.pop(name) or "").strip() for name, m in self.milestone_fields}
        if self.milestone_fields:
            values["milestones"] = {pk: text for pk, text in texts.items() if text}
        return values
