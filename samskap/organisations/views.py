from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import can, require
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import save_with
from samskap.kernel.pages import cached_public
from samskap.organisations.forms import AliasForm, InvitationForm
from samskap.organisations.models import Organisation
from samskap.organisations.permissions import DirectoryAction, OrganisationAction
from samskap.organisations.services import add_alias, invite_user, remove_alias


@require_GET
@cached_public(query=True)  # filtered by type and name
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.select_related("jurisdiction").annotate(
        commitment_count=Count("led_commitments")
    )
    kind = request.GET.get("type", "")
    if kind in Organisation.Type.values:
        organisations = organisations.filter(type=kind)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        organisations = organisations.filter(name__icontains=query)
    return render(
        request,
        "organisations/list.html",
        {
            "organisations": organisations.order_by("jurisdiction__name", "name"),
            "types": Organisation.Type.choices,
            "selected_type": kind,
            "query": query,
        },
    )


@require_GET
@cached_public()  # other apps' panels (the commitments it leads) show their data
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("jurisdiction"), slug=slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "aliases": organisation.aliases.all(),
            "may_manage_aliases": can(request.user, OrganisationAction.MANAGE_ALIASES, organisation),
        },
    )


@login_required
def aliases(request: HttpRequest, slug: str) -> HttpResponse:
    """A coordinator of the organisation's jurisdiction adds and removes its other names (English and
    local names, abbreviations), by which imports such as OGP's spreadsheet find it."""
    organisation = get_object_or_404(Organisation.objects.select_related("jurisdiction"), slug=slug)
    require(request.user, OrganisationAction.MANAGE_ALIASES, organisation)
    form = AliasForm(request.POST or None)
    if request.method == "POST" and "remove" in request.POST:
        alias = get_object_or_404(
            organisation.aliases, pk=request.POST["remove"] if request.POST["remove"].isdigit() else 0
        )
        remove_alias(actor=request.user, alias=alias)
        messages.success(request, _("“%(name)s” was removed.") % {"name": alias.name})
        return redirect("organisations:aliases", slug=organisation.slug)
    if request.method == "POST" and form.is_valid():
        added = save_with(form, lambda: add_alias(actor=request.user, organisation=organisation, **form.cleaned_data))
        if added is not None:
            messages.success(request, _("“%(name)s” was added.") % {"name": added.name})
            return redirect("organisations:aliases", slug=organisation.slug)
    return render(
        request,
        "organisations/aliases.html",
        {"organisation": organisation, "aliases": organisation.aliases.all(), "form": form},
    )


@login_required
def invite(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    place = get_object_or_404(Jurisdiction, slug=jurisdiction)
    require(request.user, DirectoryAction.INVITE_USER, place)
    form = InvitationForm(request.POST or None, jurisdiction=place)
    if request.method == "POST" and form.is_valid():
        user = invite_user(
            inviter=request.user,
            jurisdiction=place,
            site_url=settings.SITE_URL,
            language=get_language() or settings.LANGUAGE_CODE,
            **form.cleaned_data,
        )
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": user.email})
        return redirect("organisations:invite", jurisdiction=place.slug)
    return render(request, "organisations/invite.html", {"form": form, "jurisdiction": place})
