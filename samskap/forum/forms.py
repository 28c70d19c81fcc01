"""Forms of the co-creation calendar: they validate; the services write."""

import re
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from samskap.forum.models import JoinRequest, Meeting, Member, Phase, Registration
from samskap.kernel.forms import DateInput, ServiceModelForm
from samskap.kernel.intake import IntakeForm
from samskap.kernel.text import TEXT_MAX


class RegistrationForm(IntakeForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), help_text=_("For your receipt, the calendar entry and any changes."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    represents = forms.CharField(
        label=_("Whom you represent"),
        max_length=300,
        required=False,
        help_text=_("If not the organisation: e.g. a network."),
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Only the organisers see this."),
    )
    advance_input = forms.CharField(
        label=_("Proposals or questions in advance"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        required=False,
    )
    show_publicly = forms.BooleanField(
        label=_("My name and organisation may be shown among those attending"), required=False
    )

    FIELDS = ("name", "email", "organisation", "represents", "needs", "advance_input", "show_publicly")

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class JoinForm(IntakeForm):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    motivation = forms.CharField(
        label=_("Why the organisation wants to join"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )

    FIELDS = ("organisation", "contact_name", "email", "motivation")

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (sent to the organisation)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not str(data.get("reason", "")).strip():
            self.add_error("reason", _("Give the reason for declining."))
        return data


RECIPIENT = re.compile(r"^(?P<organisation>.+?)\s*[<(;,]\s*(?P<email>[^<>()\s;,]+@[^<>()\s;,]+)\s*[>)]?\s*$")


class InvitationForm(forms.Form):
    recipients = forms.CharField(
        label=_("Recipients"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX,
        help_text=_("One a line: the organisation and its email, e.g. “Wikimedia Norge <post@wikimedia.no>”."),
    )
    letter = forms.CharField(
        label=_("Letter"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=TEXT_MAX,
        help_text=_("The text of the email; the personal link is added below it."),
    )

    def clean_recipients(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        bad: list[str] = []
        for line in self.cleaned_data["recipients"].splitlines():
            if not line.strip():
                continue
            match = RECIPIENT.match(line.strip())
            try:
                if match is None:
                    raise forms.ValidationError("")
                validate_email(match["email"])
            except forms.ValidationError:
                bad.append(line.strip()[:80])
                continue
            found.append((match["organisation"].strip()[:200], match["email"]))
        if bad:
            raise forms.ValidationError(
                _("These lines have no organisation and email: %(lines)s") % {"lines": "; ".join(bad)}
            )
        if not found:
            raise forms.ValidationError(_("Write at least one recipient."))
        return found


class MeetingForm(ServiceModelForm):
    """Times are entered and shown in the jurisdiction's time zone (the view activates it)."""

    class Meta:
        model = Meeting
        fields = [
            "title",
            "plan",
            "description",
            "starts_at",
            "ends_at",
            "address",
            "room",
            "video_url",
            "access",
            "registration_closes_at",
            "capacity",
            "reserved_seats",
            "per_organisation",
            "reminder_hours",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "registration_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args: Any, jurisdiction: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if jurisdiction is not None:
            plan_field = self.fields["plan"]
            assert isinstance(plan_field, forms.ModelChoiceField)
            plan_field.queryset = jurisdiction.plans.all()
        for name in ("starts_at", "ends_at", "registration_closes_at"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("One item a line; a number of minutes may follow a bar: “Welcome | 15”."),
    )

    def items(self) -> list[dict[str, Any]]:
        items = []
        for line in self.cleaned_data["agenda"].splitlines():
            if not line.strip():
                continue
            title, _bar, minutes = line.partition("|")
            items.append({"title": title.strip()[:300], "minutes": int(minutes) if minutes.strip().isdigit() else None})
        return items


class PhaseForm(ServiceModelForm):
    class Meta:
        model = Phase
        fields = ["kind", "title", "description", "starts_on", "ends_on", "link", "link_title", "meeting"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None:
            meeting_field = self.fields["meeting"]
            assert isinstance(meeting_field, forms.ModelChoiceField)
            meeting_field.queryset = Meeting.objects.filter(forum__jurisdiction_id=plan.jurisdiction_id)


class MemberForm(ServiceModelForm):
    class Meta:
        model = Member
        fields = ["organisation", "role", "representative", "deputy", "term_starts", "term_ends", "selection"]
        widgets = {"term_starts": DateInput(), "term_ends": DateInput()}


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Registration.Attendance.choices, required=False)


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), max_length=TEXT_MAX)
    decisions = forms.CharField(
        label=_("Decisions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("One a line."),
    )
    actions = forms.CharField(
        label=_("Action items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("One a line: what | who | by when (YYYY-MM-DD)."),
    )

    def outcomes(self) -> list[dict[str, Any]]:
        from datetime import date

        found: list[dict[str, Any]] = []
        for line in self.cleaned_data["decisions"].splitlines():
            if line.strip():
                found.append({"kind": "decision", "text": line.strip()})
        for line in self.cleaned_data["actions"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            due = None
            if len(parts) > 2 and parts[2]:
                try:
                    due = date.fromisoformat(parts[2])
                except ValueError:
                    self.add_error("actions", _("“%(date)s” is not a date like 2026-12-31.") % {"date": parts[2][:20]})
            found.append(
                {"kind": "action", "text": parts[0], "who": parts[1][:200] if len(parts) > 1 else "", "due_on": due}
            )
        return found


JoinRequestStatus = JoinRequest.Status
