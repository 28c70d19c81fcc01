"""Writes for local governments taking part: joining, reported activities and their review, and a
local plan started from the national one. Every change is recorded in the public history."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.accounts.models import RoleGrant
from samskap.accounts.permissions import require
from samskap.commitments.models import Commitment
from samskap.commitments.services import create_commitment
from samskap.consultations.attachments import judge
from samskap.history.services import delete_tracked, refresh_pages, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.jurisdictions.services import find_or_create_jurisdiction, update_jurisdiction
from samskap.kernel import intake
from samskap.kernel.text import as_one_line
from samskap.kernel.types import Actor, person
from samskap.local.models import Activity, ActivityDocument, AdaptedCommitment, JoinRequest
from samskap.local.permissions import LocalAction
from samskap.organisations.services import find_or_create_organisation, invite_user
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.services import create_plan, save_theme

#: Documents one activity may carry: a report, minutes, a poster or two; more belong on the municipality's site.
MAX_DOCUMENTS = 10

#: OGP Local's shape: a short plan of one to five commitments (OGP Local handbook).
MAX_LOCAL_COMMITMENTS = 5


class WrongStep(Exception):
    """The request or the activity is not in a state where this can be done (e.g. answered already)."""


def _email(template: str, to: str, context: dict[str, Any], *, language: str, key: str = "") -> None:
    with translation.override(language):
        intake.send_templated_email(f"local/email/{template}", to, context, key=key)


# --- Joining -----------------------------------------------------------------------------------


def ask_to_join(
    *, country: Jurisdiction, form_token: uuid.UUID, values: dict[str, Any], address: str = "", throttle: bool = False
) -> JoinRequest:
    """A municipality or county asks to take part (public intake: receipt, email confirmation, one-time token)."""
    existing = intake.already_stored(JoinRequest, form_token)
    if existing is not None:
        return existing
    if country.kind != Jurisdiction.Kind.NATIONAL:
        raise ValueError("Local governments join a country.")
    if throttle:
        intake.throttle("local-join", address=address, email=str(values.get("email", "")))
    request = JoinRequest(country=country, form_token=form_token, **values)
    request.full_clean(exclude=list(JoinRequest.GENERATED_FIELDS))
    language = translation.get_language() or country.default_language

    def receipt(stored: JoinRequest) -> None:
        url = intake.absolute(reverse("local:join_confirm", kwargs={"token": stored.confirmation_token}))
        _email(
            "join_receipt",
            stored.email,
            {"request": stored, "country": country, "confirm_url": url},
            language=language,
            key=f"local-join-receipt-{stored.pk}",
        )

    return intake.store_once(request, then=receipt).record


def confirm_join_request(*, request: JoinRequest) -> JoinRequest:
    """The sender confirmed the email address: only now does the national coordinator see the request."""
    if request.confirmed_at is None:
        request.mark_confirmed()
        request.save(update_fields=["confirmed_at"])
    return request


@transaction.atomic
def decide_join_request(*, actor: Actor, request: JoinRequest, accept: bool, reason: str) -> JoinRequest:
    """Accept (a local jurisdiction under the country, its organisation, and an invitation for its
    coordinator) or decline with a reason. The sender is told either way, once."""
    locked = JoinRequest.objects.select_for_update().select_related("country").get(pk=request.pk)
    if locked.status != JoinRequest.Status.PENDING or locked.confirmed_at is None:
        raise WrongStep
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Give the reason for declining.")})
    country = locked.country
    values: dict[str, Any] = {"status": JoinRequest.Status.DECLINED, "reason": reason, "decided_at": timezone.now()}
    if accept:
        place, _created = find_or_create_jurisdiction(
            actor=actor,
            name=locked.name,
            kind=locked.kind,
            parent=country,
            values={
                "time_zone": locked.time_zone,
                "default_language": locked.default_language,
                "contact_name": locked.contact_name,
                "contact_email": locked.email,
                "contact_phone": locked.contact_phone,
            },
        )
        organisation, _created = find_or_create_organisation(
            actor=actor, name=locked.name, jurisdiction=place, type=locked.kind
        )
        if place.coordinating_organisation_id is None:
            update_jurisdiction(actor=actor, jurisdiction=place, values={"coordinating_organisation": organisation})
        invite_user(
            inviter=actor,
            email=locked.coordinator_email,
            full_name=locked.coordinator_name,
            organisation=organisation,
            role=RoleGrant.Role.COORDINATOR,
            jurisdiction=place,
            site_url=settings.SITE_URL,
            language=locked.default_language,
        )
        values.update(status=JoinRequest.Status.ACCEPTED, jurisdiction=place)
    save_tracked(actor=actor, instance=locked, values=values)
    _email(
        "join_decided",
        locked.email,
        {
            "request": locked,
            "country": country,
            "link": intake.absolute(locked.jurisdiction.get_absolute_url()) if accept and locked.jurisdiction else "",
        },
        language=locked.default_language,
        key=f"local-join-decided-{locked.pk}",
    )
    return locked


# --- Activities --------------------------------------------------------------------------------


@transaction.atomic
def save_activity(
    *, actor: Actor, jurisdiction: Jurisdiction, activity: Activity | None = None, values: dict[str, Any]
) -> Activity:
    """Create or change an activity while it is the local government's to write (a draft, or changes asked)."""
    if activity is None:
        activity = Activity(jurisdiction=jurisdiction)
    else:
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if activity.jurisdiction_id != jurisdiction.pk:
            raise ValueError("The activity belongs to another local government.")
        if activity.status not in Activity.EDITABLE:
            raise WrongStep
    allowed = {
        "title", "description", "ogp_value", "pillar", "commitment", "start_date", "end_date", "results", "links",
        "contact_name", "contact_email",
    }  # fmt: skip
    save_tracked(actor=actor, instance=activity, values={k: v for k, v in values.items() if k in allowed})
    return activity


