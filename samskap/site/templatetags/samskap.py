from typing import Any

from django import forms, template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.boundfield import BoundField
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from samskap.accounts.permissions import can
from samskap.kernel import registry
from samskap.kernel.pages import shown_address

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


# What the base template renders the same way for every request in a language: {(name or menu, language,
# script prefix): rendered}. Per process and never stale: it depends only on the code, the settings and
# the static files' manifest, which change only with a restart (`_forget_chrome` covers a test's settings).
_CHROME: dict[tuple[Any, ...], Any] = {}


@receiver(setting_changed)
def _forget_chrome(**kwargs: Any) -> None:
    _CHROME.clear()


def _chrome_key(name: str) -> tuple[str, str, str]:
    return (name, translation.get_language() or "", get_script_prefix())


class ChromeNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        if settings.DEBUG:  # a template edited in development shows at once
            return self.nodelist.render(context)
        key = _chrome_key(self.name)
        found = _CHROME.get(key)
        if found is None:
            found = _CHROME[key] = self.nodelist.render(context)
        return found


@register.tag
def chrome(parser: template.base.Parser, token: template.base.Token) -> ChromeNode:
    """{% chrome "name" %}...{% endchrome %}: a part of the page frame rendered once per language and
    process (a logged-in page is never cached whole, and the frame was a fifth of its time). Only for
    what depends on nothing but the language: no user, no request, no CSRF token."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% chrome %} takes one name")
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(bits[1].strip("\"'"), nodelist)


def _menu_entries() -> list[tuple[str, str]]:
    """The registered navigation's (label, address) in the current language, worked out once (reversing
    the addresses was a tenth of a logged-in page's time)."""
    from django.urls import reverse

    key = (*_chrome_key("main menu"), *registry.navigation.keys())  # a test may plug in an entry
    found = _CHROME.get(key)
    if found is None:
        found = _CHROME[key] = [
            (str(item.label), reverse(item.url_name))
            for item in sorted(registry.navigation, key=lambda entry: entry.order)
        ]
    return found


@register.simple_tag(takes_context=True)
def main_menu_links(context: template.Context) -> str:
    """{% main_menu_links %}: an <li> for each entry the apps registered in `kernel.registry.navigation`,
    in order, the one the current page is under marked `aria-current`; kept per language and marked entry."""
    request = context.get("request")
    path = request.path if request is not None else ""
    entries = _menu_entries()
    current = [path == url or (path.startswith(url) and url.count("/") > 2) for _label, url in entries]
    key = (*_chrome_key("main menu links"), *registry.navigation.keys(), *current)
    found = _CHROME.get(key)
    if found is None:
        marked = mark_safe(' aria-current="page"')
        found = _CHROME[key] = format_html_join(
            "\n",
            '<li><a href="{}"{}>{}</a></li>',
            ((url, marked if here else "", label) for (label, url), here in zip(entries, current, strict=True)),
        )
    return found


@register.simple_tag(takes_context=True)
def here(context: template.Context) -> str:
    """{% here as address_of_this_page %}: this page's address for its links back (`kernel.pages.shown_address`)."""
    request = context.get("request")
    return shown_address(request) if request is not None else "/"


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> str:
    """{% language_links %}: an <li> linking this page in each language, the current one marked."""
    request = context.get("request")
    path = without_language_prefix(shown_address(request) if request is not None else "/")
    language = translation.get_language()
    marked = mark_safe(' aria-current="true"')
    return format_html_join(
        "\n",
        '<li><a href="/{0}{1}" lang="{0}" hreflang="{0}" class="ds-button" data-variant="{2}" data-size="sm"{3}>{4}</a>'
        "</li>",
        (
            (code, path, "secondary" if code == language else "tertiary", marked if code == language else "", name)
            for code, name in ((code, own_language_name(code)) for code, _name in settings.LANGUAGES)
        ),
    )


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
