"""Importing OGP's commitment spreadsheet, all or nothing, through the services."""

import datetime
import io
import re
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment, PolicyArea
from samskap.commitments.services import create_commitment, update_commitment
from samskap.history.services import delete_tracked, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.jurisdictions.services import create_jurisdiction, find_jurisdiction, update_jurisdiction
from samskap.kernel.slugs import unique_slug
from samskap.kernel.text import TEXT_MAX
from samskap.kernel.types import Actor
from samskap.opendata.irm.cells import parse_date, parse_year, split_institutions, text_or_none
from samskap.opendata.irm.reader import MAX_PROBLEMS, CountingReader, ImportRefused, Problem, Progress, read_rows
from samskap.opendata.irm.vocabulary import (
    ASSESSMENT_FIELDS,
    COLUMNS,
    POLICY_AREA_COLUMNS,
    POLICY_FLAG,
    REPORTS,
    REQUIRED,
)
from samskap.opendata.models import IRMRecord
from samskap.opendata.permissions import DataAction
from samskap.organisations.models import Organisation
from samskap.organisations.services import find_or_create_organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.services import create_plan, publish_plan, save_theme, update_plan
from samskap.review.models import IRMAssessment

A = IRMAssessment


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    jurisdictions: int = 0
    plans: int = 0


@dataclass
class _Caches:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    plans: dict[tuple[int, str], ActionPlan] = field(default_factory=dict)
    themes: dict[tuple[int, str], Theme] = field(default_factory=dict)
    organisations: dict[tuple[int, str], Organisation] = field(default_factory=dict)
    policy_areas: dict[str, PolicyArea] = field(default_factory=dict)
    identifiers: dict[tuple[str, str, str], int] = field(default_factory=dict)


def _unique_slug(model: Any, base: str, length: int) -> str:
    return unique_slug(
        base, taken=lambda slug: model.objects.filter(slug=slug).exists(), max_length=length, fallback="x"
    )


