from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField

from samskap.accounts.permissions import Action, can
from samskap.commitments.models import COMPLETION_SCALE

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: template.Context, action: str, target: Any = None) -> bool:
    """{% allowed "commitment.edit" commitment as may_edit %}: the permission rules, in a template."""
    return can(context["request"].user, Action(action), target)


COMPLETION_COLOURS = {
    "not_started": "neutral",
    "no_evidence": "neutral",
    "unclear": "neutral",
    "withdrawn": "danger",
    "limited": "warning",
    "substantial": "info",
    "complete": "success",
}
MILESTONE_COLOURS = {
    "not_started": "neutral",
    "on_track": "info",
    "delayed": "warning",
    "completed": "success",
    "cancelled": "danger",
}


@register.filter
def completion_colour(level: str) -> str:
    return COMPLETION_COLOURS.get(level, "neutral")


@register.filter
def milestone_colour(status: str) -> str:
    return MILESTONE_COLOURS.get(status, "neutral")


@register.filter
def completion_steps(level: str) -> int:
    """How many of the four steps of the completion scale a level fills (0 when off the scale)."""
    return COMPLETION_SCALE.index(level) + 1 if level in COMPLETION_SCALE else 0


@register.simple_tag
def scale_length() -> int:
    return len(COMPLETION_SCALE)


@register.filter
def host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url


LANGUAGE_NAMES = {"nb": "Norsk bokmål", "da": "Dansk", "en": "English"}


@register.filter
def own_language_name(code: str) -> str:
    """A language's name in that language, as a language switcher shows it."""
    return LANGUAGE_NAMES.get(code, code)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def ds_widget(field: BoundField) -> str:
    """The field's widget with the design system's class and the ARIA links to its help and errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str | bool] = {"class": "ds-input"}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def without_language_prefix(path: str) -> str:
    """'/en/organisations/?q=x' -> '/organisations/?q=x'. The language switcher sends this as `next`,
    so that after the choice the locale middleware adds the new language's prefix."""
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path
