"""Form pieces shared by the apps."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """A select of plain options rendered in Python instead of through the widget templates: the same
    markup for a long list on a hot page (the site search's ~100 governments took the template renderer
    about as long as the rest of the page's template). Groups (nested choices) render as `forms.Select` does."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        choices = list(self.choices)
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen: str | None = next(iter(self.format_value(value)), "")
        options = []
        for option, label in choices:
            text = "" if option is None else str(option)
            selected = text == chosen
            if selected:
                chosen = None  # only the first option of the value is selected, as in `forms.Select`
            options.append((text, " selected" if selected else "", label))
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": name, **self.build_attrs(self.attrs, attrs)}),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


class URLListField(forms.CharField):
    """Links, one a line, stored as a list. Every line must be an http(s) address."""

    widget = forms.Textarea(attrs={"rows": 3})
    default_error_messages = {
        "invalid_url": _("Line %(line)s is not a web address (it must start with https:// or http://): %(value)s"),
        "too_many": _("Give at most %(max)s links."),
    }
    max_links = 20

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_links:
            raise ValidationError(self.error_messages["too_many"], code="too_many", params={"max": self.max_links})
        check = URLValidator(schemes=["http", "https"])
        for number, url in enumerate(value, start=1):
            try:
                check(url)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_url"], code="invalid_url", params={"line": number, "value": url[:200]}
                ) from None

    def run_validators(self, value: Any) -> None:
        # CharField's length validators apply to the text, not to the list.
        return None

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial or []) != self.to_python(data)


def apply_model_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a model's ValidationError (e.g. a broken constraint) on the form instead of a 500."""
    if hasattr(error, "error_dict"):
        for name, messages in error.error_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error)


class ServiceModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form that only validates input; a service sets the values, validates the model and saves.

    The instance is left untouched, so that the service can record what it was before the change.
    """

    related_fields: tuple[str, ...] = ()

    def _post_clean(self) -> None:
        pass

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data

    def model_values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name not in self.related_fields}


def save_with(form: forms.BaseForm, write: Callable[[], T]) -> T | None:
    """Run a service for a valid form; a model rule it breaks becomes a form error (nothing saved)."""
    try:
        return write()
    except ValidationError as error:
        apply_model_errors(form, error)
        return None
