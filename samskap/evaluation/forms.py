"""Forms of the self-assessments and the independent review: they validate; services write."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import CompletionLevel
from samskap.consultations.models import Outcome, Submission
from samskap.evaluation.models import TEXT_MAX, SelfAssessment
from samskap.kernel.forms import DateInput
from samskap.kernel.intake import IntakeForm
from samskap.review.models import IRMAssessment, Report

A = IRMAssessment


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Self-assessment"), choices=SelfAssessment.Kind.choices, widget=forms.RadioSelect)


class SectionForm(forms.Form):
    narrative = forms.CharField(
        label=_("Text"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    narrative_en = forms.CharField(
        label=_("Text in English (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WindowForm(forms.Form):
    comments_open_on = forms.DateField(label=_("Public comments from"), widget=DateInput())
    comments_close_on = forms.DateField(
        label=_("Public comments until"), widget=DateInput(), help_text=_("The last day comments are taken.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("comments_open_on"), data.get("comments_close_on")
        if opens and closes and closes < opens:
            self.add_error("comments_close_on", _("The comment period cannot end before it starts."))
        return data


class CommentForm(IntakeForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=300, required=False)
    email = forms.EmailField(label=_("Email"), help_text=_("We send a confirmation link here. It is never published."))
    text = forms.CharField(label=_("Your comment"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.ChoiceField(
        label=_("Publication"),
        choices=Submission.Consent.choices,
        initial=Submission.Consent.NAMED,
        widget=forms.RadioSelect,
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    report_type = forms.ChoiceField(label=_("Type"), choices=A.ReportType.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    stage = forms.ChoiceField(label=_("Version"), choices=Report.Stage.choices, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    comments_open_on = forms.DateField(label=_("Public comments from"), required=False, widget=DateInput())
    comments_close_on = forms.DateField(label=_("Public comments until"), required=False, widget=DateInput())
    draft_url = forms.URLField(label=_("Address of the draft"), required=False, max_length=500, assume_scheme="https")
    final_url = forms.URLField(
        label=_("Address of the final version"), required=False, max_length=500, assume_scheme="https"
    )
    ogp_url = forms.URLField(label=_("OGP's page on the report"), required=False, max_length=500, assume_scheme="https")
    published_on = forms.DateField(label=_("Published"), required=False, widget=DateInput())


def _choice(label: Any, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", _("Not assessed")), *choices], required=False)


class YesNo(forms.NullBooleanSelect):
    """Yes, no, or not assessed (Django's select says "Unknown", which reads like a finding)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("Not assessed")), ("true", _("Yes")), ("false", _("No"))]


def _yes_no(label: Any) -> forms.NullBooleanField:
    return forms.NullBooleanField(label=label, required=False, widget=YesNo())


class AssessmentForm(forms.Form):
    """The IRM's current products' scales first, then the older ones the imported data uses."""

    verifiable = _yes_no(_("Verifiable"))
    open_government_lens = _yes_no(_("Open-government lens"))
    relevant_access_to_information = _yes_no(_("Relevant to access to information"))
    relevant_civic_participation = _yes_no(_("Relevant to civic participation"))
    relevant_public_accountability = _yes_no(_("Relevant to public accountability"))
    relevant_technology_innovation = _yes_no(_("Relevant to technology and innovation"))
    potential_for_results = _choice(_("Potential for results"), A.PotentialForResults.choices)
    promising = _yes_no(_("Promising commitment"))
    completion = _choice(_("Completion"), CompletionLevel.choices)
    early_results = _choice(_("Early results"), A.EarlyResults.choices)
    specificity = _choice(_("Specificity (older reports)"), A.Specificity.choices)
    potential_impact = _choice(_("Potential impact (older reports)"), A.PotentialImpact.choices)
    opened_government = _choice(_("Did it open government? (older reports)"), A.OpenedGovernment.choices)
    starred = _yes_no(_("Starred (older reports)"))