@transaction.atomic
def submit_activity(*, actor: Actor, activity: Activity) -> Activity:
    """Send a draft (or a changed activity) to the national coordinator for review."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status not in Activity.EDITABLE:
        raise WrongStep
    save_tracked(
        actor=actor, instance=locked, values={"status": Activity.Status.SUBMITTED, "submitted_at": timezone.now()}
    )
    return locked


@transaction.atomic
def add_document(*, actor: Actor, activity: Activity, title: str, upload: UploadedFile) -> ActivityDocument:
    """Attach a file to an activity while it is the local government's to write. The file is judged by its
    content (`consultations.attachments.judge`: documents and images only, 10 MB); the title defaults to the
    file's name."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    require(actor, LocalAction.EDIT_ACTIVITY, locked)
    if locked.status not in Activity.EDITABLE:
        raise WrongStep
    if locked.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            _("An activity has at most %(count)s documents; remove one first.") % {"count": MAX_DOCUMENTS},
            code="too_many",
        )
    name = as_one_line(upload.name or "")[:255] or "document"
    judged = judge(name, upload, upload.size or 0)
    document = ActivityDocument(activity=locked, added_by=person(actor))
    storage = document.file.storage
    document.file.save(name, upload, save=False)
    try:
        save_tracked(
            actor=actor,
            instance=document,
            values={
                "title": (title.replace("\x00", "").strip() or name)[:300],
                "original_name": name,
                "content_type": judged.content_type,
                "size": judged.size,
            },
        )
    except ValidationError:
        storage.delete(document.file.name)  # nothing refers to the stored file
        raise
    return document


@transaction.atomic
def remove_document(*, actor: Actor, document: ActivityDocument) -> None:
    """Remove a file from an activity while it is the local government's to write; the file itself is
    deleted once the removal is committed."""
    locked = Activity.objects.select_for_update().get(pk=document.activity_id)
    require(actor, LocalAction.EDIT_ACTIVITY, locked)
    if locked.status not in Activity.EDITABLE:
        raise WrongStep
    stored = document.file.name
    storage = document.file.storage
    delete_tracked(actor=actor, instance=document)
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


class Decision:
    ACCEPT = "accept"
    CHANGES = "changes"
    DECLINE = "decline"
    ALL = (ACCEPT, CHANGES, DECLINE)


