import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import Commitment
from samskap.consultations.attachments import MAX_FILE_SIZE, MAX_FILES, MAX_TOTAL_SIZE, judge
from samskap.consultations.models import Consultation, Outcome, Section, Submission
from samskap.consultations.text import deadline_from, deadline_parts, start_of_day
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import DateInput
from samskap.kernel.intake import IntakeForm
from samskap.kernel.text import TEXT_MAX, one_line
from samskap.plans.models import ActionPlan, Theme

MB = 1024 * 1024


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class ConsultationForm(forms.Form):
    plan: forms.ModelChoiceField[ActionPlan] = forms.ModelChoiceField(
        label=_("Action plan"), queryset=ActionPlan.objects.none(), required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Consultation.Stage.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=Consultation._meta.get_field("body").help_text,
    )
    split_into_sections = forms.BooleanField(
        label=_("Split into sections that take comments"),
        required=False,
        help_text=Consultation._meta.get_field("split_into_sections").help_text,
    )
    questions = forms.CharField(
        label=_("Questions"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional questions to the public, one a line."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    opens_time = forms.TimeField(
        label=_("Opening time"), required=False, widget=TimeInput(), help_text=_("Empty: at the start of the day.")
    )
    closes_on = forms.DateField(label=_("Deadline"), widget=DateInput())
    closes_time = forms.TimeField(
        label=_("Deadline time"),
        required=False,
        widget=TimeInput(),
        help_text=_("Empty: submissions are taken until the end of the deadline's day, in the government's time zone."),
    )
    moderation = forms.BooleanField(
        label=_("Moderate submissions before they are published"),
        required=False,
        help_text=Consultation._meta.get_field("moderation").help_text,
    )

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, instance: Consultation | None = None, **kwargs: Any):
        if instance is not None:
            local_open = instance.opens_at.astimezone(ZoneInfo(jurisdiction.time_zone))
            closes_on, closes_time = deadline_parts(instance.closes_at, jurisdiction.time_zone)
            kwargs.setdefault(
                "initial",
                {
                    "plan": instance.plan_id,
                    "stage": instance.stage,
                    "title": instance.title,
                    "body": instance.body,
                    "split_into_sections": instance.split_into_sections,
                    "questions": instance.questions,
                    "opens_on": local_open.date(),
                    "opens_time": None if local_open.time() == datetime.time(0) else local_open.time(),
                    "closes_on": closes_on,
                    "closes_time": closes_time,
                    "moderation": instance.moderation,
                },
            )
        super().__init__(*args, **kwargs)
        self.jurisdiction = jurisdiction
        self.fields["plan"].queryset = jurisdiction.plans.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = self.jurisdiction.time_zone
        if data.get("opens_on") and data.get("closes_on"):
            opens_at = start_of_day(data["opens_on"], zone)
            if data.get("opens_time"):
                opens_at = deadline_from(data["opens_on"], data["opens_time"], zone)
            closes_at = deadline_from(data["closes_on"], data.get("closes_time"), zone)
            if closes_at <= opens_at:
                self.add_error("closes_on", _("The deadline must be after the opening."))
            data["opens_at"], data["closes_at"] = opens_at, closes_at
        return data

    def model_values(self) -> dict[str, Any]:
        names = ["plan", "stage", "title", "body", "split_into_sections", "questions", "moderation"]
        values = {name: self.cleaned_data[name] for name in names}
        values["opens_at"] = self.cleaned_data["opens_at"]
        values["closes_at"] = self.cleaned_data["closes_at"]
        return values


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("link") and not self.errors:
            raise ValidationError(_("Choose a file or give a link."), code="empty")
        upload = data.get("file")
        if upload is not None:
            try:
                judge(upload.name or "", upload, upload.size or 0)
            except ValidationError as error:
                self.add_error("file", error)
        return data


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ConfirmAgainForm(forms.Form):
    receipt = forms.CharField(label=_("Receipt number"), max_length=20, help_text=_("For example H-7K3Q-9XWA."))
    email = forms.EmailField(label=_("Email"))


