"""Importing OGP's commitment spreadsheet, all or nothing.

Jurisdictions go through their service one by one (a file names few). The organisations, plans and themes
a chunk of rows needs are created together through their services' bulk writers (`create_organisations`,
`create_published_plans`, `create_themes`: a few queries per chunk, the same change records).
Commitments, their tags, IRM records and assessments are written in bulk, a chunk of rows at a time, with
one change record per object created, changed or deleted, and the page stamps of each plan bumped once.

What exists is never overwritten silently. A plan that exists keeps its title and period, and gets no new
theme; a field of an existing commitment is changed only when it is empty in Samskap, or still holds what
the previous import of the IRM's row put there (the IRM's own value, not edited since). Every other value
in which the file differs is kept as Samskap has it and listed in the result (`ImportResult.kept`).
Assessments come only from rows that carry the IRM's own row id (column `id`): Samskap's export writes ND
there for every commitment that did not come from the IRM.
"""

import datetime
import functools
import io
import json
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any, NoReturn

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment, PolicyArea
from samskap.commitments.services import RESERVED_SLUGS
from samskap.history.models import ChangeRecord
from samskap.history.services import refresh_plan_pages, snapshot, snapshot_of
from samskap.jurisdictions.models import Jurisdiction
from samskap.jurisdictions.services import create_jurisdiction, find_jurisdiction, update_jurisdiction
from samskap.kernel.bulk import insert_and_read_ids, insert_rows, insert_values, quick_compression
from samskap.kernel.search import mark_search_pending
from samskap.kernel.slugs import make_slug, unique_slug, unique_slugs
from samskap.kernel.tasks import index_search_after_commit
from samskap.kernel.text import TEXT_MAX
from samskap.kernel.types import Actor, person
from samskap.opendata.irm.cells import parse_date, parse_year, split_institutions, text_or_none
from samskap.opendata.irm.reader import MAX_PROBLEMS, CountingReader, ImportRefused, Problem, Progress, read_rows
from samskap.opendata.irm.vocabulary import (
    ASSESSMENT_FIELDS,
    COLUMNS,
    POLICY_AREA_COLUMNS,
    POLICY_FLAG,
    RELEVANCE,
    REPORTS,
    REQUIRED,
)
from samskap.opendata.models import IRMRecord
from samskap.opendata.permissions import DataAction
from samskap.organisations.models import Organisation, normalise_name
from samskap.organisations.services import create_organisations, organisations_by_name
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.services import create_published_plans, create_themes
from samskap.review.models import IRMAssessment

A = IRMAssessment
CHUNK = 500
MAX_KEPT = 500  # differences listed one by one; more are counted
SKIP = object()  # a row of a jurisdiction the importing coordinator does not coordinate
#: A change record's fields as `_Importer.change` gives their values (see `kernel.bulk.insert_rows`).
CHANGE_FIELDS = (
    "content_type_id",
    "object_id",
    "object_repr",
    "plan_id",
    "commitment_id",
    "action",
    "changes",
    "actor_id",
    "actor_name",
    "created_at",
)
_Change = tuple[Any, ...]
M2M = ("policy_areas", "supporting_institutions")


@dataclass(frozen=True)
class Kept:
    """A value in which the file differs from Samskap, kept as Samskap has it."""

    line: int
    what: str  # the plan or commitment
    field: str
    stored: str
    in_file: str


@dataclass
class ImportResult:
    rows: int = 0  # rows imported
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    jurisdictions: int = 0
    plans: int = 0
    assessments: int = 0  # assessments created, changed or deleted
    skipped: int = 0  # rows of jurisdictions the importer does not coordinate
    skipped_places: Counter[str] = field(default_factory=Counter)
    kept: list[Kept] = field(default_factory=list)
    kept_count: int = 0

    @property
    def skipped_by_place(self) -> list[tuple[str, int]]:
        """(place, rows skipped), most first (a Counter answers 0 to a template's attribute lookup)."""
        return self.skipped_places.most_common()


@dataclass
class _Caches:
    jurisdictions: dict[str, Any] = field(default_factory=dict)  # Jurisdiction, or SKIP
    plans: dict[tuple[int, str], ActionPlan] = field(default_factory=dict)
    themes: dict[tuple[int, str], Theme | None] = field(default_factory=dict)
    organisations: dict[int, dict[str, Organisation]] = field(default_factory=dict)
    organisation_names: dict[int, str] = field(default_factory=dict)  # by pk
    policy_areas: dict[str, PolicyArea] = field(default_factory=dict)
    policy_area_names: dict[int, str] = field(default_factory=dict)  # by pk


@dataclass
class _Pending:
    """A row checked and waiting for its chunk to be written."""

    line: int
    row: dict[str, str]
    identifier: str
    jurisdiction: Jurisdiction
    plan: ActionPlan
    reports: dict[str, dict[str, Any]]


@dataclass
class _Row:
    line: int
    row: dict[str, str]
    identifier: str
    plan: ActionPlan
    values: dict[str, Any]
    related: dict[str, list[Any]]
    reports: dict[str, dict[str, Any]] | None  # None: not IRM data, assessments left alone
    theme_in_file: str


