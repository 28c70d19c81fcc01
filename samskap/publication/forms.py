"""Forms of the publication flow (they only validate; the services write)."""

from typing import Any

from django import forms
from django.db import models

from samskap.kernel.forms import DateInput, ServiceModelForm
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
    class Meta:
        model = CommitmentText
        fields = ["title", "problem", "description", "contribution", "relevance"]
