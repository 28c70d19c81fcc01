"""Forms of proposals: they validate; the services write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.kernel.forms import DateInput, ServiceModelForm
from samskap.kernel.intake import IntakeForm
from samskap.kernel.text import TEXT_MAX
from samskap.organisations.models import Organisation
from samskap.proposals.models import Proposal, Round
from samskap.proposals.services import DECISIONS

TEMPLATE_FIELDS = [
    "title", "problem", "description", "contribution", "relevance", "access_to_information",
    "civic_participation", "public_accountability", "technology_innovation", "lead_institution", "other_actors",
    "milestones", "start_date", "end_date", "budget", "co_authors",
]  # fmt: skip


class ProposalForm(ServiceModelForm):
    """The OGP commitment template; only the title is required (a proposal may be partial)."""

    related_fields = ("co_authors",)

    class Meta:
        model = Proposal
        fields = TEMPLATE_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "co_authors": forms.CheckboxSelectMultiple(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ("problem", "description", "contribution")},
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ("relevance", "other_actors", "milestones")},
        }

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(jurisdiction=jurisdiction).order_by("name")
        for name in ("lead_institution", "co_authors"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = organisations
        self.fields["co_authors"].help_text = _("Organisations that write the proposal with you.")


class ActingForm(forms.Form):
    """For a signed-in sender: in whose name (their own, or an organisation they are an editor of)."""

    organisation = forms.ModelChoiceField(
        label=_("Send it on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    organisation_name = forms.CharField(
        label=_("Or the organisation you write for"),
        max_length=300,
        required=False,
        help_text=_("If it is not one you are an editor of."),
    )

    def __init__(self, *args: Any, editor_of: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=list(editor_of)).order_by("name")


class SenderForm(IntakeForm):
    """Who sends a proposal without an account (the shared intake: email confirmation first)."""

    author_name = forms.CharField(
        label=_("Your name"), max_length=200, help_text=_("Shown with the proposal, like the organisation.")
    )
    email = forms.EmailField(label=_("Email"), help_text=_("For the confirmation link and the answer; never shown."))
    sender_type = forms.ChoiceField(
        label=_("You send it as"),
        choices=[
            (Proposal.SenderType.CIVIL_SOCIETY, Proposal.SenderType.CIVIL_SOCIETY.label),
            (Proposal.SenderType.CITIZEN, Proposal.SenderType.CITIZEN.label),
        ],
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sender_type") == Proposal.SenderType.CIVIL_SOCIETY and not data.get("organisation_name"):
            self.add_error("organisation_name", _("Name the organisation you send the proposal for."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("author_name", "email", "sender_type", "organisation_name")}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("New state"), choices=[(s.value, s.label) for s in DECISIONS])
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Required when the proposal is not taken up; shown publicly."),
    )
    merged_into = forms.ModelChoiceField(label=_("Merged into"), queryset=Proposal.objects.none(), required=False)
    commitment = forms.ModelChoiceField(
        label=_("The commitment it became"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_("Empty: a new commitment is created in the plan's draft from the proposal."),
    )
    identifier = forms.CharField(label=_("Identifier of the new commitment"), max_length=40, required=False)
    meeting = forms.ModelChoiceField(
        label=_("After the forum meeting"), queryset=Proposal.objects.none(), required=False
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samskap.commitments.models import Commitment
        from samskap.forum.models import Meeting

        plan = proposal.plan
        merge = self.fields["merged_into"]
        assert isinstance(merge, forms.ModelChoiceField)
        merge.queryset = (
            Proposal.objects.filter(plan=plan)
            .exclude(pk=proposal.pk)
            .exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.MERGED, Proposal.Status.WITHDRAWN])
        )
        commitment = self.fields["commitment"]
        assert isinstance(commitment, forms.ModelChoiceField)
        commitment.queryset = Commitment.objects.filter(plan=plan).order_by("order", "pk")
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = Meeting.objects.filter(forum__jurisdiction=plan.jurisdiction_id).order_by("-starts_at")


class ResponsibleForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("Ministry asked to answer"), queryset=Organisation.objects.none(), required=False
    )
    answer_by = forms.DateField(label=_("Answer by"), required=False, widget=DateInput())

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            jurisdiction=proposal.plan.jurisdiction_id, type__in=Organisation.GOVERNMENT_TYPES
        ).order_by("name")


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX)
    organisation = forms.ModelChoiceField(
        label=_("Comment as"), queryset=Organisation.objects.none(), required=False, empty_label=_("Myself")
    )

    def __init__(self, *args: Any, editor_of: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=list(editor_of)).order_by("name")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, required=False
    )


class RoundForm(ServiceModelForm):
    class Meta:
        model = Round
        fields = ["title", "description", "closes_at", "meeting", "phase", "answer_days"]
        widgets = {"closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samskap.forum.models import Meeting

        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(forum__jurisdiction=plan.jurisdiction_id).order_by("-starts_at")
        phase = self.fields["phase"]
        assert isinstance(phase, forms.ModelChoiceField)
        phase.queryset = plan.phases.all()
        closes = self.fields["closes_at"]
        assert isinstance(closes, forms.DateTimeField)
        closes.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ReceivedForm(forms.Form):
    """For the coordinator: a proposal or comment that came by letter or email, in whose name and when."""

    organisation = forms.ModelChoiceField(label=_("From the organisation"), queryset=Organisation.objects.none())
    author_name = forms.CharField(
        label=_("Contact person"), max_length=200, required=False, help_text=_("Empty: the organisation's name.")
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(jurisdiction=jurisdiction).order_by("name")

    def clean_received_on(self) -> Any:
        import datetime

        day = self.cleaned_data["received_on"]
        if day > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class ReceivedCommentForm(ReceivedForm):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX)

    field_order = ["organisation", "text", "received_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["author_name"]
