"""Pages of the evidence repository and the co-creation standards check."""

import csv
import io
import shutil
import tempfile
import zipfile
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import can, require
from samskap.consultations.attachments import EXTENSIONS, download_name, serve_upload
from samskap.evidence import selectors, services
from samskap.evidence.forms import DocumentForm, OverrideForm, RepositoryFilter
from samskap.evidence.models import Document
from samskap.evidence.permissions import EvidenceAction
from samskap.evidence.standards import REQUIREMENTS, check_plan
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import apply_model_errors
from samskap.kernel.links import absolute
from samskap.kernel.pages import cached_public
from samskap.kernel.slugs import make_slug
from samskap.kernel.tabular import csv_row, plain
from samskap.plans.models import ActionPlan
from samskap.plans.permissions import PlanAction

PER_PAGE = 50


def _visible(request: HttpRequest, document: Document) -> bool:
    """A document of a draft plan is seen only by those who prepare the plan."""
    plan = document.plan
    return plan is None or plan.published_at is not None or can(request.user, PlanAction.VIEW_DRAFT, plan)


@require_GET
@cached_public(query=True)  # it lists other apps' documents too (meetings, consultations, plans)
def repository(request: HttpRequest) -> HttpResponse:
    jurisdictions = list(Jurisdiction.objects.order_by("name"))
    form = RepositoryFilter(request.GET or None)
    fields: Any = form.fields
    fields["jurisdiction"] = forms.ChoiceField(
        label=_("Government"),
        choices=[("", _("All governments")), *[(j.slug, j.name) for j in jurisdictions]],
        required=False,
    )
    # Filters that do not fit (a bad year, an unknown type) are left out, the others apply.
    if form.is_bound:
        form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    place = next((j for j in jurisdictions if j.slug == data.get("jurisdiction")), None)
    filters = selectors.Filters(
        jurisdiction_id=place.pk if place else None,
        plan_id=data.get("plan"),
        commitment_id=data.get("commitment"),
        kind=data.get("kind") or "",
        language=data.get("language") or "",
        year=data.get("year"),
        query=data.get("q") or "",
        origin=data.get("origin") or "",
    )
    found = selectors.entries(filters)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    names = {j.pk: j for j in jurisdictions}
    return render(
        request,
        "evidence/repository.html",
        {
            "form": form,
            "page": page,
            "total": len(found),
            "query": query.urlencode(),
            "rows": [(entry, names.get(entry.jurisdiction_id)) for entry in page.object_list],
            "place": place,
            "may_add": [j for j in jurisdictions if can(request.user, EvidenceAction.MANAGE_DOCUMENTS, j)],
        },
    )


