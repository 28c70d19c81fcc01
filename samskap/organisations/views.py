from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from samskap.commitments.selectors import commitments_of_organisation
from samskap.organisations.models import Organisation


@require_GET
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
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("jurisdiction"), slug=slug)
    return render(
        request,
        "organisations/detail.html",
        {"organisation": organisation, "commitments": commitments_of_organisation(organisation.pk)},
    )
