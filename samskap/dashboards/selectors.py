"""What a dashboard shows, counted in the database: a fixed number of grouped queries whatever the size
of the jurisdiction (`tests/dashboards/test_queries.py`), and only published plans.

The counting rules are the registered dashboard figures' (`commitments.registrations`): a commitment
counts unless it was withdrawn; a milestone counts unless it was cancelled, and is complete when its
status is "completed". A milestone is overdue when its end date has passed and it is neither completed
nor cancelled. Progress over time and the uptake of public input come from the apps that own them,
through `kernel.registry.progress_series` and `input_uptake`.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.commitments.models import COMPLETION_SCALE, Commitment, CompletionLevel, Milestone
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import registry, versions
from samskap.kernel.pages import version_stamp
from samskap.kernel.registry import Share
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme

from .charts import Chart, Row, Series, TimeChart, TimePoint, capped, share_text

T = TypeVar("T")

#: Completion levels, complete first (a bar reads as "how far along" from the left), then the rest.
COMPLETION_ORDER: tuple[str, ...] = (
    *reversed(COMPLETION_SCALE),
    CompletionLevel.NO_EVIDENCE,
    CompletionLevel.UNCLEAR,
    CompletionLevel.WITHDRAWN,
)
COMPLETION_LOOK = {
    "complete": ("#0b6e4f", "solid"),
    "substantial": ("#1f5fa8", "stripes"),
    "limited": ("#b25e00", "dots"),
    "not_started": ("#5a6b7d", "cross"),
    "no_evidence": ("#7a4a8e", "backslash"),
    "unclear": ("#6b5d00", "rows"),
    "withdrawn": ("#333f4d", "grid"),
}
MILESTONE_ORDER: tuple[str, ...] = (
    Milestone.Status.COMPLETED,
    Milestone.Status.ON_TRACK,
    Milestone.Status.DELAYED,
    Milestone.Status.NOT_STARTED,
)
MILESTONE_LOOK = {
    "completed": ("#0b6e4f", "solid"),
    "on_track": ("#1f5fa8", "stripes"),
    "delayed": ("#b3261e", "dots"),
    "not_started": ("#5a6b7d", "cross"),
}
OGP_VALUES = ("access_to_information", "civic_participation", "public_accountability", "technology_innovation")
VALUE_KEYS = (*OGP_VALUES, "none")
OVERDUE_SHOWN = 25
#: Data a plan's stamp does not cover (a submission published, a status round's snapshot) shows at the
#: latest after this many seconds; everything that changes a plan shows at once.
STALE_AFTER = 600


def completion_series(present: set[str]) -> list[Series]:
    """The four levels of the scale always, the others only when some commitment has them."""
    return [
        Series(level, str(CompletionLevel(level).label), *COMPLETION_LOOK[level])
        for level in COMPLETION_ORDER
        if level in COMPLETION_SCALE or level in present
    ]


def milestone_series() -> list[Series]:
    return [Series(status, str(Milestone.Status(status).label), *MILESTONE_LOOK[status]) for status in MILESTONE_ORDER]


def _value_counts(prefix: str) -> dict[str, Count]:
    """Counted alongside a grouped query: how many rows of each group have each OGP value, and none (a
    commitment with several values counts under each), so the values need no query of their own."""
    flags = [Q(**{f"{prefix}{value}": True}) for value in OGP_VALUES]
    none = ~flags[0] & ~flags[1] & ~flags[2] & ~flags[3]
    counts = {f"value_{value}": Count("pk", filter=flag) for value, flag in zip(OGP_VALUES, flags, strict=True)}
    return {**counts, "value_none": Count("pk", filter=none)}


# --- Where a dashboard looks -------------------------------------------------------------------


@dataclass
class Scope:
    """The site, a jurisdiction or a plan; `plans` are its published plans."""

    kind: str  # "site" | "jurisdiction" | "plan"
    jurisdiction: Jurisdiction | None = None
    plan: ActionPlan | None = None

    def plan_filter(self, prefix: str = "") -> Q:
        """The published plans in scope, as a filter on a model that reaches the plan through `prefix`: by
        their ids (read once), so that no counting query has to join the plans."""
        return Q(**{f"{prefix}plan_id__in": self.plan_ids})

    @property
    def key(self) -> str:
        return str(self.plan.pk if self.plan else self.jurisdiction.pk if self.jurisdiction else "site")

    @property
    def plan_ids(self) -> list[int]:
        return [plan.pk for plan in self.plans]

    @cached_property
    def plans(self) -> list[ActionPlan]:
        if self.plan is not None:
            return [self.plan]
        plans = ActionPlan.objects.public().select_related("jurisdiction")
        if self.jurisdiction is not None:
            plans = plans.filter(jurisdiction=self.jurisdiction)
        return list(plans.order_by("jurisdiction__kind", "jurisdiction__name", "jurisdiction_id", "-start_date"))

    @property
    def figure_subject(self) -> Any:
        return self.plan or self.jurisdiction


def site_scope() -> Scope:
    return Scope("site")


def jurisdiction_scope(slug: str) -> Scope:
    place = Jurisdiction.objects.filter(slug=slug).first()
    if place is None:
        raise Http404
    return Scope("jurisdiction", jurisdiction=place)


def plan_scope(jurisdiction_slug: str, plan_slug: str) -> Scope:
    """A published plan's scope; a draft has no dashboard (404), for anyone."""
    plan = (
        ActionPlan.objects.public()
        .select_related("jurisdiction")
        .filter(jurisdiction__slug=jurisdiction_slug, slug=plan_slug)
        .first()
    )
    if plan is None:
        raise Http404
    return Scope("plan", jurisdiction=plan.jurisdiction, plan=plan)


