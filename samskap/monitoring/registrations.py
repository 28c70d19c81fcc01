"""What status rounds add to the site: published rounds on the plan page, in the sitemap and in the
charts over time (their snapshots); due dates in the calendar feeds; and the open rounds in "My work"."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.accounts.permissions import grants_for
from samskap.kernel.registry import (
    Deadline,
    NoticeKind,
    Panel,
    deadline_sources,
    notice_kinds,
    plan_panels,
    progress_series,
    sitemap_sections,
    work_items,
)
from samskap.kernel.sitemaps import I18nSitemap
from samskap.monitoring import selectors, services
from samskap.monitoring.models import StatusRound


class RoundPages(I18nSitemap):
    """The list of published rounds, and each of them."""

    def items(self) -> list[Any]:
        return ["monitoring:list", *selectors.public_rounds().order_by("pk")]

    def location(self, item: Any) -> str:
        return reverse(item) if isinstance(item, str) else str(item.get_absolute_url())


sitemap_sections.register("status_rounds", RoundPages)
progress_series.register("status_rounds", selectors.progress_series)


def deadlines(place: Any) -> list[Deadline]:
    """Open rounds' due dates (the end of the due date, where the plan is carried out)."""
    rounds = StatusRound.objects.filter(
        state=StatusRound.State.OPEN,
        plan__published_at__isnull=False,
        due_date__gte=timezone.now().date() - datetime.timedelta(days=365),
    ).select_related("plan__jurisdiction")
    if place is not None:
        rounds = rounds.filter(plan__jurisdiction=place)
    found = []
    for status_round in rounds.order_by("due_date", "pk"):
        zone = status_round.time_zone()
        found.append(
            Deadline(
                uid=f"status-round-{status_round.pk}",
                title=_("Status as of %(date)s due: plan %(plan)s")
                % {"date": status_round.as_of.isoformat(), "plan": status_round.plan.label},
                moment=datetime.datetime.combine(
                    status_round.due_date + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
                ),
                time_zone=str(zone),
                url=status_round.plan.get_absolute_url(),
                last_day=status_round.due_date,
            )
        )
    return found


deadline_sources.register("status_rounds", deadlines)


def _plan_panel(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    """The plan's published rounds; its coordinators also see the open ones and may start one."""
    grants = grants_for(request.user) if request is not None else None
    coordinating = grants is not None and (grants.superuser or plan.jurisdiction_id in grants.coordinator_of)
    rounds = selectors.tallied(StatusRound.objects.filter(plan=plan)).order_by("-as_of", "-pk")
    if not coordinating:
        rounds = rounds.filter(state=StatusRound.State.PUBLISHED)
    shown = list(rounds)
    if not shown and not coordinating:
        return None
    return {"plan": plan, "status_rounds": shown, "may_start": coordinating}


plan_panels.register("status_rounds", Panel("monitoring/panels/plan.html", _plan_panel, order=40))


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    if request is None:
        return None
    grants = grants_for(request.user)
    requests = selectors.open_requests_for(grants.editor_of) if grants.editor_of else []
    rounds = selectors.open_rounds_for(grants.coordinator_of) if grants.coordinator_of else []
    if not requests and not rounds:
        return None
    return {"status_requests": requests, "status_rounds": rounds, "today": timezone.localdate()}


work_items.register("status_rounds", Panel("monitoring/panels/work.html", _work, order=20))


notice_kinds.register(
    services.NOTICE_REMINDER,
    NoticeKind(
        gettext_lazy("A status your institution owes is due or late (the request itself always comes)"), ("editor",), 40
    ),
)
notice_kinds.register(
    services.NOTICE_MISSING,
    NoticeKind(
        gettext_lazy("A status round falls behind: who has not answered after the last reminder"), ("coordinator",), 50
    ),
)