class _Importer:
    def __init__(self, actor: Actor, progress: Progress | None) -> None:
        self.actor = actor
        self.progress = progress
        self.caches = _Caches()
        self.result = ImportResult()
        self.problems: list[Problem] = []
        self.may_create_jurisdictions = actor is None or can(actor, DataAction.CREATE_JURISDICTIONS)

    def problem(self, line: int, column: str, reason: str) -> None:
        self.problems.append(Problem(line, column, reason))
        if len(self.problems) >= MAX_PROBLEMS:
            raise ImportRefused(self.problems)

    # Each step returns None after recording a problem.

    def jurisdiction(self, line: int, row: dict[str, str]) -> Jurisdiction | None:
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
        key = f"{place}|{local}"
        if key in self.caches.jurisdictions:
            return self.caches.jurisdictions[key]
        if local:
            name, _sep, country = place.rpartition(", ")
            name = name or place
            parent = self._national(line, country or place, code[:2] or "XX")
            if parent is None:
                return None
            found = find_jurisdiction(name=name, parent=parent)
            if found is None and self._may_create(line):
                found = create_jurisdiction(
                    actor=self.actor,
                    name=name,
                    kind=Jurisdiction.Kind.REGION,
                    parent=parent,
                    values={"default_language": "en"},
                )
                self.result.jurisdictions += 1
        else:
            found = self._national(line, place, code[:3] or "XXX")
        if found is None:
            return None
        if not can(self.actor, DataAction.IMPORT_DATA, found) and self.actor is not None:
            self.problem(line, "Country/Locality", _("you may not import into %s") % found.name)
            return None
        self.caches.jurisdictions[key] = found
        return found

    def _may_create(self, line: int) -> bool:
        if not self.may_create_jurisdictions:
            self.problem(
                line, "Country/Locality", _("no such jurisdiction in Samskap (only an administrator adds one)")
            )
        return self.may_create_jurisdictions

    def _national(self, line: int, name: str, code: str) -> Jurisdiction | None:
        # A placeholder code (no code in the row) identifies nothing: then the name does.
        known_code = code if len(code) == 3 and code != "XXX" else ""
        found = find_jurisdiction(name=name, country_code=known_code)
        if found is not None:
            if len(code) == 3 and len(found.country_code) < 3 and self.may_create_jurisdictions:
                update_jurisdiction(actor=self.actor, jurisdiction=found, values={"country_code": code})
            return found
        if not self._may_create(line):
            return None
        found = create_jurisdiction(
            actor=self.actor,
            name=name,
            kind=Jurisdiction.Kind.NATIONAL,
            country_code=code,
            values={"default_language": "en"},
        )
        self.result.jurisdictions += 1
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
            plan = ActionPlan.objects.filter(jurisdiction=jurisdiction, label=label).first()
            if plan is None:
                status = ActionPlan.Status.COMPLETED if end < timezone.localdate() else ActionPlan.Status.IMPLEMENTATION
                plan = create_plan(
                    actor=self.actor,
                    jurisdiction=jurisdiction,
                    values={
                        "label": label[:40],
                        "title": f"{jurisdiction.name}: OGP action plan {label} ({years[0]}-{years[1]})"[:300],
                        "start_date": start,
                        "end_date": end,
                        "status": status,
                    },
                )
                # OGP's own record of a plan is public already: an imported plan is not a draft.
                publish_plan(actor=self.actor, plan=plan)
                self.result.plans += 1
            self.caches.plans[key] = plan
        if plan.start_date.year != start.year or plan.end_date.year != end.year:
            update_plan(actor=self.actor, plan=plan, values={"start_date": start, "end_date": end})
        return plan

    def theme(self, row: dict[str, str], plan: ActionPlan) -> Theme | None:
        title = " ".join(text_or_none(row.get("Theme", "")).split())[:300]
        if not title:
            return None
        key = (plan.pk, title)
        theme = self.caches.themes.get(key)
        if theme is None:
            theme = plan.themes.filter(title=title).first() or save_theme(
                actor=self.actor, plan=plan, values={"title": title, "order": plan.themes.count() + 1}
            )
            self.caches.themes[key] = theme
        return theme

    def organisation(self, name: str, jurisdiction: Jurisdiction) -> Organisation:
        key = (jurisdiction.pk, name)
        organisation = self.caches.organisations.get(key)
        if organisation is None:
            kind = Organisation.Type.MINISTRY if "ministry" in name.lower() else Organisation.Type.AGENCY
            organisation, _created = find_or_create_organisation(
                actor=self.actor, name=name, jurisdiction=jurisdiction, type=kind
            )
            self.caches.organisations[key] = organisation
        return organisation

    def policy_area(self, name: str) -> PolicyArea:
        area = self.caches.policy_areas.get(name)
        if area is None:
            area = PolicyArea.objects.filter(name__iexact=name).first()
            if area is None:
                area = PolicyArea.objects.create(name=name, slug=_unique_slug(PolicyArea, name, 120))
            self.caches.policy_areas[name] = area
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
        reports = self.parse_labels(line, row)
        jurisdiction = self.jurisdiction(line, row)
        if jurisdiction is None:
            return
        plan = self.plan(line, row, jurisdiction)
        if plan is None or reports is None:
            return
        seen_key = (str(jurisdiction.pk), str(plan.pk), identifier)
        if seen_key in self.caches.identifiers:
            self.problem(
                line,
                "Commitment Unique Identifier",
                _("%(identifier)s already appears on line %(line)s")
                % {"identifier": identifier, "line": self.caches.identifiers[seen_key]},
            )
            return
        self.caches.identifiers[seen_key] = line
        if self.problems:
            return  # the file is refused anyway: only look for more problems
        self.write(row, identifier, jurisdiction, plan, reports)

    def write(
        self,
        row: dict[str, str],
        identifier: str,
        jurisdiction: Jurisdiction,
        plan: ActionPlan,
        reports: dict[str, dict[str, Any]],
    ) -> None:
        start = parse_date(row.get("Start Date", ""))
        end = parse_date(row.get("End Date", ""), end=True)
        if start and end and end < start:
            end = None
        number = re.match(r"\d+", row.get("Commitment Number", "").strip())
        title = " ".join(text_or_none(row["Commitment Title"]).split()) or text_or_none(row.get("Short Title", ""))
        relevance = reports.get(A.ReportType.PROGRESS, {})
        lead_name = " ".join(text_or_none(row.get("Lead Institution", "")).split())[:200]
        values: dict[str, Any] = {
            "identifier": identifier,
            "order": min(int(number[0]), 2_000_000_000) if number else 1,
            "title": (title or identifier)[:500],
            "short_title": " ".join(text_or_none(row.get("Short Title", "")).split())[:200],
            "description": text_or_none(row.get("Full Text", ""))[:TEXT_MAX],
            "start_date": start,
            "end_date": end,
            "theme": self.theme(row, plan),
            "lead_institution": self.organisation(lead_name, jurisdiction) if lead_name else None,
            "access_to_information": bool(relevance.get("relevant_access_to_information")),
            "civic_participation": bool(relevance.get("relevant_civic_participation")),
            "public_accountability": bool(relevance.get("relevant_public_accountability")),
            "technology_innovation": bool(relevance.get("relevant_technology_innovation")),
        }
        supporting = [
            self.organisation(name, jurisdiction)
            for name in split_institutions(row.get("Supporting Institution(s)", ""))
        ]
        areas = [self.policy_area(column) for column in POLICY_AREA_COLUMNS if row.get(column, "").strip() == "1"]
        commitment = Commitment.objects.filter(plan=plan, identifier=identifier).first()
        changed = False
        if commitment is None:
            commitment = create_commitment(
                actor=self.actor, plan=plan, values=values, policy_areas=areas, supporting_institutions=supporting
            )
            self.result.created += 1
            changed = True
        else:
            differing = {name: value for name, value in values.items() if getattr(commitment, name) != value}
            area_ids = {a.pk for a in commitment.policy_areas.all()}
            supporting_ids = {o.pk for o in commitment.supporting_institutions.all()}
            new_areas = areas if area_ids != {a.pk for a in areas} else None
            new_supporting = supporting if supporting_ids != {o.pk for o in supporting} else None
            if differing or new_areas is not None or new_supporting is not None:
                update_commitment(
                    actor=self.actor,
                    commitment=commitment,
                    values=differing,
                    policy_areas=new_areas,
                    supporting_institutions=new_supporting,
                )
                changed = True
        changed = self.assessments(commitment, reports) or changed
        record = IRMRecord.objects.filter(commitment=commitment).first()
        if record is None:
            IRMRecord.objects.create(commitment=commitment, row=row)
        elif record.row != row:
            record.row = row
            record.imported_at = timezone.now()
            record.save()
        self.result.rows += 1
        if not changed:
            self.result.unchanged += 1

    def assessments(self, commitment: Commitment, reports: dict[str, dict[str, Any]]) -> bool:
        existing = {a.report_type: a for a in A.objects.filter(commitment=commitment, source=A.Source.IRM_IMPORT)}
        changed = False
        for report_type, values in reports.items():
            stored = {name: ("" if value is None and _is_text(name) else value) for name, value in values.items()}
            assessment = existing.pop(report_type, None)
            if assessment is None:
                assessment = A(commitment=commitment, report_type=report_type, source=A.Source.IRM_IMPORT)
            elif all(getattr(assessment, name) == value for name, value in stored.items()):
                continue
            save_tracked(actor=self.actor, instance=assessment, values=stored)
            changed = True
        for assessment in existing.values():
            delete_tracked(actor=self.actor, instance=assessment)
            changed = True
        return changed


def _is_text(name: str) -> bool:
    return isinstance(A._meta.get_field(name), models.CharField)


def import_irm(stream: IO[bytes], *, actor: Actor = None, progress: Progress | None = None) -> ImportResult:
    """Import the IRM commitment spreadsheet, all or nothing. Raises ImportRefused with the problems."""
    counter = CountingReader(stream)
    buffered = io.BufferedReader(counter, buffer_size=1 << 16)
    importer = _Importer(actor, progress)
    with transaction.atomic():
        for n, (line, row) in enumerate(
            read_rows(buffered, known=COLUMNS, required=REQUIRED, counter=counter),
            start=1,
        ):
            importer.row(line, row)
            if progress and n % 50 == 0:
                progress(counter.count)
        if importer.problems:
            raise ImportRefused(importer.problems)
        if progress:
            progress(counter.count)
    result = importer.result
    result.updated = result.rows - result.created - result.unchanged
    return result
