"""What following adds to the site: the five followable kinds and their events, a follow panel on their
pages, and the work notices people can turn off."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import can
from samskap.following import events
from samskap.following.jobs import NOTICE_NEW_INPUT, NOTICE_REPORTED
from samskap.following.models import Kind, Subscription
from samskap.following.permissions import FollowingAction
from samskap.kernel.registry import (
    Followable,
    FollowSource,
    NoticeKind,
    Panel,
    commitment_panels,
    consultation_panels,
    follow_events,
    followables,
    forum_panels,
    notice_kinds,
    organisation_panels,
    plan_panels,
    work_items,
)

followables.register(Kind.PLAN, Followable(_("action plan"), events.plans))
followables.register(Kind.COMMITMENT, Followable(_("commitment"), events.commitments))
followables.register(Kind.ORGANISATION, Followable(_("institution"), events.organisations))
followables.register(Kind.CONSULTATION, Followable(_("consultation"), events.consultations))
followables.register(Kind.FORUM, Followable(_("forum"), events.forums))

follow_events.register("plan.history", FollowSource(Kind.PLAN, events.plan_changes))
follow_events.register("plan.consultations", FollowSource(Kind.PLAN, events.plan_consultations))
follow_events.register("plan.meetings", FollowSource(Kind.PLAN, events.plan_meetings))
follow_events.register("commitment.history", FollowSource(Kind.COMMITMENT, events.commitment_changes))
follow_events.register("organisation.history", FollowSource(Kind.ORGANISATION, events.organisation_changes))
follow_events.register("consultation.events", FollowSource(Kind.CONSULTATION, events.consultation_events))
follow_events.register("forum.meetings", FollowSource(Kind.FORUM, events.forum_events))

notice_kinds.register(
    NOTICE_NEW_INPUT, NoticeKind(_("New input to a consultation (one email an hour at most)"), ("coordinator",), 10)
)
notice_kinds.register(
    "consultations.closed", NoticeKind(_("A consultation closed: what came in, what waits"), ("coordinator",), 20)
)
notice_kinds.register(NOTICE_REPORTED, NoticeKind(_("A submission was reported"), ("moderator",), 30))


def _panel(kind: str, public: Any = None) -> Any:
    """The follow panel is the same for everyone (the plan's and commitment's pages cache it): a small GET
    form to the follow page, which knows who is asking."""

    def context(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
        if subject is None or (public is not None and not public(subject)):
            return None
        return {"follow_kind": kind, "follow_id": subject.pk}

    return context


plan_panels.register(
    "following", Panel("following/panels/follow.html", _panel(Kind.PLAN, lambda p: p.published_at), order=1)
)
commitment_panels.register(
    "following",
    Panel("following/panels/follow.html", _panel(Kind.COMMITMENT, lambda c: c.plan.published_at), order=1),
)
organisation_panels.register("following", Panel("following/panels/follow.html", _panel(Kind.ORGANISATION), order=1))
consultation_panels.register("following", Panel("following/panels/follow.html", _panel(Kind.CONSULTATION), order=1))
forum_panels.register("following", Panel("following/panels/follow.html", _panel(Kind.FORUM), order=1))


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    """On "My work": what the person follows, and where their work emails are turned on and off."""
    if request is None or not request.user.is_authenticated:
        return None
    count = Subscription.objects.filter(user=request.user, stopped_at__isnull=True).count()
    if not count:
        return None  # "My work" says "nothing awaits you"; the notice emails link to their settings
    return {"following_count": count, "may_set_notices": can(request.user, FollowingAction.SET_NOTICES)}


work_items.register("following", Panel("following/panels/work.html", _work, order=90))