class _SeenKeys:
    """The rows read so far, by (jurisdiction, plan, identifier), with the line of each: a file names each
    commitment once. The current chunk's keys are held in memory, the earlier chunks' in a temporary table
    asked once per chunk, so memory does not grow with the file. The table is created in the import's
    transaction: a refused file's rollback drops it, a finished import drops it."""

    def __init__(self) -> None:
        self.name = f"irm_seen_{secrets.token_hex(6)}"
        self.table = connection.ops.quote_name(self.name)
        self.chunk: dict[str, int] = {}  # key -> line
        self.created = False

    def add(self, key: tuple[int, str, str], line: int) -> int | None:
        """Remember the row; the line that had its key before in this chunk, if one did."""
        text = json.dumps(key)
        if text in self.chunk:
            return self.chunk[text]
        self.chunk[text] = line
        return None

    def check(self) -> list[tuple[int, str, int]]:
        """(line, identifier, earlier line) for the chunk's rows an earlier chunk had, in line order; the
        chunk's other keys are stored for the chunks to come."""
        chunk, self.chunk = self.chunk, {}
        if not chunk:
            return []
        with connection.cursor() as cursor:
            if not self.created:
                cursor.execute(f"CREATE TEMPORARY TABLE {self.table} (key TEXT PRIMARY KEY, line INTEGER NOT NULL)")
                self.created = True
                earlier: dict[str, int] = {}
            else:
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT key, line FROM {self.table} WHERE key IN ({placeholders})", list(chunk))  # noqa: S608
                earlier = dict(cursor.fetchall())
        insert_values(self.name, ("key", "line"), [(key, line) for key, line in chunk.items() if key not in earlier])
        return sorted((chunk[key], json.loads(key)[2], line) for key, line in earlier.items())

    def drop(self) -> None:
        if self.created:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE {self.table}")
            self.created = False


def _unique_slug(model: Any, base: str, length: int) -> str:
    return unique_slug(
        base, taken=lambda slug: model.objects.filter(slug=slug).exists(), max_length=length, fallback="x"
    )


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _empty(value: Any) -> bool:
    return value in (None, "", False, [])


