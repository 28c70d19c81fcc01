"""The open-data page, bulk downloads, OGP/IRM and Decidim files, feeds and calendars."""

import shutil
from typing import IO, Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import can, require
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.filecache import cached_file
from samskap.kernel.pages import data_version
from samskap.opendata import bulk, decidim, irm
from samskap.opendata.forms import DecidimUploadForm, UploadForm
from samskap.opendata.permissions import DataAction
from samskap.plans.models import ActionPlan

FORMATS = {"zip": "application/zip", "json": "application/json"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(jurisdiction: str, plan: str) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.public().select_related("jurisdiction"), jurisdiction__slug=jurisdiction, slug=plan
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "jurisdictions": Jurisdiction.objects.order_by("kind", "name"),
            "may_import": can(request.user, DataAction.OPEN_IMPORT_PAGE),
        },
    )


def _download(plan: ActionPlan | None, fmt: str) -> HttpResponse | FileResponse:
    """The file for the current version of the data, built once per change (`kernel.filecache`)."""
    stamp = timezone.now().strftime("%Y%m%d")
    name = f"samskap-{plan.jurisdiction.slug}-{plan.slug}" if plan else "samskap"
    title = f"Samskap: {plan}" if plan else "Samskap: all open data"
    if fmt not in ("zip", "json", "xlsx"):
        raise Http404

    def write(out: IO[bytes]) -> None:
        if fmt == "xlsx":
            with bulk.xlsx_file(plan, title) as built:
                shutil.copyfileobj(built, out)
            return
        for chunk in (bulk.zip_of_csv if fmt == "zip" else bulk.json_document)(plan, title):
            out.write(chunk)

    path = cached_file(name, data_version(), f".{fmt}", write)
    if path is None:
        busy = HttpResponse(_("This file is being prepared. Please try again in a minute."), status=503)
        busy["Retry-After"] = "30"
        busy["Content-Type"] = "text/plain; charset=utf-8"
        return busy
    response = FileResponse(path.open("rb"), content_type=FORMATS.get(fmt, XLSX))
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def download_site(request: HttpRequest, fmt: str) -> Any:
    return _download(None, fmt)


@require_GET
def download_plan(request: HttpRequest, jurisdiction: str, plan: str, fmt: str) -> Any:
    return _download(_plan(jurisdiction, plan), fmt)


@require_GET
def irm_export(request: HttpRequest, jurisdiction: str | None = None, plan: str | None = None) -> Any:
    chosen = _plan(jurisdiction, plan) if jurisdiction and plan else None
    response = StreamingHttpResponse(irm.export_rows(chosen), content_type="text/csv; charset=utf-8")
    name = f"ogp-commitments-{chosen.jurisdiction.slug}-{chosen.slug}" if chosen else "ogp-commitments"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_GET
def decidim_export(request: HttpRequest, jurisdiction: str, plan: str) -> Any:
    chosen = _plan(jurisdiction, plan)
    response = StreamingHttpResponse(decidim.export_rows(chosen), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="decidim-results-{chosen.jurisdiction.slug}-{chosen.slug}.csv"'
    )
    return response


@login_required
def import_irm_view(request: HttpRequest) -> HttpResponse:
    """Coordinators import OGP's commitment spreadsheet into their own jurisdictions; only an
    administrator (superuser) may import rows that create new jurisdictions (multi-country files)."""
    require(request.user, DataAction.OPEN_IMPORT_PAGE)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[irm.Problem] = []
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = irm.import_irm(form.cleaned_data["file"], actor=request.user)
        except irm.ImportRefused as refused:
            problems = refused.problems
    return render(
        request,
        "opendata/import.html",
        {"form": form, "problems": problems, "result": result, "title": _("Import OGP commitment data")},
    )


@login_required
def import_decidim_view(request: HttpRequest) -> HttpResponse:
    require(request.user, DataAction.OPEN_IMPORT_PAGE)
    allowed = [j.pk for j in Jurisdiction.objects.all() if can(request.user, DataAction.IMPORT_DATA, j)]
    plans = (
        ActionPlan.objects.select_related("jurisdiction")
        .filter(jurisdiction__in=allowed)
        .order_by("jurisdiction__name", "-start_date")
    )
    form = DecidimUploadForm(request.POST or None, request.FILES or None, plans=plans)
    problems: list[irm.Problem] = []
    result = None
    if request.method == "POST" and form.is_valid():
        plan = form.cleaned_data["plan"]
        require(request.user, DataAction.IMPORT_DATA, plan.jurisdiction)
        try:
            result = decidim.import_results(form.cleaned_data["file"], plan=plan, actor=request.user)
        except irm.ImportRefused as refused:
            problems = refused.problems
    return render(
        request,
        "opendata/import.html",
        {"form": form, "problems": problems, "result": result, "title": _("Import Decidim results")},
    )