def _bucket() -> str:
    now = timezone.now()
    return f"{timezone.localdate(now).isoformat()}/{int(now.timestamp()) // STALE_AFTER}"


def version(kind: str, jurisdiction_slug: str = "", plan_slug: str = "") -> str:
    """The page-cache stamp: the newest change to a published plan in scope and how many there are, the day
    (overdue is counted against today) and a ten-minute bucket. One plain query; 404 when nothing is there."""
    plans = ActionPlan._meta.db_table
    places = Jurisdiction._meta.db_table
    if kind == "site":
        sql = f"SELECT MAX(p.updated_at), COUNT(p.id) FROM {plans} p WHERE p.published_at IS NOT NULL"  # noqa: S608 (table names from the models)
        params: list[str] = []
    elif kind == "jurisdiction":
        sql = (
            f"SELECT j.id, MAX(p.updated_at), COUNT(p.id) FROM {places} j LEFT JOIN {plans} p "  # noqa: S608 (table names from the models; values are parameters)
            f"ON p.jurisdiction_id = j.id AND p.published_at IS NOT NULL WHERE j.slug = %s GROUP BY j.id"
        )
        params = [jurisdiction_slug]
    else:
        sql = (
            f"SELECT p.id, p.updated_at FROM {plans} p JOIN {places} j ON j.id = p.jurisdiction_id "  # noqa: S608 (table names from the models; values are parameters)
            f"WHERE j.slug = %s AND p.slug = %s AND p.published_at IS NOT NULL"
        )
        params = [jurisdiction_slug, plan_slug]
    return f"{version_stamp(sql, params)}/{_bucket()}"


# --- Counting ----------------------------------------------------------------------------------


def _counts(rows: Iterable[dict[str, Any]], key: str, column: str) -> dict[Any, dict[str, int]]:
    """{key value: {column value: count}} from a grouped query."""
    table: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        table[row[key]][row[column]] += row["n"]
    return table


@dataclass
class OverdueMilestone:
    activity: str
    end_date: datetime.date
    status: str
    status_label: str
    commitment: str
    url: str
    plan: str
    lang: str


