import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import Commitment, CompletionLevel, Milestone, PolicyArea, check_status_date
from samskap.kernel.forms import DateInput, ServiceModelForm, URLListField
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


class ProgressUpdateForm(forms.Form):
    as_of = forms.DateField(label=_("Status as of"), widget=DateInput(), help_text=_("The date the status describes."))
    completion = forms.ChoiceField(
        label=_("Completion"),
        choices=CompletionLevel.choices,
        help_text=_("The IRM scale: not started, limited, substantial or complete."),
    )
    narrative = forms.CharField(
        label=_("What has been done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=Commitment._meta.get_field("problem").max_length,
        help_text=_("Say what was done since the last update, in words the public understands."),
    )
    evidence_links = URLListField(
        label=_("Evidence"), required=False, help_text=_("Links to documents that show the progress, one a line.")
    )

    def __init__(self, *args: Any, time_zone: datetime.tzinfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = str(time_zone or timezone.get_current_timezone())
        self.today = timezone.localdate(timezone=time_zone)
        if not self.is_bound:
            self.initial.setdefault("as_of", self.today)

    def clean_as_of(self) -> datetime.date:
        # The model owns the rule; asking it here shows the error beside the other fields' errors.
        as_of: datetime.date = self.cleaned_data["as_of"]
        check_status_date(as_of, self.time_zone)
        return as_of


class MilestoneForm(ServiceModelForm):
    evidence_links = URLListField(
        label=_("Evidence"), required=False, help_text=_("Links to documents that show the deliverable, one a line.")
    )

    class Meta:
        model = Milestone
        fields = ["order", "activity", "start_date", "end_date", "status", "evidence_links"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "activity": forms.Textarea(attrs={"rows": 3}),
        }


class MilestoneStatusForm(MilestoneForm):
    """What an institution editor may change on a milestone: its status and evidence."""

    class Meta(MilestoneForm.Meta):
        fields = ["status", "evidence_links"]


class CommitmentForm(ServiceModelForm):
    related_fields = ("policy_areas", "supporting_institutions")

    class Meta:
        model = Commitment
        fields = [
            "identifier",
            "order",
            "theme",
            "title",
            "short_title",
            "problem",
            "description",
            "contribution",
            "relevance",
            "access_to_information",
            "civic_participation",
            "public_accountability",
            "technology_innovation",
            "policy_areas",
            "start_date",
            "end_date",
            "lead_institution",
            "supporting_institutions",
            "other_actors",
            "contact_name",
            "contact_title",
            "contact_email",
            "contact_phone",
            "budget",
            "origin",
            "status",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "problem": forms.Textarea(attrs={"rows": 5}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "contribution": forms.Textarea(attrs={"rows": 5}),
            "relevance": forms.Textarea(attrs={"rows": 4}),
            "other_actors": forms.Textarea(attrs={"rows": 3}),
            "policy_areas": forms.CheckboxSelectMultiple(),
            "supporting_institutions": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["theme"].queryset = plan.themes.all()  # type: ignore[attr-defined]
        organisations = Organisation.objects.filter(jurisdiction_id=plan.jurisdiction_id)
        if plan.jurisdiction.parent_id:
            organisations = Organisation.objects.filter(
                jurisdiction_id__in=[plan.jurisdiction_id, plan.jurisdiction.parent_id]
            )
        self.fields["lead_institution"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["supporting_institutions"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["policy_areas"].queryset = PolicyArea.objects.all()  # type: ignore[attr-defined]

    def clean_identifier(self) -> str:
        identifier: str = self.cleaned_data["identifier"].strip()
        return identifier  # the model says whether it is taken (Commitment.clean)
