"""The public events of the five followable kinds, and how each kind is named and linked.

Registered in `kernel.registry.followables` and `follow_events` (from `registrations`); other apps add
their own sources for these kinds from their own `registrations` module. Everything here reads published
things only: changes to a plan are told from the moment it was published, a consultation when it opens,
minutes once approved. Submissions (which may be unconfirmed, held or hidden) never cause an event.
"""

import datetime
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from samskap.commitments.models import Commitment
from samskap.consultations.models import Consultation, Response
from samskap.forum.models import Forum, Meeting, Minutes
from samskap.history.models import ChangeRecord
from samskap.history.selectors import describe
from samskap.kernel.registry import FollowEvent
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan

#: Apps whose own changes a plan's and a commitment's followers are told (the plan and what is in it).
#: Other records in a plan's history (draft minutes, submissions' moderation) are not for email: their
#: public moments are the curated events below, or another app's source.
PLAN_APPS = ("plans", "commitments")


def _window(field: str, after: datetime.datetime, until: datetime.datetime) -> Q:
    return Q(**{f"{field}__gt": after, f"{field}__lte": until})


# --- What each kind is ---------------------------------------------------------------------------


def plans(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = ActionPlan.objects.public().filter(pk__in=ids).select_related("jurisdiction")
    return {plan.pk: (str(plan), plan.get_absolute_url()) for plan in rows}


def commitments(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = Commitment.objects.filter(pk__in=ids, plan__published_at__isnull=False).select_related("plan__jurisdiction")
    return {c.pk: (f"{c} ({c.plan.jurisdiction.name} {c.plan.label})", c.get_absolute_url()) for c in rows}


def organisations(ids: list[int]) -> dict[int, tuple[str, str]]:
    return {o.pk: (o.name, o.get_absolute_url()) for o in Organisation.objects.filter(pk__in=ids)}


def consultations(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = Consultation.objects.filter(pk__in=ids).select_related("jurisdiction")
    return {c.pk: (c.title, c.get_absolute_url()) for c in rows}


def forums(ids: list[int]) -> dict[int, tuple[str, str]]:
    rows = Forum.objects.filter(pk__in=ids).select_related("jurisdiction")
    return {f.pk: (f.name, f.get_absolute_url()) for f in rows}


# --- Changes in the public history ----------------------------------------------------------------


def _changes(scope: Q, after: datetime.datetime, until: datetime.datetime) -> QuerySet[ChangeRecord]:
    return (
        ChangeRecord.objects.filter(scope, _window("created_at", after, until))
        .filter(plan__published_at__isnull=False, created_at__gte=F("plan__published_at"))
        .filter(content_type__app_label__in=PLAN_APPS)
        .select_related("content_type", "plan__jurisdiction", "commitment__plan__jurisdiction")
        .order_by("created_at", "pk")
    )


def _change_event(record: ChangeRecord, object_id: int) -> FollowEvent:
    model = record.content_type.model_class()
    kind = str(model._meta.verbose_name) if model is not None else ""
    fields = ", ".join(change.label for change in describe(record)[:4])
    if record.action == ChangeRecord.Action.CREATED:
        title = _("New %(kind)s: %(what)s") % {"kind": kind, "what": record.object_repr}
    elif record.action == ChangeRecord.Action.DELETED:
        title = _("Removed %(kind)s: %(what)s") % {"kind": kind, "what": record.object_repr}
    elif fields:
        title = _("Changed %(kind)s: %(what)s (%(fields)s)") % {
            "kind": kind,
            "what": record.object_repr,
            "fields": fields,
        }
    else:
        title = _("Changed %(kind)s: %(what)s") % {"kind": kind, "what": record.object_repr}
    place = record.commitment if record.commitment is not None else record.plan
    assert place is not None
    return FollowEvent(
        object_id=object_id,
        key=f"history:{record.pk}",
        moment=record.created_at,
        title=title,
        url=place.get_absolute_url(),
        language=record.plan.jurisdiction.default_language if record.plan else "",
    )


def plan_changes(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    return [_change_event(r, r.plan_id) for r in _changes(Q(plan_id__in=ids), after, until) if r.plan_id]


def commitment_changes(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    records = _changes(Q(commitment_id__in=ids), after, until)
    return [_change_event(r, r.commitment_id) for r in records if r.commitment_id]


def organisation_changes(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    """An institution's followers hear of the commitments it leads."""
    records = _changes(Q(commitment__lead_institution_id__in=ids), after, until)
    return [
        _change_event(r, r.commitment.lead_institution_id)
        for r in records
        if r.commitment is not None and r.commitment.lead_institution_id is not None
    ]


# --- Consultations ----------------------------------------------------------------------------------


def _opened(rows: QuerySet[Consultation], after: datetime.datetime, until: datetime.datetime) -> list[Any]:
    """Consultations that opened in the window; one created already open counts from its creation."""
    rows = rows.filter(
        (_window("opens_at", after, until) & Q(created_at__lte=F("opens_at")))
        | (_window("created_at", after, until) & Q(opens_at__lt=F("created_at")))
    ).select_related("jurisdiction")
    return [(c, max(c.opens_at, c.created_at)) for c in rows.order_by("opens_at", "pk")]


def _opened_event(consultation: Consultation, moment: datetime.datetime, object_id: int) -> FollowEvent:
    return FollowEvent(
        object_id=object_id,
        key=f"consultation.opened:{consultation.pk}",
        moment=moment,
        title=_("A consultation opened: %(title)s") % {"title": consultation.title},
        url=consultation.get_absolute_url(),
        language=consultation.jurisdiction.default_language,
    )


def consultation_events(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    """A consultation opens; an answer to its input is published; its summary is published."""
    events = [
        _opened_event(c, moment, c.pk) for c, moment in _opened(Consultation.objects.filter(pk__in=ids), after, until)
    ]
    by_id = Consultation.objects.select_related("jurisdiction").in_bulk(ids)
    responses = dict(Response.objects.filter(consultation_id__in=ids).values_list("pk", "consultation_id"))
    for record in (
        ChangeRecord.objects.filter(
            _window("created_at", after, until),
            Q(content_type__app_label="consultations", content_type__model="response", object_id__in=list(responses))
            | Q(content_type__app_label="consultations", content_type__model="consultation", object_id__in=ids),
        )
        .select_related("content_type")
        .order_by("created_at", "pk")
    ):
        if record.content_type.model == "response":
            consultation = by_id.get(responses.get(record.object_id, 0))
            if consultation is None or record.action != ChangeRecord.Action.CREATED:
                continue
            title = _("An answer to the input was published: %(title)s") % {"title": consultation.title}
        else:
            consultation = by_id.get(record.object_id)
            summary = (record.changes or {}).get("summary") or {}
            if consultation is None or not summary.get("new"):
                continue
            title = _("The summary and the answers were published: %(title)s") % {"title": consultation.title}
        events.append(
            FollowEvent(
                object_id=consultation.pk,
                key=f"history:{record.pk}",
                moment=record.created_at,
                title=title,
                url=consultation.get_absolute_url(),
                language=consultation.jurisdiction.default_language,
            )
        )
    return events


def plan_consultations(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    opened = _opened(Consultation.objects.filter(plan_id__in=ids), after, until)
    return [_opened_event(c, moment, c.plan_id) for c, moment in opened if c.plan_id]


# --- The forum ----------------------------------------------------------------------------------------


def _meeting_events(meetings: Q, minutes: Q, after: datetime.datetime, until: datetime.datetime) -> list[Any]:
    """(meeting, event key, moment, title): meetings announced and minutes approved in the window."""
    found = []
    for meeting in Meeting.objects.filter(meetings, _window("created_at", after, until)).select_related(
        "forum__jurisdiction"
    ):
        title = _("A meeting was announced: %(title)s") % {"title": meeting.title}
        found.append((meeting, f"meeting:{meeting.pk}", meeting.created_at, title))
    for record in Minutes.objects.filter(
        minutes, _window("approved_at", after, until), status=Minutes.Status.APPROVED
    ).select_related("meeting__forum__jurisdiction"):
        if record.approved_at is None:  # excluded by the window; said for the type checker
            continue
        title = _("Minutes were published: %(title)s") % {"title": record.meeting.title}
        found.append(
            (record.meeting, f"minutes:{record.pk}:{record.approved_at:%Y%m%d%H%M%S}", record.approved_at, title)
        )
    return found


def _meeting_event(found: Any, object_id: int) -> FollowEvent:
    meeting, key, moment, title = found
    return FollowEvent(
        object_id=object_id,
        key=key,
        moment=moment,
        title=title,
        url=meeting.get_absolute_url(),
        language=meeting.forum.jurisdiction.default_language,
    )


def forum_events(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    found = _meeting_events(Q(forum_id__in=ids), Q(meeting__forum_id__in=ids), after, until)
    return [_meeting_event(item, item[0].forum_id) for item in found]


def plan_meetings(ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    found = _meeting_events(Q(plan_id__in=ids), Q(meeting__plan_id__in=ids), after, until)
    return [_meeting_event(item, item[0].plan_id) for item in found if item[0].plan_id]