@transaction.atomic
def review_activity(
    *,
    actor: Actor,
    activity: Activity,
    decision: str,
    note: str = "",
    good_example: bool | None = None,
    commitment: Commitment | None = None,
) -> Activity:
    """The national coordinator's answer to a submitted activity: accept (it is published), ask for changes
    with a comment, or decline with a reason. The local government's contact is told."""
    locked = Activity.objects.select_for_update().select_related("jurisdiction").get(pk=activity.pk)
    if locked.status != Activity.Status.SUBMITTED:
        raise WrongStep
    if decision not in Decision.ALL:
        raise ValueError(decision)
    note = note.strip()
    if decision != Decision.ACCEPT and not note:
        raise ValidationError({"note": _("Say what should change, or why the activity is declined.")})
    values: dict[str, Any] = {"review_note": note}
    if decision == Decision.ACCEPT:
        # The history is public from the acceptance on (registrations: withheld_changes): a new note is saved
        # just before it, so that the acceptance's record does not show the earlier comment as the old value.
        published = timezone.now()
        if note != locked.review_note:
            record = save_tracked(actor=actor, instance=locked, values={"review_note": note})
            if record is not None and published <= record.created_at:
                published = record.created_at + datetime.timedelta(microseconds=1)
        values = {"status": Activity.Status.ACCEPTED, "published_at": locked.published_at or published}
        if good_example is not None:
            values["good_example"] = good_example
        if commitment is not None:
            values["commitment"] = commitment
    elif decision == Decision.CHANGES:
        values["status"] = Activity.Status.CHANGES_REQUESTED
    else:
        values["status"] = Activity.Status.DECLINED
    save_tracked(actor=actor, instance=locked, values=values)
    _refresh_commitment_page(locked.commitment)
    if locked.contact_email:
        _email(
            "activity_reviewed",
            locked.contact_email,
            {
                "activity": locked,
                "link": intake.absolute(
                    reverse("local:activity_edit", kwargs={"jurisdiction": locked.jurisdiction.slug, "pk": locked.pk})
                ),
            },
            language=locked.jurisdiction.default_language,
            key=f"local-activity-{locked.pk}-{locked.status}-{locked.updated_at.timestamp()}",
        )
    return locked


@transaction.atomic
def mark_good_example(
    *, actor: Actor, activity: Activity, good_example: bool, commitment: Commitment | None = None
) -> Activity:
    """The national coordinator marks an accepted activity as a good example for OGP, and links it to the
    national commitment it contributes to (or none)."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.status != Activity.Status.ACCEPTED:
        raise WrongStep
    before = locked.commitment
    save_tracked(actor=actor, instance=locked, values={"good_example": good_example, "commitment": commitment})
    _refresh_commitment_page(before)
    _refresh_commitment_page(commitment)
    return locked


def _refresh_commitment_page(commitment: Commitment | None) -> None:
    """A national commitment's cached page lists the accepted activities that contribute to it."""
    if commitment is not None:
        refresh_pages(plan_id=commitment.plan_id, commitment_id=commitment.pk)


# --- A local plan from the national one --------------------------------------------------------


@transaction.atomic
def start_local_plan(
    *,
    actor: Actor,
    jurisdiction: Jurisdiction,
    national_plan: ActionPlan,
    values: dict[str, Any],
    themes: list[Theme],
    commitments: list[Commitment],
) -> ActionPlan:
    """A draft plan for the local government with the national plan's chosen pillars, and the chosen
    national commitments copied as commitments to adapt (each remembers the one it adapts).

    The rest of the cycle (consultation, forum, publication, status, self-assessment) runs on the plan
    with the existing features, under the local government's own coordinator and time zone.
    """
    if not jurisdiction.is_local or national_plan.jurisdiction_id != jurisdiction.parent_id:
        raise ValidationError(_("Start from a plan of the country the local government belongs to."))
    if national_plan.published_at is None:
        raise ValidationError(_("Start from a published national plan."))
    if len(commitments) > MAX_LOCAL_COMMITMENTS:
        raise ValidationError(
            _("A local plan has at most %(count)s commitments; choose fewer.") % {"count": MAX_LOCAL_COMMITMENTS}
        )
    if any(t.plan_id != national_plan.pk for t in themes) or any(c.plan_id != national_plan.pk for c in commitments):
        raise ValidationError(_("Choose pillars and commitments of the national plan."))
    plan = create_plan(
        actor=actor,
        jurisdiction=jurisdiction,
        values={"status": ActionPlan.Status.CO_CREATION, **values},
    )
    copies: dict[int, Theme] = {}
    for order, theme in enumerate(sorted(themes, key=lambda t: (t.order, t.pk)), start=1):
        copies[theme.pk] = save_theme(
            actor=actor, plan=plan, values={"order": order, "title": theme.title, "description": theme.description}
        )
    lead = jurisdiction.coordinating_organisation
    for order, original in enumerate(sorted(commitments, key=lambda c: (c.order, c.pk)), start=1):
        copy = create_commitment(
            actor=actor,
            plan=plan,
            values={
                "identifier": f"L{order}",
                "order": order,
                "title": original.title,
                "short_title": original.short_title,
                "problem": original.problem,
                "description": original.description,
                "contribution": original.contribution,
                "relevance": original.relevance,
                "access_to_information": original.access_to_information,
                "civic_participation": original.civic_participation,
                "public_accountability": original.public_accountability,
                "technology_innovation": original.technology_innovation,
                "theme": copies.get(original.theme_id) if original.theme_id else None,
                "lead_institution": lead,
                "status": Commitment.Status.UNDER_DISCUSSION,
            },
        )
        save_tracked(actor=actor, instance=AdaptedCommitment(commitment=copy), values={"adapts": original})
    return plan
