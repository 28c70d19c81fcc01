"""The co-creation standards check of a plan, from Samskap's own record.

Each minimum requirement is judged by a pure rule in `evidence.rules` fed from the forum (meetings,
rules, the published timeline), the plan, the consultations, the repository and the registered input
uptake (`kernel.registry.input_uptake`). A coordinator's override replaces the computed verdict and is
shown with its reason; the computed one stays visible beside it.

The period checked is the plan's co-creation and implementation: from the first phase of its
timeline (or the plan's start, without one) to the plan's end.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskap.consultations.models import Consultation
from samskap.evidence import rules
from samskap.evidence.models import Override, Verdict
from samskap.evidence.selectors import Entry, Filters, entries
from samskap.forum.models import Forum, Meeting, Phase, TimelinePublication
from samskap.kernel.registry import Share, input_uptake
from samskap.plans.models import ActionPlan

REQUIREMENTS: dict[str, Promise] = {
    "1.1": _("A forum with public rules that meets at least every six months"),
    "2.1": _("A public OGP page"),
    "2.2": _("A document repository updated at least twice a year"),
    "3.1": _("The timeline published at least two weeks before co-creation"),
    "3.2": _("A way for the public to give input"),
    "4.1": _("A reasoned response to the input"),
    "5.1": _("At least two meetings a year with civil society during implementation"),
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    date: datetime.date | None = None
    language: str = ""  # the label's language when it is content (a meeting's title), for `lang`


@dataclass
class Check:
    code: str
    title: Promise
    computed: str  # the rule's verdict
    explanation: str
    links: list[Link] = field(default_factory=list)
    share: Share | None = None
    rows: list[Any] = field(default_factory=list)  # half-years (2.2) or years (5.1)
    override: Override | None = None

    @property
    def verdict(self) -> str:
        return self.override.verdict if self.override is not None else self.computed

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def computed_label(self) -> str:
        return str(Verdict(self.computed).label)


@dataclass
class Standards:
    plan: ActionPlan
    today: datetime.date
    start: datetime.date
    end: datetime.date
    checks: list[Check]

    def count(self, verdict: str) -> int:
        return sum(1 for check in self.checks if check.verdict == verdict)

    @property
    def met(self) -> int:
        return self.count(Verdict.MET)

    @property
    def at_risk(self) -> int:
        return self.count(Verdict.AT_RISK)

    @property
    def not_met(self) -> int:
        return self.count(Verdict.NOT_MET)


def _day(value: object) -> str:
    return formats.date_format(value, "DATE_FORMAT") if isinstance(value, datetime.date) else ""


def _explain(outcome: rules.Outcome) -> str:
    d = outcome.detail
    texts: dict[str, Any] = {
        "no_rules": lambda: _("The forum has no public rules of participation."),
        "gap": lambda: (
            _("No meeting for more than six months: between %(after)s and %(until)s.")
            % {"after": _day(d["after"]), "until": _day(d["until"])}
        ),
        "regular": lambda: _("The forum met at least every six months in the period, or is scheduled to."),
        "next_due": lambda: (
            _("No meeting is scheduled by %(deadline)s, six months after the last one.")
            % {"deadline": _day(d["deadline"])}
        ),
        "published": lambda: _("The plan's page is public."),
        "unpublished": lambda: _("The plan's page is not public yet."),
        "too_few_updates": lambda: (
            _("Too few documents were added between %(first)s and %(last)s.")
            % {"first": _day(d["first"]), "last": _day(d["last"])}
        ),
        "updates_pending": lambda: _("The current half-year does not have enough documents yet."),
        "updated": lambda: _("The repository was updated often enough in every half-year."),
        "no_timeline": lambda: _("No timeline has been published for the plan."),
        "notice": lambda: (
            ngettext(
                "The timeline was published %(days)s day before the first activity.",
                "The timeline was published %(days)s days before the first activity.",
                int(d["days"]),  # type: ignore[call-overload]
            )
            % {"days": d["days"]}
        ),
        "input_open": lambda: _("The public could give input."),
        "input_pending": lambda: _("No way to give input has opened yet; co-creation is still under way."),
        "no_input_way": lambda: _("No consultation or open meeting was held for the plan."),
        "no_input": lambda: _("No input is recorded for the plan, so there is no reasoned response to show."),
        "answered": lambda: _("Every piece of input has a reasoned response."),
        "unanswered": lambda: (
            _("%(answered)s of %(received)s pieces of input have a reasoned response.")
            % {"answered": d["answered"], "received": d["received"]}
        ),
        "too_few_meetings": lambda: (
            _("Too few meetings between %(first)s and %(last)s.") % {"first": _day(d["first"]), "last": _day(d["last"])}
        ),
        "meetings_pending": lambda: _("Not enough meetings are held or scheduled in the current year yet."),
        "meetings": lambda: _("At least two meetings were held, or are scheduled, in every year of implementation."),
    }
    return str(texts[outcome.reason]())


def _local_day(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.date:
    return moment.astimezone(zone).date()


def check_plan(
    plan: ActionPlan, today: datetime.date | None = None, repository: list[Entry] | None = None
) -> Standards:
    """The seven minimum requirements for `plan` as of `today` (in the plan's time zone)."""
    zone = zoneinfo.ZoneInfo(plan.jurisdiction.time_zone)
    today = today or timezone.localdate(timezone=zone)
    phases = list(Phase.objects.filter(plan=plan).order_by("starts_on", "pk"))
    start = min([plan.start_date] + [phase.starts_on for phase in phases])
    end = plan.end_date
    forum = Forum.objects.filter(jurisdiction_id=plan.jurisdiction_id).select_related("jurisdiction").first()
    meetings = (
        list(
            Meeting.objects.filter(forum=forum)
            .filter(Q(plan__isnull=True) | Q(plan=plan) | Q(plan__published_at__isnull=False))
            .select_related("forum__jurisdiction")
            .order_by("starts_at", "pk")
        )
        if forum
        else []
    )
    language = plan.jurisdiction.default_language
    meeting_days = [(_local_day(m.starts_at, zone), m) for m in meetings]
    overrides = {o.requirement: o for o in Override.objects.filter(plan=plan).select_related("decided_by")}

    def meeting_links(first: datetime.date, last: datetime.date) -> list[Link]:
        return [Link(m.title, m.get_absolute_url(), day, language) for day, m in meeting_days if first <= day <= last]

    checks: list[Check] = []

    # 1.1 the forum: public rules, meetings at least every six months.
    outcome = rules.regular_meetings(
        [day for day, _m in meeting_days], start, end, today, rules=bool(forum and forum.rules.strip())
    )
    links = [Link(str(_("The forum and its rules")), forum.get_absolute_url())] if forum else []
    checks.append(
        Check("1.1", REQUIREMENTS["1.1"], outcome.verdict, _explain(outcome), links + meeting_links(start, end))
    )

    # 2.1 the plan's public page.
    outcome = rules.public_page(plan.published_at is not None, plan.start_date, today)
    published = _local_day(plan.published_at, zone) if plan.published_at else None
    checks.append(
        Check(
            "2.1",
            REQUIREMENTS["2.1"],
            outcome.verdict,
            _explain(outcome),
            [Link(plan.title, plan.get_absolute_url(), published, language)],
        )
    )

    # 2.2 the repository: dated documents of the government in each half-year.
    found = repository if repository is not None else entries(Filters(jurisdiction_id=plan.jurisdiction_id))
    outcome, halves = rules.repository_updates([entry.date for entry in found], start, end, today)
    listing = reverse("evidence:repository") + f"?jurisdiction={plan.jurisdiction.slug}"
    links = [Link(str(_("The document repository")), listing)]
    links += [Link(e.title, e.url, e.date, e.language) for e in found if start <= e.date <= min(end, today)][:20]
    checks.append(Check("2.2", REQUIREMENTS["2.2"], outcome.verdict, _explain(outcome), links, rows=halves))

    # 3.1 the timeline, published two weeks ahead (forum.TimelinePublication, recorded when published).
    first_publication = TimelinePublication.objects.filter(plan=plan).order_by("published_at", "pk").first()
    if first_publication is not None:
        outcome = rules.timeline_notice(
            _local_day(first_publication.published_at, zone), first_publication.first_activity, today
        )
    else:
        outcome = rules.timeline_notice(None, phases[0].starts_on if phases else plan.start_date, today)
    links = []
    if first_publication is not None:
        links.append(
            Link(
                str(_("The published timeline")),
                plan.get_absolute_url() + "#timeline-heading",
                _local_day(first_publication.published_at, zone),
            )
        )
    checks.append(Check("3.1", REQUIREMENTS["3.1"], outcome.verdict, _explain(outcome), links))

    # 3.2 a way to give input: the plan's consultations and its open forum meetings.
    consultations = list(
        Consultation.objects.filter(plan=plan).select_related("jurisdiction").order_by("opens_at", "pk")
    )
    opened = [_local_day(c.opens_at, zone) for c in consultations]
    open_meetings = [(day, m) for day, m in meeting_days if m.plan_id == plan.pk and m.access == Meeting.Access.OPEN]
    outcome = rules.way_to_give_input(opened + [day for day, _m in open_meetings], plan.start_date, today)
    # Only what opened during co-creation is evidence of it (a later consultation is on something else).
    links = [
        Link(c.title, c.get_absolute_url(), day, language)
        for c, day in zip(consultations, opened, strict=True)
        if day <= plan.start_date
    ]
    links += [Link(m.title, m.get_absolute_url(), day, language) for day, m in open_meetings if day <= plan.start_date]
    checks.append(Check("3.2", REQUIREMENTS["3.2"], outcome.verdict, _explain(outcome), links))

    # 4.1 the reasoned response, from every registered kind of input.
    received = answered = 0
    links = []
    for _key, uptake in input_uptake.items():
        figures = uptake([plan.pk])
        received += figures.received
        answered += figures.answered
        if figures.received:
            links.append(Link(f"{figures.label}: {figures.answered} / {figures.received}", ""))
    links += [Link(c.title, c.get_absolute_url(), None, language) for c in consultations]
    outcome = rules.reasoned_response(received, answered, plan.start_date, today)
    checks.append(
        Check("4.1", REQUIREMENTS["4.1"], outcome.verdict, _explain(outcome), links, share=Share(answered, received))
    )

    # 5.1 meetings during implementation.
    outcome, years = rules.implementation_meetings(
        [day for day, _m in meeting_days], plan.start_date, plan.end_date, today
    )
    checks.append(
        Check(
            "5.1",
            REQUIREMENTS["5.1"],
            outcome.verdict,
            _explain(outcome),
            meeting_links(plan.start_date, plan.end_date),
            rows=years,
        )
    )

    for check in checks:
        check.override = overrides.get(check.code)
    return Standards(plan, today, start, end, checks)