class SubmissionForm(IntakeForm):
    """Anyone's input; nothing here needs an account (the public intake's one-time form token).
    Every field keeps its value on an error, except the files, which a browser cannot be given back:
    the page asks to choose them again."""

    section = forms.ModelChoiceField(queryset=Section.objects.none(), required=False, widget=forms.HiddenInput())
    name = forms.CharField(label=_("Name"), max_length=200, validators=[one_line])
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Never published. We send you a receipt and a link to confirm that the address is yours."),
    )
    respondent_type = forms.ChoiceField(label=_("You answer as"), choices=Submission.RespondentType.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False, validators=[one_line])
    on_behalf_of = forms.CharField(
        label=_("On whose behalf"),
        max_length=300,
        validators=[one_line],
        required=False,
        help_text=_("For example your organisation's board, or a group of citizens."),
    )
    text = forms.CharField(label=_("Your input"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 10}))
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "PDF, Word (DOCX), OpenDocument text (ODT), plain text or images; at most %(files)s files, "
            "%(file)s MB each and %(total)s MB in all."
        )
        % {"files": MAX_FILES, "file": MAX_FILE_SIZE // MB, "total": MAX_TOTAL_SIZE // MB},
    )
    consent = forms.ChoiceField(
        label=_("May we publish your submission?"),
        choices=Submission.Consent.choices,
        widget=forms.RadioSelect,
        initial=Submission.Consent.NAMED,
        help_text=_("Your email address is never published."),
    )

    # A coordinator registering a late submission types in someone else's: the form speaks of the sender.
    ON_BEHALF_OF_THE_SENDER = {
        "name": (_("The sender's name"), None),
        "email": (
            _("The sender's email address"),
            _("Never published. The sender gets a receipt and a link to confirm that the address is theirs."),
        ),
        "respondent_type": (_("The sender answers as"), None),
        "on_behalf_of": (_("On whose behalf"), _("For example an organisation's board, or a group of citizens.")),
        "text": (_("The submission"), None),
        "consent": (
            _("May the submission be published? (as the sender agreed)"),
            _("The email address is never published."),
        ),
    }

    def __init__(self, *args: Any, consultation: Consultation, late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        if late:
            for name, (label, help_text) in self.ON_BEHALF_OF_THE_SENDER.items():
                self.fields[name].label = label
                if help_text is not None:
                    self.fields[name].help_text = help_text
        self.fields["section"].queryset = consultation.sections.all()  # type: ignore[attr-defined]
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.docx,.odt,.txt,.png,.jpg,.jpeg,.gif,.webp"
        self.questions = consultation.question_list
        for number, question in enumerate(self.questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question, max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        order = ["form_token", "section", "name", "email", "respondent_type", "organisation", "on_behalf_of", "text"]
        order += [f"answer_{n}" for n in range(len(self.questions))] + ["attachments", "consent"]
        self.order_fields(order)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Write your input."), code="required")
        return text

    def clean_attachments(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["attachments"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Send at most %(count)s files."), params={"count": MAX_FILES}, code="too_many")
        errors = []
        for upload in files:
            try:
                judge(upload.name or "", upload, upload.size or 0)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        if sum(upload.size or 0 for upload in files) > MAX_TOTAL_SIZE:
            raise ValidationError(
                _("The files are larger than %(limit)s MB together."),
                params={"limit": MAX_TOTAL_SIZE // MB},
                code="too_large",
            )
        return files

    @property
    def files_lost(self) -> bool:
        """Files were chosen but the form has errors: the browser will not send them again."""
        return bool(self.is_bound and self.errors and self.files and self.files.getlist("attachments"))

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = [
            {"question": question, "answer": data.get(f"answer_{n}", "").strip()}
            for n, question in enumerate(self.questions)
        ]
        return {
            "section": data.get("section"),
            "name": data["name"].strip(),
            "email": data["email"],
            "respondent_type": data["respondent_type"],
            "organisation": data["organisation"].strip(),
            "on_behalf_of": data["on_behalf_of"].strip(),
            "text": data["text"],
            "answers": [a for a in answers if a["answer"]],
            "consent": data["consent"],
        }


class AnswerForm(forms.Form):
    topics = forms.CharField(
        label=_("Themes"),
        max_length=1000,
        required=False,
        help_text=_("Themes of the submission, separated by commas."),
    )
    group = forms.CharField(
        label=_("Group"),
        max_length=300,
        required=False,
        help_text=_("Similar submissions share a group's name and can be answered together."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments it led to"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Plan themes it led to"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(),
    )
    whole_group = forms.BooleanField(label=_("Give this answer to every submission in the group"), required=False)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = consultation.jurisdiction.plans.all()
        self.fields["commitments"].queryset = (  # type: ignore[attr-defined]
            Commitment.objects.filter(plan__in=plans).select_related("plan").order_by("-plan__start_date", "order")
        )
        self.fields["themes"].queryset = Theme.objects.filter(plan__in=plans).select_related("plan")  # type: ignore[attr-defined]
        commitments: Any = self.fields["commitments"]
        commitments.label_from_instance = lambda c: f"{c.plan.label}: {c.identifier} {c.short_title or c.title}"[:120]
        themes: Any = self.fields["themes"]
        themes.label_from_instance = lambda t: f"{t.plan.label}: {t.title}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("whole_group") and not (data.get("group") or "").strip():
            self.add_error("group", _("Name the group whose submissions get this answer."))
        return data


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Markdown. What the input said, what was taken up and why. Publishing it marks the consultation answered."
        ),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"), max_length=500, help_text=_("Shown in place of the submission and in its history.")
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    respondent_type = forms.ChoiceField(
        label=_("Respondent type"), choices=[("", _("All")), *Submission.RespondentType.choices], required=False
    )
    topic = forms.ChoiceField(label=_("Theme"), choices=[("", _("All"))], required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("All")), ("unanswered", _("Not answered yet")), *Outcome.choices],
        required=False,
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All"))] + [  # type: ignore[attr-defined]
            (str(t.pk), t.name) for t in consultation.topics.all()
        ]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {
            "query": self.cleaned_data["q"],
            "respondent_type": self.cleaned_data["respondent_type"],
            "topic": self.cleaned_data["topic"],
            "outcome": self.cleaned_data["outcome"],
        }
