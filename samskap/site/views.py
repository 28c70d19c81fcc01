from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import registry
from samskap.kernel.forms import PlainSelect
from samskap.kernel.links import site_host, site_scheme
from samskap.kernel.pages import cached_public, data_version
from samskap.kernel.search import pending_count, planned_for_each_query, search_words


@require_GET
@cached_public(timely=True)  # the apps' panels: open consultations, meetings and milestones to come
def home(request: HttpRequest) -> HttpResponse:
    """The front page: the governments, then the panels the apps registered (samskap.kernel.registry)."""
    national = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.NATIONAL).prefetch_related("children")
    return render(request, "site/home.html", {"national": national})


#: How long a user's "My work" panels are kept (a newer data version or a new day replaces them at once).
WORK_KEPT = 600


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """My work: the panels the apps registered in `kernel.registry.work_items`; each decides what to show.

    What awaits someone changes only with the data (their roles included) or the day (what is overdue),
    so the panels are kept per user under the data version: a coordinator who comes back to the page
    costs one query for the version, not twenty over every app. The panels hold no form (no CSRF token)."""
    key = f"work:{request.user.pk}:{translation.get_language()}:{timezone.localdate()}:{data_version()}"
    work = cache.get(key)
    if work is None:
        work = render_to_string("site/_work.html", request=request)
        cache.set(key, work, WORK_KEPT)
    return render(request, "site/dashboard.html", {"work": mark_safe(work)})  # noqa: S308 (rendered with autoescaping)


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # the load balancer needs an answer, not a traceback
        return JsonResponse({"status": "error", "database": str(error.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view the benchmarks compare the real pages with."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    """Every public page may be crawled; the sitemap index names them all (under the public base address)."""
    sitemap = f"{site_scheme()}://{site_host()}{reverse('sitemap')}"
    return HttpResponse(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(label=pgettext_lazy("what is searched", "Kind"), required=False, widget=PlainSelect)
    jurisdiction = forms.ChoiceField(label=_("Government"), required=False, widget=PlainSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = sorted(registry.search_sources.items(), key=lambda item: item[1].order)
        kind, place = self.fields["kind"], self.fields["jurisdiction"]
        assert isinstance(kind, forms.ChoiceField) and isinstance(place, forms.ChoiceField)
        kind.choices = [("", _("Everything")), *[(key, source.label) for key, source in sources]]
        place.choices = [
            ("", _("All governments")),
            *Jurisdiction.objects.order_by("kind", "name").values_list("slug", "name"),
        ]


@dataclass
class SearchGroup:
    key: str
    label: str
    hits: list[registry.SearchHit]
    more: bool


SEARCH_LIMIT = 10  # per kind when searching everything
SEARCH_LIMIT_ONE_KIND = 50


@require_GET
@cached_public(query=True)  # a popular search is rendered once per version of the data
def search(request: HttpRequest) -> HttpResponse:
    """/<lang>/search/?q=…&kind=…&jurisdiction=…: every registered search source, grouped by kind."""
    form = SearchForm(request.GET or None)
    groups: list[SearchGroup] = []
    searched = False
    indexing = 0
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        searched = True
        query = form.cleaned_data["q"]
        place = (
            Jurisdiction.objects.get(slug=form.cleaned_data["jurisdiction"])
            if form.cleaned_data["jurisdiction"]
            else None
        )
        words = search_words(query)
        limit = SEARCH_LIMIT_ONE_KIND if form.cleaned_data["kind"] else SEARCH_LIMIT
        for key, source in sorted(registry.search_sources.items(), key=lambda item: item[1].order):
            if form.cleaned_data["kind"] and key != form.cleaned_data["kind"]:
                continue
            with planned_for_each_query():
                hits = source.find(words, query, place, limit + 1)
            if hits:
                groups.append(SearchGroup(key, str(source.label), hits[:limit], len(hits) > limit))
        # Rows an import left to the background indexing (kernel.search.mark_search_pending): said, so that
        # nobody concludes an imported commitment is missing. Each indexed batch changes the data's version.
        indexing = pending_count()
    return render(
        request,
        "site/search.html",
        {
            "form": form,
            "groups": groups,
            "searched": searched,
            "count": sum(len(g.hits) for g in groups),
            "indexing": indexing,
        },
    )