class _Importer:
    def __init__(self, actor: Actor, progress: Progress | None) -> None:
        self.actor = actor
        self.user = person(actor)
        self.actor_name = (self.user.get_full_name() if self.user else "") or ""
        self.progress = progress
        self.caches = _Caches()
        self.result = ImportResult()
        self.problems: list[Problem] = []
        self.may_create_jurisdictions = actor is None or can(actor, DataAction.CREATE_JURISDICTIONS)
        self.new_plans: set[int] = set()
        self.new_jurisdictions: set[int] = set()
        self.report_labels: dict[str, str] = {}
        self.touched_plans: set[int] = set()
        self.indexing_enqueued = False  # `index_search_after_commit` is asked once per import
        self.pending: list[_Pending] = []
        self.seen = _SeenKeys()
        self.unsaved_plans: list[ActionPlan] = []
        self.theme_counts: dict[int, int] = {}  # themes created, by new plan
        self.now = timezone.now()
        self.types = {
            model: ContentType.objects.get_for_model(model) for model in (Commitment, IRMAssessment, ActionPlan)
        }

    def problem(self, line: int, column: str, reason: str) -> None:
        self.problems.append(Problem(line, column, reason))
        if len(self.problems) >= MAX_PROBLEMS:
            self.refuse()

    def refuse(self) -> NoReturn:
        # In line order: a row that repeats an earlier chunk's is found when its chunk ends.
        raise ImportRefused(sorted(self.problems, key=lambda problem: problem.line))

    def keep(self, line: int, what: str, name: str, stored: Any, in_file: Any) -> None:
        self.result.kept_count += 1
        if len(self.result.kept) < MAX_KEPT:
            self.result.kept.append(Kept(line, what, name, _shown(stored), _shown(in_file)))

    # Each step returns None after recording a problem.

    def jurisdiction(self, line: int, row: dict[str, str]) -> Any:
        """The row's jurisdiction; SKIP for a row the actor may not import (another country's);
        None after a problem."""
        place = " ".join(row["Country/Locality"].split())
        scope = row["National Or Local"].strip()
        code = row["Code"].strip().upper()
        if not place:
            self.problem(line, "Country/Locality", _("empty"))
            return None
        if scope not in {"National", "Legacy Local", "Local", "Other"}:
            self.problem(line, "National Or Local", _("unknown label %s (expected National or Local)") % repr(scope))
            return None
        local = scope in {"Legacy Local", "Local"} or (scope == "Other" and ", " in place)
        key = f"{place}|{local}|{code}"
        if key in self.caches.jurisdictions:
            return self.caches.jurisdictions[key]
        found: Any
        if local:
            name, _sep, country = place.rpartition(", ")
            name = name or place
            parent = self._national(country or place, code[:3] if len(code) == 3 else "XXX")
            found = find_jurisdiction(name=name, parent=parent) if parent is not None else None
            if found is None and self.may_create_jurisdictions:
                if parent is None:
                    parent = self._create_national(country or place, "XXX")
                found = create_jurisdiction(
                    actor=self.actor,
                    name=name,
                    kind=Jurisdiction.Kind.REGION,
                    parent=parent,
                    values={"default_language": "en"},
                )
                self.result.jurisdictions += 1
                self.new_jurisdictions.add(found.pk)
        else:
            found = self._national(place, code[:3] or "XXX")
            if found is None and self.may_create_jurisdictions:
                found = self._create_national(place, code[:3] or "XXX")
        if found is None or (self.actor is not None and not can(self.actor, DataAction.IMPORT_DATA, found)):
            found = SKIP  # a coordinator's upload of OGP's whole file: the other countries' rows are skipped
        self.caches.jurisdictions[key] = found
        return found

    def _national(self, name: str, code: str) -> Jurisdiction | None:
        # A placeholder code (no code in the row) identifies nothing: then the name (in any language) does.
        known_code = code if len(code) == 3 and code != "XXX" else ""
        found = find_jurisdiction(name=name, country_code=known_code)
        if found is not None and known_code and len(found.country_code) < 3 and self.may_create_jurisdictions:
            update_jurisdiction(actor=self.actor, jurisdiction=found, values={"country_code": known_code})
        return found

    def _create_national(self, name: str, code: str) -> Jurisdiction:
        found = create_jurisdiction(
            actor=self.actor,
            name=name,
            kind=Jurisdiction.Kind.NATIONAL,
            country_code=code,
            values={"default_language": "en"},
        )
        self.result.jurisdictions += 1
        self.new_jurisdictions.add(found.pk)
        return found

    def plan(self, line: int, row: dict[str, str], jurisdiction: Jurisdiction) -> ActionPlan | None:
        label = row["Action Plan Number"].strip()
        if not label:
            self.problem(line, "Action Plan Number", _("empty"))
            return None
        years = []
        for column in ("Year Of Submission", "Action Plan End Year"):
            try:
                year = parse_year(row[column])
            except ValueError as error:
                self.problem(line, column, str(error))
                return None
            if year is None:
                self.problem(line, column, _("a year is needed"))
                return None
            years.append(year)
        start, end = datetime.date(years[0], 1, 1), datetime.date(years[1], 12, 31)
        if end < start:
            self.problem(line, "Action Plan End Year", _("the plan ends before it starts"))
            return None
        key = (jurisdiction.pk, label)
        plan = self.caches.plans.get(key)
        if plan is None:
            # A jurisdiction this import created has no plans but those it made (all in the cache).
            if jurisdiction.pk not in self.new_jurisdictions:
                plan = ActionPlan.objects.filter(jurisdiction=jurisdiction, label=label).first()
                if plan is not None:
                    plan.jurisdiction = jurisdiction  # its commitments' search language, its name: no query
            if plan is None:
                if self.problems:
                    return None  # the file is refused anyway
                status = ActionPlan.Status.COMPLETED if end < timezone.localdate() else ActionPlan.Status.IMPLEMENTATION
                # The jurisdiction's name is shown beside the title everywhere: it is not part of it.
                title = _("OGP action plan %(label)s (%(start)s-%(end)s)") % {
                    "label": label,
                    "start": years[0],
                    "end": years[1],
                }
                # Saved with its chunk (`create_plans`); OGP's own record of a plan is public already:
                # an imported plan is published, not a draft.
                plan = ActionPlan(
                    jurisdiction=jurisdiction,
                    label=label[:40],
                    title=title[:300],
                    start_date=start,
                    end_date=end,
                    status=status,
                )
                self.unsaved_plans.append(plan)
                self.result.plans += 1
            self.caches.plans[key] = plan
        # The period of a plan that exists is the plan's: the file's years are reported, not written.
        what = _("plan %(plan)s") % {"plan": plan}
        if plan.start_date.year != start.year:
            self.keep(line, what, "Year Of Submission", plan.start_date.year, start.year)
        if plan.end_date.year != end.year:
            self.keep(line, what, "Action Plan End Year", plan.end_date.year, end.year)
        return plan

    def theme(self, title: str, plan: ActionPlan) -> Theme | None:
        """The plan's theme of this title (case aside); None when it has none (`create_themes` has made
        those of the rows being written)."""
        if not title:
            return None
        key = (plan.pk, title.casefold())
        if key not in self.caches.themes:
            self.caches.themes[key] = plan.themes.filter(title__iexact=title).first()
        return self.caches.themes[key]

    def create_plans(self) -> None:
        """The plans the rows read so far need, created and published together."""
        plans, self.unsaved_plans = self.unsaved_plans, []
        create_published_plans(actor=self.actor, plans=plans)
        self.new_plans.update(plan.pk for plan in plans)

    def create_themes(self, rows: list["_Pending"]) -> None:
        """The themes the rows name on plans this import created, created together in the order named;
        a plan that existed gets no new theme."""
        themes: list[Theme] = []
        for item in rows:
            title = _theme_title(item.row)
            key = (item.plan.pk, title.casefold())
            if not title or key in self.caches.themes or item.plan.pk not in self.new_plans:
                continue
            order = self.theme_counts[item.plan.pk] = self.theme_counts.get(item.plan.pk, 0) + 1
            theme = self.caches.themes[key] = Theme(plan=item.plan, title=title, order=order)
            themes.append(theme)
        create_themes(actor=self.actor, themes=themes)

    def organisations(self, jurisdiction: Jurisdiction) -> dict[str, Organisation]:
        """The jurisdiction's organisations by every name they go by (normalised), read once."""
        table = self.caches.organisations.get(jurisdiction.pk)
        if table is None:
            new = jurisdiction.pk in self.new_jurisdictions  # none but those this import makes
            table = self.caches.organisations[jurisdiction.pk] = {} if new else organisations_by_name(jurisdiction)
            self.caches.organisation_names.update((o.pk, o.name) for o in table.values())
        return table

    def organisation(self, name: str, jurisdiction: Jurisdiction) -> Organisation | None:
        """By the directory's identity (its name or another name of it, case aside); None when missing
        (`create_organisations` has made those of the rows being written)."""
        return self.organisations(jurisdiction).get(normalise_name(name))

    def create_organisations(self, rows: list["_Pending"]) -> None:
        """The organisations the rows name that the directory does not know, created together, in the
        order the rows name them (each row: its supporting institutions, then its lead)."""
        wanted: dict[tuple[int, str], tuple[str, Jurisdiction, str]] = {}
        for item in rows:
            table = self.organisations(item.jurisdiction)
            for name in _institutions(item.row):
                key = normalise_name(name)
                if key not in table and (item.jurisdiction.pk, key) not in wanted:
                    kind = Organisation.Type.MINISTRY if "ministry" in key else Organisation.Type.AGENCY
                    wanted[(item.jurisdiction.pk, key)] = (name, item.jurisdiction, kind)
        if not wanted:
            return
        made = create_organisations(actor=self.actor, wanted=list(wanted.values()))
        for (jurisdiction_pk, key), organisation in zip(wanted, made, strict=True):
            self.caches.organisations[jurisdiction_pk][key] = organisation
            self.caches.organisation_names[organisation.pk] = organisation.name

    def policy_area(self, name: str) -> PolicyArea:
        area = self.caches.policy_areas.get(name)
        if area is None:
            area = PolicyArea.objects.filter(name__iexact=name).first()
            if area is None:
                area = PolicyArea.objects.create(name=name, slug=_unique_slug(PolicyArea, name, 120))
            self.caches.policy_areas[name] = area
            self.caches.policy_area_names[area.pk] = area.name
        return area

    def parse_labels(self, line: int, row: dict[str, str]) -> dict[str, dict[str, Any]] | None:
        """Per report type, the assessment's values; None after a problem."""
        reports: dict[str, dict[str, Any]] = {}
        ok = True
        for report_type, (year_column, columns) in REPORTS.items():
            values: dict[str, Any] = {}
            for column in columns:
                if column.column not in row:
                    continue
                try:
                    values[column.field] = column.parse(row[column.column])
                except ValueError as error:
                    self.problem(line, column.column, str(error))
                    ok = False
            year = None
            if year_column and year_column in row:
                try:
                    year = parse_year(row[year_column])
                except ValueError as error:
                    self.problem(line, year_column, str(error))
                    ok = False
            if any(value is not None for value in values.values()):
                reports[report_type] = {**dict.fromkeys(ASSESSMENT_FIELDS), **values, "report_year": year}
        for flag in POLICY_AREA_COLUMNS:
            if flag in row:
                try:
                    POLICY_FLAG.parse(row[flag])
                except ValueError as error:
                    self.problem(line, flag, str(error))
                    ok = False
        return reports if ok else None

    def row(self, line: int, row: dict[str, str]) -> None:
        identifier = row["Commitment Unique Identifier"].strip()
        if not identifier:
            self.problem(line, "Commitment Unique Identifier", _("empty"))
            return
        if len(identifier) > 40:
            self.problem(line, "Commitment Unique Identifier", _("longer than 40 characters"))
            return
        jurisdiction = self.jurisdiction(line, row)
        if jurisdiction is None:
            return
        if jurisdiction is SKIP:
            self.result.skipped += 1
            self.result.skipped_places[" ".join(row["Country/Locality"].split())[:100]] += 1
            return
        reports = self.parse_labels(line, row)
        plan = self.plan(line, row, jurisdiction)
        if plan is None or reports is None:
            return
        seen_key = (jurisdiction.pk, row["Action Plan Number"].strip(), identifier)  # a new plan has no pk yet
        earlier = self.seen.add(seen_key, line)
        if earlier is not None:
            self.duplicate(line, identifier, earlier)
            return
        if not self.problems:  # after a problem the file is refused anyway: only look for more problems
            self.pending.append(_Pending(line, row, identifier, jurisdiction, plan, reports))
        if len(self.seen.chunk) >= CHUNK:
            self.flush()

    def duplicate(self, line: int, identifier: str, earlier: int) -> None:
        self.problem(
            line,
            "Commitment Unique Identifier",
            _("%(identifier)s already appears on line %(line)s") % {"identifier": identifier, "line": earlier},
        )

    def values(self, row: dict[str, str], jurisdiction: Jurisdiction) -> dict[str, Any]:
        """What a row says about its commitment, as field values (organisations found, never created)."""
        start = parse_date(row.get("Start Date", ""))
        end = parse_date(row.get("End Date", ""), end=True)
        if start and end and end < start:
            end = None
        number = re.match(r"\d+", row.get("Commitment Number", "").strip())
        title = " ".join(text_or_none(row.get("Commitment Title", "")).split()) or text_or_none(
            row.get("Short Title", "")
        )
        relevance: dict[str, Any] = {}
        for column in RELEVANCE:
            try:
                relevance[column.field] = column.parse(row.get(column.column, "ND"))
            except ValueError:
                relevance[column.field] = None
        lead_name = _lead_name(row)
        names = split_institutions(row.get("Supporting Institution(s)", ""))
        supporting = [self.organisation(name, jurisdiction) for name in names]
        return {
            "order": min(int(number[0]), 2_000_000_000) if number else 1,
            "title": (title or row.get("Commitment Unique Identifier", "").strip())[:500],
            "short_title": " ".join(text_or_none(row.get("Short Title", "")).split())[:200],
            "description": text_or_none(row.get("Full Text", ""))[:TEXT_MAX],
            "start_date": start,
            "end_date": end,
            "lead_institution": self.organisation(lead_name, jurisdiction) if lead_name else None,
            "access_to_information": bool(relevance.get("relevant_access_to_information")),
            "civic_participation": bool(relevance.get("relevant_civic_participation")),
            "public_accountability": bool(relevance.get("relevant_public_accountability")),
            "technology_innovation": bool(relevance.get("relevant_technology_innovation")),
            "policy_areas": sorted(
                {self.policy_area(c).pk for c in POLICY_AREA_COLUMNS if row.get(c, "").strip() == "1"}
            ),
            "supporting_institutions": sorted({o.pk for o in supporting if o is not None}),
        }

    def prepare(
        self,
        line: int,
        row: dict[str, str],
        identifier: str,
        jurisdiction: Jurisdiction,
        plan: ActionPlan,
        reports: dict[str, dict[str, Any]],
    ) -> _Row:
        values = self.values(row, jurisdiction)
        theme_title = _theme_title(row)
        values["theme"] = self.theme(theme_title, plan)
        related = {name: values.pop(name) for name in M2M}
        # Only the IRM's own rows carry its row id; Samskap's export writes ND there.
        irm_data = row.get("id", "").strip().isdigit()
        return _Row(line, row, identifier, plan, values, related, reports if irm_data else None, theme_title)

    # --- Writing, a chunk at a time ---

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        for line, identifier, earlier in self.seen.check():
            self.duplicate(line, identifier, earlier)
        if not pending or self.problems:
            return
        self.create_plans()
        self.create_themes(pending)
        self.create_organisations(pending)
        rows = [self.prepare(p.line, p.row, p.identifier, p.jurisdiction, p.plan, p.reports) for p in pending]
        # A plan this import created has only the commitments of its earlier rows, and a file names each
        # commitment once: only the other plans' rows can match a stored commitment.
        stored_plans = {r.plan.pk for r in rows} - self.new_plans
        existing = {
            (c.plan_id, c.identifier): c
            for c in Commitment.objects.filter(
                plan_id__in=stored_plans,
                identifier__in={r.identifier for r in rows if r.plan.pk in stored_plans},
            )
            .select_related("theme", "lead_institution", "plan__jurisdiction")  # a snapshot names the plan
            .prefetch_related("policy_areas", "supporting_institutions")
        }
        ids = [c.pk for c in existing.values()]
        records = {r.commitment_id: r for r in IRMRecord.objects.filter(commitment_id__in=ids)}
        assessments: dict[int, dict[str, IRMAssessment]] = {}
        for assessment in A.objects.filter(commitment_id__in=ids, source=A.Source.IRM_IMPORT):
            assessments.setdefault(assessment.commitment_id, {})[assessment.report_type] = assessment
        changes: list[_Change] = []
        created: list[tuple[_Row, Commitment]] = []
        updated: list[tuple[_Row, Commitment]] = []
        retexted: list[Commitment] = []
        update_fields: set[str] = set()
        m2m_changed: dict[str, list[tuple[Commitment, list[int]]]] = {name: [] for name in M2M}
        for item in rows:
            commitment = existing.get((item.plan.pk, item.identifier))
            if commitment is None:
                commitment = Commitment(
                    plan=item.plan,
                    identifier=item.identifier,
                    updated_at=self.now,
                    created_at=self.now,
                    **item.values,
                )
                created.append((item, commitment))
                continue
            before = self.snapshot(commitment, {name: self.related_ids(commitment, name) for name in M2M})
            fields, related = self.merge(item, commitment, records.get(commitment.pk))
            if fields or related:
                for name, value in fields.items():
                    setattr(commitment, name, value)
                if fields.keys() & set(Commitment.SEARCH_FIELDS):
                    retexted.append(commitment)
                commitment.updated_at = self.now
                update_fields |= set(fields) | {"updated_at"}
                for name, pks in related.items():
                    m2m_changed[name].append((commitment, pks))
                after_related = {name: related.get(name, self.related_ids(commitment, name)) for name in M2M}
                changes.append(self.change(commitment, before, self.snapshot(commitment, after_related)))
                updated.append((item, commitment))
        self.give_slugs([c for _item, c in created])
        # bulk_create and bulk_update bypass save(): the search text of the new commitments and of those whose
        # text changed is left pending here, indexed in the background after the import commits (see
        # import_irm). The others keep their own (written back as loaded when the chunk's fields name it).
        mark_search_pending(c for _item, c in created)
        if retexted:
            update_fields |= set(mark_search_pending(retexted))
        if (created or retexted) and not self.indexing_enqueued:
            index_search_after_commit()
            self.indexing_enqueued = True
        if created:
            # Their ids read back by (plan, slug), unique (see kernel.bulk): bulk_create's compilation of every
            # value was a quarter of the import's time.
            insert_and_read_ids(Commitment, [c for _item, c in created], key=("plan_id", "slug"))
            for item, commitment in created:
                for name in M2M:
                    m2m_changed[name].append((commitment, item.related[name]))
                changes.append(self.change(commitment, None, self.snapshot(commitment, item.related)))
        if updated:
            Commitment.objects.bulk_update([c for _item, c in updated], sorted(update_fields), batch_size=CHUNK)
        self.write_related(m2m_changed)
        changed_assessments = self.assessments(rows, existing, created, assessments, changes)
        insert_rows(ChangeRecord, CHANGE_FIELDS, changes)
        self.write_records(rows, existing, created, records)
        written = {c.pk for _item, c in created} | {c.pk for _item, c in updated} | changed_assessments
        for item in rows:
            commitment = existing.get((item.plan.pk, item.identifier))
            if commitment is None:
                self.result.created += 1
            elif commitment.pk in written:
                self.result.updated += 1
            else:
                self.result.unchanged += 1
            if commitment is None or commitment.pk in written:
                self.touched_plans.add(item.plan.pk)
        self.result.rows += len(rows)

    @staticmethod
    def give_slugs(commitments: list[Commitment]) -> None:
        """The slugs `unique_slug` would give the chunk's new commitments one by one, from the slugs their
        plans have in the database (this import's earlier chunks included): one query for the chunk, and
        one more for each slug already taken (then its next numbers are asked at once)."""
        bases: dict[int, list[str]] = {}  # by plan
        for commitment in commitments:
            base = make_slug(commitment.identifier, max_length=50, fallback="commitment")
            bases.setdefault(commitment.plan_id, []).append(f"c-{base}" if base in RESERVED_SLUGS else base)
        asked = {base for names in bases.values() for base in names}
        taken = set(
            Commitment.objects.filter(plan_id__in=bases, slug__in=asked).values_list("plan_id", "slug").iterator()
        )

        def taken_among(plan_id: int, candidates: list[str]) -> set[str]:
            found = {slug for slug in candidates if (plan_id, slug) in taken}
            unasked = [slug for slug in candidates if slug not in asked]
            if unasked:
                found.update(
                    Commitment.objects.filter(plan_id=plan_id, slug__in=unasked).values_list("slug", flat=True)
                )
            return found

        slugs = {
            plan_id: iter(unique_slugs(names, taken_among=partial(taken_among, plan_id), max_length=56))
            for plan_id, names in bases.items()
        }
        for commitment in commitments:
            commitment.slug = next(slugs[commitment.plan_id])

    @staticmethod
    def related_ids(commitment: Commitment, name: str) -> list[int]:
        return sorted(o.pk for o in getattr(commitment, name).all())

    def related_names(self, name: str, pks: list[int]) -> list[str]:
        names = self.caches.policy_area_names if name == "policy_areas" else self.caches.organisation_names
        return sorted(names.get(pk, str(pk)) for pk in pks)

    def snapshot(self, commitment: Commitment, related: dict[str, list[int]]) -> dict[str, Any]:
        return snapshot(commitment, extra={name: self.related_names(name, pks) for name, pks in related.items()})

    def merge(
        self, item: _Row, commitment: Commitment, record: IRMRecord | None
    ) -> tuple[dict[str, Any], dict[str, list[int]]]:
        """What to write to an existing commitment: the file's value where Samskap's is empty or still the
        IRM's own (what the previous import of the row gave); every other difference is kept and reported."""
        previous: dict[str, Any] | None = None
        if record is not None:
            previous = self.values(record.row, item.plan.jurisdiction)
            previous["theme"] = self.theme(_theme_title(record.row), item.plan)
        what = _("commitment %(identifier)s") % {"identifier": item.identifier}
        fields: dict[str, Any] = {}
        for name, value in item.values.items():
            current = getattr(commitment, name)
            if name == "theme" and value is None and item.theme_in_file:
                # The plan has no theme of this title: it is not added to a plan that exists.
                self.keep(item.line, what, name, current, item.theme_in_file)
                continue
            if current == value:
                continue
            if _empty(current) or (previous is not None and previous.get(name) == current):
                fields[name] = value
            else:
                self.keep(item.line, what, name, current, value)
        related: dict[str, list[int]] = {}
        for name, pks in item.related.items():
            current_ids = self.related_ids(commitment, name)
            if current_ids == pks:
                continue
            if not current_ids or (previous is not None and previous.get(name) == current_ids):
                related[name] = pks
            else:
                self.keep(item.line, what, name, self.related_names(name, current_ids), self.related_names(name, pks))
        return fields, related

    def write_related(self, changed: dict[str, list[tuple[Commitment, list[int]]]]) -> None:
        for name, pairs in changed.items():
            if not pairs:
                continue
            through = getattr(Commitment, name).through
            target = "policyarea_id" if name == "policy_areas" else "organisation_id"
            through.objects.filter(commitment_id__in=[c.pk for c, _pks in pairs]).delete()
            # Pairs of ids, inserted as such: building and compiling a model per pair was a tenth of the time.
            insert_values(
                through._meta.db_table, ("commitment_id", target), [(c.pk, pk) for c, pks in pairs for pk in pks]
            )

    def assessments(
        self,
        rows: list[_Row],
        existing: dict[tuple[int, str], Commitment],
        created: list[tuple[_Row, Commitment]],
        stored: dict[int, dict[str, IRMAssessment]],
        changes: list[_Change],
    ) -> set[int]:
        """The IRM's assessments as the rows say (only rows that are IRM data); the commitments changed."""
        new_ones = {id(item): c for item, c in created}
        add: list[tuple[Commitment, str, dict[str, Any]]] = []  # (commitment, report, values by field name)
        change: list[IRMAssessment] = []
        remove: list[IRMAssessment] = []
        touched: set[int] = set()
        for item in rows:
            if item.reports is None:
                continue
            commitment = existing.get((item.plan.pk, item.identifier)) or new_ones[id(item)]
            present = dict(stored.get(commitment.pk, {}))
            for report_type, values in item.reports.items():
                wanted = {name: ("" if value is None and _is_text(name) else value) for name, value in values.items()}
                assessment = present.pop(report_type, None)
                if assessment is None:
                    add.append((commitment, report_type, wanted))
                elif any(getattr(assessment, name) != value for name, value in wanted.items()):
                    before = snapshot(assessment)
                    for name, value in wanted.items():
                        setattr(assessment, name, value)
                    change.append(assessment)
                    changes.append(self.change(assessment, before, snapshot(assessment), commitment))
                else:
                    continue
                touched.add(commitment.pk)
            for assessment in present.values():
                remove.append(assessment)
                changes.append(self.change(assessment, None, snapshot(assessment), commitment, deleted=True))
                touched.add(commitment.pk)
        if add:
            self.add_assessments(add, changes)
        if change:
            A.objects.bulk_update(change, [*ASSESSMENT_FIELDS], batch_size=CHUNK)
        if remove:
            A.objects.filter(pk__in=[a.pk for a in remove]).delete()
        self.result.assessments += len(add) + len(change) + len(remove)
        return touched

    def add_assessments(self, add: list[tuple[Commitment, str, dict[str, Any]]], changes: list[_Change]) -> None:
        """New imported assessments, written as rows of values (no instance each: the model's `__init__` and the
        snapshots of 10,000 instances were a tenth of the import's Python time), with what an instance's
        `insert_all`, snapshot and change record would have given."""
        fields = [f for f in A._meta.concrete_fields if f is not A._meta.auto_field]
        defaults = {f.name: f.get_default() for f in fields}
        defaults["source"] = A.Source.IRM_IMPORT
        # The import's moment, as its commitments': prepared once for the batch (see kernel.bulk).
        defaults["created_at"] = defaults["updated_at"] = self.now
        full = [
            {**defaults, "commitment": commitment, "report_type": report, **wanted}
            for commitment, report, wanted in add
        ]
        insert_rows(
            A,
            [f.attname for f in fields],
            [[_key(values[f.name]) if f.is_relation else values[f.name] for f in fields] for values in full],
        )
        # Read back at once: a commitment has one imported assessment of each report, and those added are of
        # reports it had none of.
        ids = {
            (commitment_id, report_type): pk
            for pk, commitment_id, report_type in A.objects.filter(
                commitment_id__in={commitment.pk for commitment, _report, _wanted in add}, source=A.Source.IRM_IMPORT
            ).values_list("pk", "commitment_id", "report_type")
        }
        kind = self.types[A].pk
        for (commitment, report, _wanted), values in zip(add, full, strict=True):
            shown = f"{self.report_label(report)}: {commitment.identifier}"
            pk = ids[(commitment.pk, report)]
            changes.append(self.change_row(kind, pk, shown, None, snapshot_of(A, values), commitment))

    def write_records(
        self,
        rows: list[_Row],
        existing: dict[tuple[int, str], Commitment],
        created: list[tuple[_Row, Commitment]],
        records: dict[int, IRMRecord],
    ) -> None:
        new_ones = {id(item): c for item, c in created}
        add: list[tuple[int, dict[str, str], datetime.datetime]] = []  # rows: no instance each
        change: list[IRMRecord] = []
        for item in rows:
            commitment = existing.get((item.plan.pk, item.identifier)) or new_ones[id(item)]
            record = records.get(commitment.pk)
            if record is None:
                add.append((commitment.pk, item.row, self.now))
            elif record.row != item.row:
                record.row, record.imported_at = item.row, self.now
                change.append(record)
        insert_rows(IRMRecord, ("commitment_id", "row", "imported_at"), add)
        IRMRecord.objects.bulk_update(change, ["row", "imported_at"], batch_size=CHUNK)

    def change(
        self,
        instance: Commitment | IRMAssessment,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        commitment: Commitment | None = None,
        *,
        deleted: bool = False,
    ) -> _Change:
        """One change record (the history service's shapes), written in bulk with the chunk."""
        owner = commitment or instance
        assert isinstance(owner, Commitment)
        kind = self.types[type(instance)].pk
        return self.change_row(kind, instance.pk, self.shown(instance), before, after, owner, deleted=deleted)

    def change_row(
        self,
        kind: int,
        pk: int,
        shown: str,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        owner: Commitment,
        *,
        deleted: bool = False,
    ) -> _Change:
        """`change` of an object given by its content type, id and name."""
        if deleted:
            action = ChangeRecord.Action.DELETED
            changes = {name: {"old": value, "new": None} for name, value in after.items()}
        elif before is None:
            action = ChangeRecord.Action.CREATED
            changes = {n: {"old": None, "new": v} for n, v in after.items() if v not in (None, "", [])}
        else:
            action = ChangeRecord.Action.UPDATED
            changes = {n: {"old": before.get(n), "new": v} for n, v in after.items() if before.get(n) != v}
        # The values of CHANGE_FIELDS: written as they are, never used as objects (no model instance each).
        return (
            kind,
            pk,
            shown[:300],
            owner.plan_id,
            owner.pk,
            action,
            changes,
            self.user.pk if self.user else None,
            self.actor_name,
            self.now,
        )

    def shown(self, instance: Commitment | IRMAssessment) -> str:
        """str(instance), without its report's label translated for each assessment (a lazy translation)."""
        if isinstance(instance, IRMAssessment):
            return f"{self.report_label(instance.report_type)}: {instance.commitment.identifier}"
        return str(instance)

    def report_label(self, report_type: str) -> str:
        """An assessment's report's label (`get_report_type_display`), looked up once per import."""
        label = self.report_labels.get(report_type)
        if label is None:
            label = self.report_labels[report_type] = str(A(report_type=report_type).get_report_type_display())
        return label

    def finish(self) -> None:
        """The last chunk written (and checked); ImportRefused if the file had problems."""
        self.flush()
        if self.problems:
            self.refuse()
        self.seen.drop()
        # One bump of the page stamps per plan that changed (a commitment's own stamp was set as it was written).
        refresh_plan_pages(plan_ids=self.touched_plans)


