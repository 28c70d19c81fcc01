from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import cached_public


@require_GET
@cached_public(timely=True)  # other apps' panels (meetings to come, open consultations) follow the time
def jurisdiction_detail(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    place = get_object_or_404(
        Jurisdiction.objects.select_related("parent", "coordinating_organisation"), slug=jurisdiction
    )
    return render(
        request,
        "jurisdictions/detail.html",
        {
            "jurisdiction": place,
            "plans": place.plans.filter(published_at__isnull=False)
            .annotate(commitment_count=Count("commitments"))
            .order_by("-start_date"),
            "children": place.children.all(),
            "organisations": place.organisations.annotate(commitment_count=Count("led_commitments")).order_by("name"),
        },
    )