@dataclass
class Dashboard:
    """A dashboard's figures and charts; every attribute is read only when the page asks for it (a page
    served from the cache asks nothing)."""

    scope: Scope
    today: datetime.date = field(default_factory=timezone.localdate)
    version: str = ""  # the page's version stamp: the counts are kept in the cache under it

    def _stored(self, name: str, compute: Callable[[], T], *, version: str = "") -> T:
        """A query's result (numbers, ids, codes and names: nothing in the reader's language), kept in the
        cache under the page's version stamp (or `version`, the stamp of what it counts), so the same
        dashboard in another language, or for a reader with a session (who gets no cached page), is
        counted once. The stamp bounds how stale it can be."""
        if not self.version:
            return compute()
        address = f"{self.scope.kind}:{self.scope.key}:{version or self.version}:{name}"
        key = "dashboards:" + hashlib.sha256(address.encode()).hexdigest()  # any cache backend takes it
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, 2 * STALE_AFTER)
        return cast(T, found)

    # The grouped queries ----------------------------------------------------------------------

    def _commitments(self) -> QuerySet[Commitment]:
        return Commitment.objects.filter(self.scope.plan_filter()).exclude(status=Commitment.Status.WITHDRAWN)

    def _milestones(self) -> QuerySet[Milestone]:
        return Milestone.objects.filter(self.scope.plan_filter("commitment__")).exclude(
            status=Milestone.Status.CANCELLED
        )

    @cached_property
    def _commitment_rows(self) -> list[dict[str, Any]]:
        """Commitments by plan, theme and completion, with how many of each group have each OGP value (and
        none): one grouped query, read for plans, themes and values."""
        rows = self._commitments().values("plan_id", "theme_id", "completion")
        return self._stored("commitments", lambda: list(rows.annotate(n=Count("pk"), **_value_counts(""))))

    @cached_property
    def _milestone_rows(self) -> list[dict[str, Any]]:
        """Milestones by plan, theme and status, with how many are overdue and how many have each OGP value
        (through their commitment): one grouped query."""
        late = Q(end_date__lt=self.today) & ~Q(status=Milestone.Status.COMPLETED)
        rows = (
            self._milestones()
            .values("commitment__plan_id", "commitment__theme_id", "status")
            .annotate(n=Count("pk"), overdue=Count("pk", filter=late), **_value_counts("commitment__"))
        )
        return self._stored("milestones", lambda: list(rows))

    @cached_property
    def _by_plan(self) -> dict[int, dict[str, int]]:
        return _counts(self._commitment_rows, "plan_id", "completion")

    @cached_property
    def _milestones_and_overdue_by_plan(self) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
        overdue: dict[int, int] = defaultdict(int)
        for row in self._milestone_rows:
            overdue[row["commitment__plan_id"]] += row["overdue"]
        return _counts(self._milestone_rows, "commitment__plan_id", "status"), {k: v for k, v in overdue.items() if v}

    @property
    def _milestones_by_plan(self) -> dict[int, dict[str, int]]:
        return self._milestones_and_overdue_by_plan[0]

    @property
    def _overdue_by_plan(self) -> dict[int, int]:
        return self._milestones_and_overdue_by_plan[1]

    def _overdue(self) -> QuerySet[Milestone]:
        return self._milestones().filter(end_date__lt=self.today).exclude(status=Milestone.Status.COMPLETED)

    @cached_property
    def completion_levels(self) -> list[Series]:
        present = {level for counts in self._by_plan.values() for level, n in counts.items() if n}
        return completion_series(present)

    # Headline figures --------------------------------------------------------------------------

    @cached_property
    def figures(self) -> list[tuple[Any, Share, Any]]:
        """The registered dashboard figures for a plan or a jurisdiction: (label, share, formula)."""
        subject = self.scope.figure_subject
        if subject is None:
            return []
        shown = [figure for figure in registry.dashboard_figures if self.scope.kind in figure.scopes]
        values = self._stored("figures", lambda: [figure.value(subject) for figure in shown])
        return [(figure.label, value, figure.explanation) for figure, value in zip(shown, values, strict=True)]

    @cached_property
    def milestones(self) -> Share:
        counts = [n for by_status in self._milestones_by_plan.values() for n in by_status.values()]
        done = sum(by_status.get(Milestone.Status.COMPLETED, 0) for by_status in self._milestones_by_plan.values())
        return Share(done, sum(counts))

    @cached_property
    def commitments(self) -> Share:
        done = sum(levels.get(CompletionLevel.COMPLETE, 0) for levels in self._by_plan.values())
        return Share(done, sum(n for levels in self._by_plan.values() for n in levels.values()))

    @cached_property
    def overdue_count(self) -> int:
        return sum(self._overdue_by_plan.values())

    @cached_property
    def overdue(self) -> list[OverdueMilestone]:
        """The longest overdue milestones first (the count says how many there are in all)."""
        fields = (
            "activity",
            "end_date",
            "status",
            "commitment__identifier",
            "commitment__short_title",
            "commitment__title",
            "commitment__slug",
            "commitment__plan__slug",
            "commitment__plan__label",
            "commitment__plan__jurisdiction__slug",
            "commitment__plan__jurisdiction__name",
            "commitment__plan__jurisdiction__default_language",
        )
        rows = self._overdue().order_by("end_date", "pk").values_list(*fields)
        found = self._stored("overdue", lambda: list(rows[:OVERDUE_SHOWN]))
        return [
            OverdueMilestone(
                activity=activity,
                end_date=end,
                status=status,
                status_label=str(Milestone.Status(status).label),
                commitment=f"{identifier} {short_title or title}",
                url=reverse("commitments:detail", kwargs={"jurisdiction": place, "plan": plan, "commitment": slug}),
                plan=f"{place_name}: {label}",
                lang=language,
            )
            for (
                activity,
                end,
                status,
                identifier,
                short_title,
                title,
                slug,
                plan,
                label,
                place,
                place_name,
                language,
            ) in (found)
        ]

    # Charts ------------------------------------------------------------------------------------

    def _completion_chart(self, slug: str, title: str, category: str, rows: list[Row], **extra: Any) -> Chart:
        return Chart(
            slug=slug,
            title=title,
            category=category,
            series=self.completion_levels,
            rows=rows,
            unit=_("commitments"),
            complete=CompletionLevel.COMPLETE,
            **extra,
        )

    def _milestone_chart(self, slug: str, title: str, category: str, rows: list[Row], **extra: Any) -> Chart:
        return Chart(
            slug=slug,
            title=title,
            category=category,
            series=milestone_series(),
            rows=rows,
            unit=_("milestones"),
            complete=Milestone.Status.COMPLETED,
            **extra,
        )

    def _completion_row(self, label: str, counts: dict[str, int], **extra: Any) -> Row:
        return Row(label, [counts.get(s.key, 0) for s in self.completion_levels], **extra)

    @staticmethod
    def _milestone_row(label: str, counts: dict[str, int], **extra: Any) -> Row:
        return Row(label, [counts.get(status, 0) for status in MILESTONE_ORDER], **extra)

    def _grouped(
        self,
        field: str,
        names: dict[int, tuple[str, int]],
        none: str,
        commitments: Iterable[dict[str, Any]],
        milestones: Iterable[dict[str, Any]],
    ) -> tuple[list[Row], list[Row]]:
        """Commitment rows and milestone rows, from queries grouped by the commitment's `field` (theme_id,
        lead_institution_id), counted by id (no join) and then named; ids with the same name (a theme of
        each plan of a jurisdiction) are one row. `names` maps an id to (name, rank)."""
        by_name: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        milestone_counts: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        rank: dict[str | None, int] = {}

        def named(key: int | None) -> str | None:
            if key is None or key not in names:
                return None
            label, order = names[key]
            rank[label] = min(rank.get(label, order), order)
            return label

        for row in commitments:
            by_name[named(row[field])][row["completion"]] += row["n"]
        for row in milestones:
            milestone_counts[named(row[f"commitment__{field}"])][row["status"]] += row["n"]
        keys = sorted(set(by_name) | set(milestone_counts), key=lambda k: (k is None, rank.get(k or "", 0), k or ""))
        lang = self._content_lang
        commitment_rows = [
            self._completion_row(k if k is not None else none, by_name.get(k, {}), lang=lang if k else "") for k in keys
        ]
        milestone_rows = [
            self._milestone_row(k if k is not None else none, milestone_counts.get(k, {}), lang=lang if k else "")
            for k in keys
        ]
        return commitment_rows, milestone_rows

    @property
    def _content_lang(self) -> str:
        place = self.scope.jurisdiction
        return place.default_language if place is not None else ""

    @cached_property
    def _themes(self) -> tuple[list[Row], list[Row]]:
        themes = Theme.objects.filter(plan_id__in=self.scope.plan_ids).values_list("pk", "title", "order")
        names = {pk: (title, order) for pk, title, order in self._stored("themes", lambda: list(themes))}
        return self._grouped("theme_id", names, _("Without a theme"), self._commitment_rows, self._milestone_rows)

    @cached_property
    def _institutions(self) -> tuple[list[Row], list[Row]]:
        commitments, milestones, names = self._by_institution
        field = "lead_institution_id"
        return self._grouped(
            field, {pk: (name, 0) for pk, name in names}, _("No lead institution"), commitments, milestones
        )

    @cached_property
    def _by_institution(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[int, str]]]:
        """One query per model grouped by lead institution and level or status (at most institutions x
        levels groups, whatever the number of commitments); then the institutions' names."""

        def read() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[int, str]]]:
            commitments = self._commitments().values("lead_institution_id", "completion")
            milestones = self._milestones().values("commitment__lead_institution_id", "status")
            by_commitment = list(commitments.annotate(n=Count("pk")))
            by_milestone = list(milestones.annotate(n=Count("pk")))
            ids = {row["lead_institution_id"] for row in by_commitment}
            ids |= {row["commitment__lead_institution_id"] for row in by_milestone}
            names = Organisation.objects.filter(pk__in=[pk for pk in ids if pk is not None]).values_list("pk", "name")
            return by_commitment, by_milestone, list(names)

        return self._stored("institutions", read)

    def _capped(self, slug: str, title: str, category: str, rows: list[Row], others: str, kind: str) -> Chart:
        make = self._completion_chart if kind == "commitments" else self._milestone_chart
        return make(slug, title, category, capped(rows, others), csv_rows=rows)

    @cached_property
    def completion_by_theme(self) -> Chart:
        return self._capped(
            "completion-by-theme",
            _("Commitments by theme and completion"),
            _("Theme"),
            self._themes[0],
            _("Other themes (%(count)s)"),
            "commitments",
        )

    @cached_property
    def milestones_by_theme(self) -> Chart:
        return self._capped(
            "milestones-by-theme",
            _("Milestones by theme and status"),
            _("Theme"),
            self._themes[1],
            _("Other themes (%(count)s)"),
            "milestones",
        )

    @cached_property
    def completion_by_institution(self) -> Chart:
        return self._capped(
            "completion-by-institution",
            _("Commitments by lead institution and completion"),
            _("Lead institution"),
            self._institutions[0],
            _("Other institutions (%(count)s)"),
            "commitments",
        )

    @cached_property
    def milestones_by_institution(self) -> Chart:
        return self._capped(
            "milestones-by-institution",
            _("Milestones by lead institution and status"),
            _("Lead institution"),
            self._institutions[1],
            _("Other institutions (%(count)s)"),
            "milestones",
        )

    @cached_property
    def _values(self) -> tuple[list[Row], list[Row], int, int]:
        """Each value's row sums the counts of that value kept in the plan-and-theme groups."""
        commitment_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for row in self._commitment_rows:
            for value in VALUE_KEYS:
                commitment_counts[value][row["completion"]] += row[f"value_{value}"]
        milestone_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for row in self._milestone_rows:
            for value in VALUE_KEYS:
                milestone_counts[value][row["status"]] += row[f"value_{value}"]
        labels = {  # the same words as the commitment form's
            "access_to_information": _("Access to information"),
            "civic_participation": _("Civic participation"),
            "public_accountability": _("Public accountability"),
            "technology_innovation": _("Technology and innovation"),
        }
        labels["none"] = _("No OGP value given")
        commitment_rows = [self._completion_row(labels[v], commitment_counts[v]) for v in labels]
        milestone_rows = [self._milestone_row(labels[v], milestone_counts[v]) for v in labels]
        return commitment_rows, milestone_rows, self.commitments.total, self.milestones.total

    @cached_property
    def completion_by_value(self) -> Chart:
        rows, _milestones, commitments, _m = self._values
        note = _(
            "A commitment relevant to several OGP values is counted under each of them: %(count)s commitments in all."
        )
        return self._completion_chart(
            "completion-by-value",
            _("Commitments by OGP value and completion"),
            _("OGP value"),
            rows,
            additive=False,
            note=note % {"count": commitments},
        )

    @cached_property
    def milestones_by_value(self) -> Chart:
        _commitments, rows, _c, milestones = self._values
        note = _(
            "A milestone of a commitment relevant to several OGP values is counted under each of them: "
            "%(count)s milestones in all."
        )
        return self._milestone_chart(
            "milestones-by-value",
            _("Milestones by OGP value and status"),
            _("OGP value"),
            rows,
            additive=False,
            note=note % {"count": milestones},
        )

    @cached_property
    def completion_by_plan(self) -> Chart:
        rows = [
            self._completion_row(
                self._plan_label(plan),
                self._by_plan.get(plan.pk, {}),
                url=self._urls(plan)[0],
                lang=plan.jurisdiction.default_language,
            )
            for plan in self.scope.plans
        ]
        title = _("Commitments by plan and completion")
        return self._completion_chart("completion-by-plan", title, _("Plan"), self._plans_capped(rows), csv_rows=rows)

    @cached_property
    def milestones_by_plan(self) -> Chart:
        rows = [
            self._milestone_row(
                self._plan_label(plan),
                self._milestones_by_plan.get(plan.pk, {}),
                url=self._urls(plan)[0],
                lang=plan.jurisdiction.default_language,
            )
            for plan in self.scope.plans
        ]
        title = _("Milestones by plan and status")
        return self._milestone_chart("milestones-by-plan", title, _("Plan"), self._plans_capped(rows), csv_rows=rows)

    @staticmethod
    def _plans_capped(rows: list[Row]) -> list[Row]:
        """A chart shows the largest plans and sums up the others (the table of plans above lists them all)."""
        return capped(rows, _("Other plans (%(count)s)"))

    @cached_property
    def overdue_by_plan(self) -> Chart:
        rows = [
            Row(
                self._plan_label(plan),
                [self._overdue_by_plan.get(plan.pk, 0)],
                url=self._urls(plan)[0],
                lang=plan.jurisdiction.default_language,
            )
            for plan in self.scope.plans
            if self._overdue_by_plan.get(plan.pk)
        ]
        return Chart(
            slug="overdue-by-plan",
            title=_("Overdue milestones by plan"),
            category=_("Plan"),
            csv_rows=rows,
            series=[Series("overdue", _("Overdue milestones"), "#b3261e", "stripes")],
            rows=self._plans_capped(rows),
            unit=_("milestones"),
            stacked=False,
        )

    @cached_property
    def completion_by_jurisdiction(self) -> Chart:
        """The site's comparison: commitments of each government's published plans by completion."""
        places: dict[int, tuple[Jurisdiction, dict[str, int]]] = {}
        for plan in self.scope.plans:
            _place, counts = places.setdefault(plan.jurisdiction_id, (plan.jurisdiction, defaultdict(int)))
            for level, n in self._by_plan.get(plan.pk, {}).items():
                counts[level] += n
        rows = [
            self._completion_row(place.name, counts, url=place.get_absolute_url()) for place, counts in places.values()
        ]
        return self._completion_chart(
            "completion-by-jurisdiction", _("Commitments by government and completion"), _("Government"), rows
        )

    @cached_property
    def _url_patterns(self) -> tuple[str, str, str]:
        """A plan's page, its dashboard and its jurisdiction's dashboard, reversed once with stand-ins that
        each plan's slugs replace (slugs need no quoting): a hundred plans would be hundreds of reverses."""
        names = {"jurisdiction": "jjjjjjjj", "plan": "pppppppp"}
        return (
            reverse("plans:detail", kwargs=names),
            reverse("dashboards:plan", kwargs=names),
            reverse("dashboards:jurisdiction", kwargs={"jurisdiction": names["jurisdiction"]}),
        )

    def _urls(self, plan: ActionPlan) -> tuple[str, str, str]:
        place, slug = plan.jurisdiction.slug, plan.slug
        page, dashboard, place_dashboard = (
            url.replace("jjjjjjjj", place).replace("pppppppp", slug) for url in self._url_patterns
        )
        return page, dashboard, place_dashboard

    def _plan_label(self, plan: ActionPlan) -> str:
        if self.scope.kind == "site":
            return f"{plan.jurisdiction.name}: {plan.label} ({plan.period})"
        return f"{plan.label}: {plan.title} ({plan.period})"

    def plan_rows(self) -> list[dict[str, Any]]:
        """Which plans, how far along: one row a plan, for the tables of plans and their dashboards."""
        result = []
        for plan in self.scope.plans:
            levels = self._by_plan.get(plan.pk, {})
            milestones = self._milestones_by_plan.get(plan.pk, {})
            result.append(
                {
                    "plan": plan,
                    "commitments": share_text(Share(levels.get(CompletionLevel.COMPLETE, 0), sum(levels.values()))),
                    "milestones": share_text(
                        Share(milestones.get(Milestone.Status.COMPLETED, 0), sum(milestones.values()))
                    ),
                    "overdue": self._overdue_by_plan.get(plan.pk, 0),
                    "jurisdiction_url": reverse(
                        "dashboards:jurisdiction", kwargs={"jurisdiction": plan.jurisdiction.slug}
                    ),
                    "dashboard_url": reverse(
                        "dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug}
                    ),
                }
            )
        return result

    # From other apps ---------------------------------------------------------------------------

    @cached_property
    def over_time(self) -> list[TimeChart]:
        """A step chart for each plan with reported figures over time (`kernel.registry.progress_series`)."""
        ids = [plan.pk for plan in self.scope.plans]
        series: dict[int, list[registry.ProgressPoint]] = {}
        for source in registry.progress_series:
            for plan_id, points in source(ids).items():
                series.setdefault(plan_id, []).extend(points)
        levels = [(s.key, s.label) for s in completion_series({"no_evidence", "unclear", "withdrawn"})]
        charts = []
        for plan in self.scope.plans:
            points = sorted(series.get(plan.pk, []), key=lambda p: p.as_of)
            if not points:
                continue
            charts.append(
                TimeChart(
                    slug=f"over-time-{plan.pk}",
                    title=_("Milestones complete over time: %(plan)s") % {"plan": self._plan_label(plan)},
                    points=[
                        TimePoint(
                            p.as_of, p.label, Share(p.milestones_complete, p.milestones_total), dict(p.commitments)
                        )
                        for p in points
                    ],
                    level_labels=[
                        (k, v) for k, v in levels if any(p.commitments.get(k) for p in points) or k in COMPLETION_SCALE
                    ],
                    lang=plan.jurisdiction.default_language,
                )
            )
        return charts

    @cached_property
    def input_uptake(self) -> Chart:
        """What became of the public input to the plans in scope (`kernel.registry.input_uptake`)."""
        ids = [plan.pk for plan in self.scope.plans]
        # Counted over every submission and proposal to the plans (200,000 at the benchmark's scale): kept
        # under the version of the counting apps' data (their registry keys are their app labels) and the
        # ten-minute bucket, not under the plans' stamp, so that editing a plan does not count them again.
        sources = registry.input_uptake.items()
        counted = ",".join(str(pk) for pk in ids)
        data = versions.stamp(key for key, _source in sources) if sources else ""
        stamp = f"{hashlib.sha256(counted.encode()).hexdigest()}/{data}/{_bucket()}"
        found = self._stored("uptake", lambda: [source(ids) for _key, source in sources], version=stamp)
        rows = [Row(str(uptake.label), [uptake.received, uptake.answered, uptake.taken_up]) for uptake in found]
        return Chart(
            slug="input-uptake",
            title=_("Input received, answered and taken up"),
            category=_("Input"),
            series=[
                Series("received", _("Received"), "#5a6b7d", "solid"),
                Series("answered", _("With a reasoned answer"), "#1f5fa8", "stripes"),
                Series("taken_up", _("Taken up wholly or partly"), "#0b6e4f", "dots"),
            ],
            rows=rows,
            unit=_("pieces of input"),
            complete="taken_up",
            stacked=False,
            percent_label=_("Percent taken up"),
            headline=_("%(count)s of %(total)s %(unit)s were taken up wholly or partly (%(percent)s %%)."),
        )

    def chart(self, slug: str) -> Chart | TimeChart:
        """A chart of this dashboard by its address (for its CSV); 404 when it has none of that name."""
        for chart in self.charts():
            if chart.slug == slug:
                return chart
        raise Http404

    def charts(self) -> list[Chart | TimeChart]:
        if self.scope.kind == "site":
            return [self.completion_by_jurisdiction, self.completion_by_plan, self.milestones_by_plan]
        shown: list[Chart | TimeChart] = []
        if self.scope.kind == "jurisdiction":
            shown += [self.completion_by_plan, self.milestones_by_plan, self.overdue_by_plan]
        shown += [
            self.completion_by_theme,
            self.milestones_by_theme,
            self.completion_by_institution,
            self.milestones_by_institution,
            self.completion_by_value,
            self.milestones_by_value,
            self.input_uptake,
            *self.over_time,
        ]
        return shown
