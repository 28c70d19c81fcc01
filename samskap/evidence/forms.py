"""Forms of the evidence repository: they validate; the services write."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import Commitment, Milestone
from samskap.consultations.attachments import MAX_FILE_SIZE, judge
from samskap.evidence.models import Document, DocumentKind, Verdict
from samskap.forum.models import Meeting
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import DateInput
from samskap.kernel.text import TEXT_MAX
from samskap.plans.models import ActionPlan

ACCEPT = ".pdf,.docx,.odt,.txt,.png,.jpg,.jpeg,.gif,.webp"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX, required=False
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("The document's own date."))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), plain text or an image, at most 10 MB."),
    )
    url = forms.URLField(
        label=_("Or a link"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("A document published elsewhere. Links are checked every week."),
    )
    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=ActionPlan.objects.none(), required=False)
    commitment = forms.ModelChoiceField(label=_("Commitment"), queryset=Commitment.objects.none(), required=False)
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=Milestone.objects.none(), required=False)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)

    FIELDS = ("kind", "title", "description", "date", "language", "plan", "commitment", "milestone", "meeting", "url")

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, document: Document | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        fields: Any = self.fields
        fields["plan"].queryset = ActionPlan.objects.filter(jurisdiction=jurisdiction).order_by("-start_date")
        fields["commitment"].queryset = Commitment.objects.filter(plan__jurisdiction=jurisdiction).select_related(
            "plan"
        )
        fields["milestone"].queryset = Milestone.objects.filter(
            commitment__plan__jurisdiction=jurisdiction
        ).select_related("commitment")
        fields["meeting"].queryset = Meeting.objects.filter(forum__jurisdiction=jurisdiction).order_by("-starts_at")
        fields["commitment"].label_from_instance = lambda c: f"{c.identifier} {c.title[:80]}"
        fields["milestone"].label_from_instance = lambda m: f"{m.commitment.identifier} {m}"
        fields["file"].widget.attrs["accept"] = ACCEPT
        if not self.is_bound:
            self.initial.setdefault("language", jurisdiction.default_language)

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"]
        if "\x00" in title or "\n" in title:
            raise forms.ValidationError(_("The title must be one line."))
        return title.strip()

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        judge(upload.name or "", upload, upload.size or 0)  # raises a clear error for what is not accepted
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kept = bool(self.document and (self.document.file or self.document.url))
        if data.get("file") and data.get("url"):
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not data.get("file") and not data.get("url") and not kept:
            if "file" not in self.errors and "url" not in self.errors:
                self.add_error("file", _("Upload a file or give a link."))
        return data

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data.get(name) for name in self.FIELDS}
        for name in ("plan", "commitment", "milestone", "meeting"):
            values[name] = values[name] or None
        values["description"] = values["description"] or ""
        if not values["url"]:
            values.pop("url")
        return values


class OverrideForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        help_text=_("Shown on the standards page beside the verdict."),
        error_messages={"required": _("Give the reason for the verdict.")},
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].replace("\x00", "").strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the verdict."))
        return reason


class RepositoryFilter(forms.Form):
    """The repository's filters: anything that does not fit is ignored (a bad link is never a 500)."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    jurisdiction = forms.SlugField(label=_("Government"), required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All types")), *DocumentKind.choices], required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    origin = forms.ChoiceField(
        label=_("Source"),
        choices=[
            ("", _("All")),
            ("upload", _("Uploaded")),
            ("link", _("Linked")),
            ("published", _("Published by Samskap")),
        ],
        required=False,
    )
    plan = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    commitment = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
