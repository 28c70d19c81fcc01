"""Forms of the local app: they only validate; the services write."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import Commitment
from samskap.consultations import attachments
from samskap.jurisdictions.models import Jurisdiction, time_zone_choices
from samskap.kernel.forms import DateInput, ServiceModelForm, URLListField
from samskap.kernel.intake import IntakeForm
from samskap.kernel.text import TEXT_MAX
from samskap.local.models import Activity, JoinRequest, organisation_number
from samskap.local.services import MAX_LOCAL_COMMITMENTS, Decision
from samskap.plans.models import ActionPlan, Theme


class JoinForm(IntakeForm):
    name = forms.CharField(label=_("Name of the municipality or county"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=JoinRequest.Kind.choices, widget=forms.RadioSelect)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        validators=[organisation_number],
        help_text=_("From the register of legal entities (9 digits in Norway, 8 in Denmark)."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    email = forms.EmailField(label=_("Contact's email"), help_text=_("We send a link to confirm this address."))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    coordinator_name = forms.CharField(
        label=_("Who will coordinate the work"), max_length=200, help_text=_("This person is invited to an account.")
    )
    coordinator_email = forms.EmailField(label=_("Coordinator's email"))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, initial="Europe/Oslo")
    default_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="nb")
    motivation = forms.CharField(
        label=_("What the local government wants to do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("For example: report activities for openness, or make a local OGP action plan."),
    )

    FIELDS = (
        "name", "kind", "organisation_number", "contact_name", "email", "contact_phone", "coordinator_name",
        "coordinator_email", "time_zone", "default_language", "motivation",
    )  # fmt: skip

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.FIELDS}
        values["organisation_number"] = "".join(values["organisation_number"].split())
        return values


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (sent to the local government)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not str(data.get("reason", "")).strip():
            self.add_error("reason", _("Give the reason for declining."))
        return data


def national_commitments(place: Jurisdiction) -> Any:
    """Commitments of the country's published plans (what a local activity can contribute to)."""
    return (
        Commitment.objects.filter(plan__jurisdiction=place.parent, plan__published_at__isnull=False)
        .select_related("plan")
        .order_by("-plan__start_date", "order", "pk")
    )


class CommitmentChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.label} · {obj.identifier} {obj.title}"


class PillarChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.label} · {obj.title}"


class ActivityForm(ServiceModelForm):
    links = URLListField(
        label=_("Links and documents"), required=False, help_text=_("Web addresses of documents, one a line.")
    )
    pillar = PillarChoice(label=_("Pillar of the national plan"), queryset=Theme.objects.none(), required=False)
    commitment = CommitmentChoice(
        label=_("National commitment it contributes to"), queryset=Commitment.objects.none(), required=False
    )

    class Meta:
        model = Activity
        fields = [
            "title", "description", "ogp_value", "pillar", "commitment", "start_date", "end_date", "results", "links",
            "contact_name", "contact_email",
        ]  # fmt: skip
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _("What the activity is, and why it makes the local government more open."),
            "results": _("What has come of it so far."),
        }

    def __init__(self, *args: Any, place: Jurisdiction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pillar = self.fields["pillar"]
        assert isinstance(pillar, forms.ModelChoiceField)
        pillar.queryset = (
            Theme.objects.filter(plan__jurisdiction=place.parent, plan__published_at__isnull=False)
            .select_related("plan")
            .order_by("-plan__start_date", "order", "pk")
        )
        commitment = self.fields["commitment"]
        assert isinstance(commitment, forms.ModelChoiceField)
        commitment.queryset = national_commitments(place)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.ACCEPT, _("Accept and publish")),
            (Decision.CHANGES, _("Ask for changes")),
            (Decision.DECLINE, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Comment or reason (sent to the local government)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )
    good_example = forms.BooleanField(label=_("A good example to share with OGP"), required=False)
    commitment = CommitmentChoice(
        label=_("National commitment it contributes to"), queryset=Commitment.objects.none(), required=False
    )

    def __init__(self, *args: Any, place: Jurisdiction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commitment = self.fields["commitment"]
        assert isinstance(commitment, forms.ModelChoiceField)
        commitment.queryset = national_commitments(place)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in (Decision.CHANGES, Decision.DECLINE) and not str(data.get("note", "")).strip():
            self.add_error("note", _("Say what should change, or why the activity is declined."))
        return data


class GoodExampleForm(forms.Form):
    good_example = forms.BooleanField(label=_("A good example to share with OGP"), required=False)
    commitment = CommitmentChoice(
        label=_("National commitment it contributes to"), queryset=Commitment.objects.none(), required=False
    )

    def __init__(self, *args: Any, place: Jurisdiction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commitment = self.fields["commitment"]
        assert isinstance(commitment, forms.ModelChoiceField)
        commitment.queryset = national_commitments(place)


class LocalPlanForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=40, help_text=_('Such as "2025-2027".'))
    title = forms.CharField(label=_("Title"), max_length=300)
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    end_date = forms.DateField(label=_("End"), widget=DateInput())
    themes = forms.ModelMultipleChoiceField(
        label=_("Pillars to take over"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments to adapt"),
        queryset=Commitment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("OGP Local plans are short: choose at most five."),
    )

    def __init__(self, *args: Any, national_plan: ActionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = national_plan.themes.order_by("order", "pk")
        commitments = self.fields["commitments"]
        assert isinstance(commitments, forms.ModelMultipleChoiceField)
        commitments.queryset = national_plan.commitments.order_by("order", "pk")
        if not self.is_bound:
            self.initial.setdefault("themes", list(themes.queryset))

    def clean_commitments(self) -> Any:
        chosen = self.cleaned_data["commitments"]
        if len(chosen) > MAX_LOCAL_COMMITMENTS:
            raise forms.ValidationError(
                _("A local plan has at most %(count)s commitments; choose fewer.") % {"count": MAX_LOCAL_COMMITMENTS}
            )
        return chosen

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class DocumentForm(forms.Form):
    """A file for an activity; the service judges it (`consultations.attachments.judge`) and stores it."""

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave it empty to use the file's name."),
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
            "invalid": _("No file was sent. Choose the file again."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX), OpenDocument text (ODT), plain text (UTF-8) or an image; at most %(size)s MB."
        ) % {"size": attachments.MAX_FILE_SIZE // (1024 * 1024)}
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.odt,.txt,.png,.jpg,.jpeg,.gif,.webp"

    @property
    def files_lost(self) -> bool:
        """A file was chosen but the form has errors: the browser will not send it again."""
        return bool(self.is_bound and self.errors and self.files and self.files.get("file"))