@require_GET
@cached_public()
def document(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.document_for(pk)
    if item is None or not _visible(request, item):
        raise Http404
    return render(
        request,
        "evidence/document.html",
        {
            "document": item,
            "jurisdiction": item.jurisdiction,
            "address": absolute(item.get_absolute_url()),  # under the public base address, not the request's host
            "may_manage": can(request.user, EvidenceAction.MANAGE_DOCUMENTS, item.jurisdiction),
        },
    )


@require_GET
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.document_for(pk)
    if item is None or not item.file or not _visible(request, item):
        raise Http404
    name = download_name(item.title, item.content_type)
    return serve_upload(item.file.open("rb"), content_type=item.content_type, filename=name, inline=True)


@login_required
def document_edit(request: HttpRequest, jurisdiction: str, pk: int | None = None) -> HttpResponse:
    place = get_object_or_404(Jurisdiction, slug=jurisdiction)
    require(request.user, EvidenceAction.MANAGE_DOCUMENTS, place)
    item = get_object_or_404(Document, pk=pk, jurisdiction=place) if pk is not None else None
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {name: getattr(item, name) for name in DocumentForm.FIELDS}
    form = DocumentForm(request.POST or None, request.FILES or None, jurisdiction=place, document=item, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.save_document(
                    actor=request.user,
                    jurisdiction=place,
                    values=form.values(),
                    upload=form.cleaned_data.get("file"),
                    document=item,
                )
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                messages.success(request, _("The document is saved."))
                return redirect(saved.get_absolute_url())
        status = 400
    return render(
        request,
        "evidence/document_form.html",
        {"form": form, "document": item, "jurisdiction": place, "file_again": bool(request.FILES) and form.errors},
        status=status,
    )


@login_required
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Document.objects.select_related("jurisdiction"), pk=pk)
    require(request.user, EvidenceAction.MANAGE_DOCUMENTS, item.jurisdiction)
    if request.method == "POST":
        services.remove_document(actor=request.user, document=item)
        messages.success(request, _("The document is removed. The removal is in the public history."))
        return redirect("evidence:repository")
    return render(request, "evidence/document_remove.html", {"document": item, "jurisdiction": item.jurisdiction})


def _plan(request: HttpRequest, jurisdiction: str, plan: str) -> ActionPlan:
    found = ActionPlan.objects.select_related("jurisdiction").filter(jurisdiction__slug=jurisdiction, slug=plan).first()
    if found is None or (found.published_at is None and not can(request.user, PlanAction.VIEW_DRAFT, found)):
        raise Http404
    return found


@require_GET
@cached_public(timely=True)  # the verdicts follow the day and what other apps record without touching the plan
def standards(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    action_plan = _plan(request, jurisdiction, plan)
    return render(
        request,
        "evidence/standards.html",
        {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "standards": check_plan(action_plan),
            "may_override": can(request.user, EvidenceAction.OVERRIDE_VERDICT, action_plan),
            "may_download": can(request.user, EvidenceAction.DOWNLOAD_PACK, action_plan),
        },
    )


@login_required
def override(request: HttpRequest, jurisdiction: str, plan: str, code: str) -> HttpResponse:
    action_plan = _plan(request, jurisdiction, plan)
    require(request.user, EvidenceAction.OVERRIDE_VERDICT, action_plan)
    if code not in REQUIREMENTS:
        raise Http404
    check = next(c for c in check_plan(action_plan).checks if c.code == code)
    current = check.override
    initial = {"verdict": current.verdict, "reason": current.reason} if current else {"verdict": check.computed}
    form = OverrideForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "clear":
            services.clear_override(actor=request.user, plan=action_plan, requirement=code)
            messages.success(request, _("The computed verdict applies again."))
            return redirect("evidence:standards", jurisdiction=jurisdiction, plan=plan)
        if form.is_valid():
            try:
                services.override_verdict(
                    actor=request.user,
                    plan=action_plan,
                    requirement=code,
                    verdict=form.cleaned_data["verdict"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                messages.success(request, _("The verdict and its reason are saved and shown on the page."))
                return redirect("evidence:standards", jurisdiction=jurisdiction, plan=plan)
        status = 400
    return render(
        request,
        "evidence/override.html",
        {"plan": action_plan, "jurisdiction": action_plan.jurisdiction, "check": check, "form": form},
        status=status,
    )


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(csv_row([plain(value) for value in row]))
    return ("\ufeff" + out.getvalue()).encode()


@login_required
def pack(request: HttpRequest, jurisdiction: str, plan: str) -> FileResponse:
    """The evidence pack: the plan's uploaded documents and two CSVs (the verdicts with their evidence
    links, and every document of the period), written to a temporary file rather than kept in memory."""
    action_plan = _plan(request, jurisdiction, plan)
    require(request.user, EvidenceAction.DOWNLOAD_PACK, action_plan)
    found = selectors.entries(selectors.Filters(jurisdiction_id=action_plan.jurisdiction_id))
    result = check_plan(action_plan, repository=found)
    chosen = [
        e for e in found if e.plan_id == action_plan.pk or (e.plan_id is None and result.start <= e.date <= result.end)
    ]
    standards_rows: list[list[Any]] = [
        [
            "requirement",
            "title",
            "verdict",
            "computed_verdict",
            "override_reason",
            "explanation",
            "evidence",
            "url",
            "date",
        ]
    ]
    for check in result.checks:
        reason = check.override.reason if check.override else ""
        base = [check.code, str(check.title), check.verdict, check.computed, reason, check.explanation]
        if not check.links:
            standards_rows.append([*base, "", "", ""])
        for link in check.links:
            standards_rows.append([*base, link.label, absolute(link.url) if link.url else "", link.date])
    document_rows: list[list[Any]] = [
        ["key", "title", "type", "date", "language", "source", "address", "document", "file_in_pack", "link_broken"]
    ]
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in chosen:
            in_pack = ""
            stored = entry.document
            if stored is not None and stored.file:
                in_pack = f"documents/{stored.pk}-{make_slug(stored.title, max_length=60, fallback='document')}"
                extension = EXTENSIONS.get(stored.content_type, "")
                in_pack += f".{extension}" if extension else ""
                with stored.file.open("rb") as source, archive.open(in_pack, "w") as target:
                    shutil.copyfileobj(source, target, 1024 * 1024)
            document_rows.append(
                [
                    entry.key, entry.title, entry.kind, entry.date, entry.language, entry.origin,
                    absolute(entry.url), absolute(entry.target) if entry.target.startswith("/") else entry.target,
                    in_pack, entry.broken,
                ]
            )  # fmt: skip
        archive.writestr("standards.csv", _csv(standards_rows))
        archive.writestr("documents.csv", _csv(document_rows))
    spool.seek(0)
    name = f"evidence-{action_plan.jurisdiction.slug}-{action_plan.slug}.zip"
    return FileResponse(spool, as_attachment=True, filename=name, content_type="application/zip")
