from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from samskap.accounts.permissions import can
from samskap.kernel import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: template.Context, action: str, target: Any = None) -> bool:
    """{% allowed "commitment.edit" commitment as may_edit %}: the permission rules, in a template."""
    return can(context["request"].user, action, target)


MILESTONE_COLOURS = {
    "not_started": "neutral",
    "on_track": "info",
    "delayed": "warning",
    "completed": "success",
    "cancelled": "danger",
}


@register.filter
def milestone_colour(status: str) -> str:
    return MILESTONE_COLOURS.get(status, "neutral")


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
    """'/en/organisations/?q=x' -> '/organisations/?q=x', for the language switcher's links."""
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, Any]]:
    """{% main_menu as items %}: the entries the apps registered in `kernel.registry.navigation`, in order,
    each with its address and whether the current page is under it."""
    from django.urls import reverse

    request = context.get("request")
    path = request.path if request is not None else ""
    items = []
    for item in sorted(registry.navigation, key=lambda entry: entry.order):
        url = reverse(item.url_name)
        items.append(
            {"label": item.label, "url": url, "current": path == url or (path.startswith(url) and url.count("/") > 2)}
        )
    return items


PANEL_REGISTRIES = {
    "home": registry.home_panels,
    "plan": registry.plan_panels,
    "commitment": registry.commitment_panels,
    "organisation": registry.organisation_panels,
    "jurisdiction": registry.jurisdiction_panels,
    "meeting": registry.meeting_panels,
    "consultation": registry.consultation_panels,
    "forum": registry.forum_panels,
    "work": registry.work_items,
}


@register.simple_tag(takes_context=True)
def panels(context: template.Context, page: str, subject: Any = None) -> str:
    """{% panels "plan" plan %}: the blocks other apps registered for this page, in their order."""
    engine = context.template.engine if context.template is not None else template.engines["django"].engine  # type: ignore[attr-defined]
    parts = []
    for name, values in registry.panels(PANEL_REGISTRIES[page], context.get("request"), subject):
        with context.push(**values):
            parts.append(engine.get_template(name).render(context))
    return mark_safe("".join(parts))  # noqa: S308 (templates rendered with autoescaping)


@register.filter
def lang_of(source: Any) -> str:
    """` lang="nb"` when content in `source`'s language (a jurisdiction's default language, or a
    language code) is shown in an interface in another language; nothing when they agree (WCAG 3.1.2)."""
    code = str(getattr(source, "default_language", source) or "")
    current = (translation.get_language() or "").split("-")[0]
    if not code or code.split("-")[0] == current:
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag(takes_context=True)
def search_hits(context: template.Context, hits: list[registry.SearchHit]) -> str:
    """{% search_hits group.hits %}: each site-search hit as a list item, its title linked, then its context
    and snippet; `lang` on the title and the snippet when the content's language is not the page's. Made in
    Python: a page shows up to ninety hits, and as a template loop they took as long as the rest of the page."""
    page_language = context.get("LANGUAGE_CODE")
    items = []
    for hit in hits:
        lang = format_html(' lang="{}"', hit.language) if hit.language and hit.language != page_language else ""
        about = format_html('<p class="ds-paragraph" data-size="sm">{}</p>', hit.context) if hit.context else ""
        snippet = (
            format_html('<p class="ds-paragraph" data-size="sm"{}>{}</p>', lang, hit.snippet) if hit.snippet else ""
        )
        items.append(
            format_html('<li><a class="ds-link" href="{}"{}>{}</a>{}{}</li>', hit.url, lang, hit.title, about, snippet)
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every part escaped by format_html)