def _theme_title(row: dict[str, str]) -> str:
    return " ".join(text_or_none(row.get("Theme", "")).split())[:300]


def _lead_name(row: dict[str, str]) -> str:
    return " ".join(text_or_none(row.get("Lead Institution", "")).split())[:200]


def _institutions(row: dict[str, str]) -> list[str]:
    """The organisations a row names, as `_Importer.values` looks them up: supporting ones, then the lead."""
    names = split_institutions(row.get("Supporting Institution(s)", ""))
    lead = _lead_name(row)
    return [*names, lead] if lead else names


def _key(related: models.Model | None) -> Any:
    return None if related is None else related.pk


@functools.cache  # asked for every value of every assessment
def _is_text(name: str) -> bool:
    return isinstance(A._meta.get_field(name), models.CharField)


def import_irm(stream: IO[bytes], *, actor: Actor = None, progress: Progress | None = None) -> ImportResult:
    """Import the IRM commitment spreadsheet, all or nothing. Raises ImportRefused with the problems.

    Rows of jurisdictions the actor may not import into (a coordinator's upload of OGP's whole file)
    are skipped and counted; an actor who may add jurisdictions (a superuser, or None: the command)
    imports every row.
    """
    counter = CountingReader(stream)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    importer = _Importer(actor, progress)
    # No `bulk_search_writes`: the commitments' search text is pending (`mark_search_pending`), so the import
    # adds next to nothing to the GIN indexes; the indexing task's batches use it. The IRM's rows (jsonb), the
    # change records and the commitments' texts are compressed with lz4 (`quick_compression`).
    with transaction.atomic(), quick_compression():
        for n, (line, row) in enumerate(
            read_rows(buffered, known=COLUMNS, required=REQUIRED, counter=counter),
            start=1,
        ):
            importer.row(line, row)
            if progress and n % 50 == 0:
                progress(counter.count)
        importer.finish()
        if progress:
            progress(counter.count)
    return importer.result
