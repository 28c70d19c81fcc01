"""Pages of the publication flow: the coordinator's steps from draft to OGP, the draft's preview, the
English texts, and the published versions with their files at permanent addresses."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from samskap.accounts.permissions import can, require
from samskap.commitments.models import Commitment
from samskap.kernel import documents as renderers
from samskap.kernel.forms import save_with
from samskap.kernel.pages import render_public
from samskap.plans import selectors as plan_selectors
from samskap.plans.models import ActionPlan
from samskap.publication import selectors, services
from samskap.publication.documents import build, plan_commitments
from samskap.publication.forms import (
    ApprovalForm,
    CommitmentTextForm,
    EndorsementForm,
    PlanTextForm,
    SubmissionForm,
)
from samskap.publication.models import CommitmentText, FrozenDocument, PlanText
from samskap.publication.permissions import PublicationAction


def _plan(jurisdiction: str, plan: str) -> ActionPlan:
    return plan_selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)


#: A version number beyond what the database column holds is simply not there (not a database error).
MAX_NUMBER = 2**31 - 1


def _number(number: int) -> int:
    if number > MAX_NUMBER:
        raise Http404
    return number


def _public_plan(jurisdiction: str, plan: str) -> ActionPlan:
    found = _plan(jurisdiction, plan)
    if found.published_at is None:
        raise Http404
    return found


@login_required
def manage(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    """Every step on one page: share with the forum, its endorsement, the government's approval, the
    completeness check, publishing, a new version after edits, and the submission to OGP."""
    action_plan = _plan(jurisdiction, plan)
    require(request.user, PublicationAction.MANAGE, action_plan)
    approval = services.approval_of(action_plan)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    forms: dict[str, Any] = {
        "endorse": EndorsementForm(request.POST if step == "endorse" else None, instance=approval, prefix="endorse"),
        "approve": ApprovalForm(request.POST if step == "approve" else None, instance=approval, prefix="approve"),
        "submit": SubmissionForm(request.POST if step == "submit" else None, instance=approval, prefix="submit"),
    }
    problems: list[str] = []
    if step in forms:
        form = forms[step]
        write = {
            "endorse": services.record_forum_endorsement,
            "approve": services.record_government_approval,
            "submit": services.record_submission,
        }[step]
        if form.is_valid() and save_with(
            form, lambda: write(actor=request.user, plan=action_plan, values=form.model_values())
        ):
            messages.success(request, _("The decision was recorded."))
            return redirect(request.path)
    elif step in ("share", "publish", "new_version"):
        try:
            if step == "share":
                services.share_with_forum(actor=request.user, plan=action_plan)
                messages.success(request, _("The draft is shared with the forum's members."))
            elif step == "publish":
                services.publish(actor=request.user, plan=action_plan)
                messages.success(request, _("The plan is published and its version frozen."))
            else:
                version = services.publish_new_version(actor=request.user, plan=action_plan)
                messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
            return redirect(request.path)
        except ValidationError as error:
            problems = list(error.messages)
    elif step:
        problems = [_("Unknown step.")]
    missing = services.completeness(action_plan)
    return render(
        request,
        "publication/manage.html",
        {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "approval": approval,
            "forms": forms,
            "missing": missing,
            "blocking": [m for m in missing if m.blocking],
            "problems": problems,
            "versions": selectors.versions_of(action_plan),
            "languages": _text_languages(action_plan),
            "commitments": plan_commitments(action_plan),
        },
        status=400 if problems or any(f.errors for f in forms.values()) else 200,
    )


def _text_languages(plan: ActionPlan) -> list[str]:
    source = plan.jurisdiction.default_language
    return [source] if source == services.ENGLISH else [source, services.ENGLISH]


@login_required
def plan_text(request: HttpRequest, jurisdiction: str, plan: str, language: str) -> HttpResponse:
    """The introduction and process description (and, in English, the title and summary)."""
    action_plan = _plan(jurisdiction, plan)
    require(request.user, PublicationAction.MANAGE, action_plan)
    if language not in _text_languages(action_plan):
        raise Http404
    existing = PlanText.objects.filter(plan=action_plan, language=language).first()
    form = PlanTextForm(request.POST or None, instance=existing)
    if language == action_plan.jurisdiction.default_language:
        del form.fields["title"], form.fields["summary"]  # the plan's own, edited on the plan
    if request.method == "POST" and form.is_valid():
        if save_with(
            form,
            lambda: services.save_plan_text(
                actor=request.user, plan=action_plan, language=language, values=form.model_values()
            ),
        ):
            messages.success(request, _("The texts were saved."))
            return redirect("publication:manage", jurisdiction=jurisdiction, plan=plan)
    return render(
        request,
        "publication/text_form.html",
        {"plan": action_plan, "jurisdiction": action_plan.jurisdiction, "form": form, "language": language},
        status=400 if form.errors else 200,
    )


@login_required
def commitment_text(request: HttpRequest, jurisdiction: str, plan: str, commitment: str) -> HttpResponse:
    """A commitment's template texts in English, beside the original."""
    action_plan = _plan(jurisdiction, plan)
    if action_plan.jurisdiction.default_language == services.ENGLISH:
        raise Http404
    item = get_object_or_404(Commitment.objects.select_related("plan__jurisdiction"), plan=action_plan, slug=commitment)
    require(request.user, PublicationAction.TRANSLATE, item)
    existing = CommitmentText.objects.filter(commitment=item, language=services.ENGLISH).first()
    form = CommitmentTextForm(
        request.POST or None, instance=existing, milestones=list(item.milestones.order_by("order", "pk"))
    )
    if request.method == "POST" and form.is_valid():
        if save_with(
            form,
            lambda: services.save_commitment_text(
                actor=request.user, commitment=item, language=services.ENGLISH, values=form.model_values()
            ),
        ):
            messages.success(request, _("The English texts were saved."))
            if can(request.user, PublicationAction.MANAGE, action_plan):
                return redirect("publication:manage", jurisdiction=jurisdiction, plan=plan)
            return redirect(item)
    return render(
        request,
        "publication/commitment_text.html",
        {"plan": action_plan, "jurisdiction": action_plan.jurisdiction, "commitment": item, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def preview(request: HttpRequest, jurisdiction: str, plan: str, language: str = "") -> HttpResponse:
    """The plan as it would be published now, for those who prepare or comment on it; never public."""
    action_plan = _plan(jurisdiction, plan)
    require(request.user, PublicationAction.PREVIEW, action_plan)
    languages = _text_languages(action_plan)
    language = language or languages[0]
    if language not in languages:
        raise Http404
    last = action_plan.published_versions.order_by("-number").values_list("number", flat=True).first()
    doc = build(
        action_plan,
        language,
        version=(last or 0) + 1,
        published_on=timezone.localdate(),
        approval=services.approval_of(action_plan),
    )
    response = render(
        request,
        "publication/preview.html",
        {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "doc": doc,
            "body": mark_safe(renderers.body_html(doc)),  # noqa: S308 (every text escaped by the renderer)
            "languages": languages,
            "language": language,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def version_list(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    def context() -> dict[str, Any]:
        action_plan = _public_plan(jurisdiction, plan)
        return {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "versions": selectors.versions_of(action_plan),
            "approval": services.approval_of(action_plan),
        }

    stamp = plan_selectors.plan_version(jurisdiction_slug=jurisdiction, plan_slug=plan)
    return render_public(request, "publication/versions.html", context, version=stamp)


@require_safe
def version_detail(request: HttpRequest, jurisdiction: str, plan: str, number: int, language: str = "") -> HttpResponse:
    """A frozen version as it was published, read from its stored document (never from the live plan)."""

    def context() -> dict[str, Any]:
        action_plan = _public_plan(jurisdiction, plan)
        version = selectors.get_version(action_plan, _number(number))
        available = [d.language for d in version.documents.all()]
        shown = language or available[0]
        if shown not in available:
            raise Http404
        stored = FrozenDocument.objects.only("document", "language").get(version=version, language=shown)
        doc = renderers.from_dict(stored.document)
        revises = action_plan.revises if action_plan.revises and action_plan.revises.published_at else None
        return {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "version": version,
            "doc": doc,
            "language": shown,
            "body": mark_safe(renderers.body_html(doc, level=2)),  # noqa: S308 (escaped by the renderer)
            "revises": revises,
            "revisions": list(action_plan.revisions.filter(published_at__isnull=False).order_by("start_date")),
        }

    stamp = plan_selectors.plan_version(jurisdiction_slug=jurisdiction, plan_slug=plan)
    return render_public(request, "publication/version.html", context, version=f"{stamp}:{number}:{language}")


@require_safe
def version_compare(
    request: HttpRequest, jurisdiction: str, plan: str, number: int, other: int, language: str = ""
) -> HttpResponse:
    """Version `number` of a published plan compared with version `other`, section by section, in a
    language both were published in (both read from their stored documents)."""

    def context() -> dict[str, Any]:
        action_plan = _public_plan(jurisdiction, plan)
        if _number(number) == _number(other):
            raise Http404
        version = selectors.get_version(action_plan, number)
        earlier = selectors.get_version(action_plan, other)
        earlier_languages = {d.language for d in earlier.documents.all()}
        both = [d.language for d in version.documents.all() if d.language in earlier_languages]
        shown = language or (both[0] if both else "")
        if shown not in both:
            raise Http404
        stored = {
            d.version_id: renderers.from_dict(d.document)
            for d in FrozenDocument.objects.only("document", "version_id").filter(
                version__in=[version, earlier], language=shown
            )
        }
        sections = renderers.compare(stored[earlier.pk], stored[version.pk])
        counts = {
            kind: sum(1 for s in sections if s.kind == kind) for kind in ("changed", "added", "removed", "unchanged")
        }
        return {
            "plan": action_plan,
            "jurisdiction": action_plan.jurisdiction,
            "version": version,
            "earlier": earlier,
            "languages": both,
            "language": shown,
            "sections": [s for s in sections if s.kind != "unchanged"],
            "counts": counts,
        }

    stamp = plan_selectors.plan_version(jurisdiction_slug=jurisdiction, plan_slug=plan)
    return render_public(request, "publication/compare.html", context, version=f"{stamp}:{number}:{other}:{language}")


@require_safe
def version_file(request: HttpRequest, jurisdiction: str, plan: str, number: int, filename: str) -> HttpResponse:
    """A frozen file, byte for byte as it was rendered at publication (`plan-<language>.<format>`)."""
    name, _dot, fmt = filename.partition(".")
    language = name.removeprefix("plan-")
    if not name.startswith("plan-") or fmt not in FrozenDocument.MEDIA_TYPES:
        raise Http404
    action_plan = _public_plan(jurisdiction, plan)
    document = (
        FrozenDocument.objects.filter(version__plan=action_plan, version__number=_number(number), language=language)
        .only(fmt, "version_id", "file_hashes")
        .first()
    )
    if document is None:
        raise Http404
    etag = f'"{document.file_hashes.get(fmt, "")}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304)
    response = HttpResponse(document.content(fmt), content_type=FrozenDocument.MEDIA_TYPES[fmt])
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{action_plan.slug}-v{number}-{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # a frozen file never changes
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "html":
        # The standalone page has its own inline style and no script.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'"
    return response
