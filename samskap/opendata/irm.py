"""OGP's commitment spreadsheet (the IRM data): reading, importing and exporting it.

Import: the file is read as a stream (memory stays flat whatever its size), its header checked
against the 171 known columns, every label checked against the IRM's vocabularies, and all of it
written in one transaction: any problem (reported with the line, the column and the reason) means
nothing at all is imported. Rows create or update jurisdictions, plans, themes, organisations,
commitments, their policy-area tags and the IRM assessments, through the services (so changes are
recorded and cached pages refreshed). A row that matches what is stored changes nothing.

Export: the same 171 columns. A column Samskap models is written from Samskap's data; when that
data still means what the imported cell said, the imported cell is written as it was (so dates like
"July 2014" survive). Columns Samskap does not model are written as imported, or "ND" for a
commitment that never came from the spreadsheet.
"""

import calendar
import csv
import dataclasses
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment, CompletionLevel, PolicyArea
from samskap.commitments.services import create_commitment, touch_commitment, update_commitment
from samskap.history.services import delete_tracked, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.text import TEXT_MAX
from samskap.opendata.irm_columns import COLUMNS, POLICY_AREA_COLUMNS
from samskap.opendata.models import IRMRecord
from samskap.opendata.permissions import DataAction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.services import create_plan, save_theme, update_plan
from samskap.review.models import IRMAssessment

NO_DATA = frozenset({"", "ND", "NR", "NA", "N/A"})
REQUIRED = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Code",
    "National Or Local",
    "Year Of Submission",
    "Action Plan End Year",
    "Commitment Title",
)
MAX_PROBLEMS = 50
A = IRMAssessment

# --- Vocabularies: the labels a column may hold, and what Samskap stores for each ----------------

YES_NO = {"yes": True, "no": False, "1": True, "0": False}
FLAG = {"1": True, "0": False}
SPECIFICITY = {"none": A.Specificity.NONE, "low": A.Specificity.LOW, "medium": A.Specificity.MEDIUM}
SPECIFICITY["high"] = A.Specificity.HIGH
IMPACT = {
    "none": A.PotentialImpact.NONE,
    "minor": A.PotentialImpact.MINOR,
    "moderate": A.PotentialImpact.MODERATE,
    "transformative": A.PotentialImpact.TRANSFORMATIVE,
}
RESULTS = {
    "unclear": A.PotentialForResults.UNCLEAR,
    "modest": A.PotentialForResults.MODEST,
    "substantial": A.PotentialForResults.SUBSTANTIAL,
}
COMPLETION = {
    "no evidence available": CompletionLevel.NO_EVIDENCE,
    "not started": CompletionLevel.NOT_STARTED,
    "limited": CompletionLevel.LIMITED,
    "substantial": CompletionLevel.SUBSTANTIAL,
    "complete": CompletionLevel.COMPLETE,
    "completed": CompletionLevel.COMPLETE,
    "withdrawn": CompletionLevel.WITHDRAWN,
    "unclear": CompletionLevel.UNCLEAR,
}
OPENED = {
    "not applicable": A.OpenedGovernment.NOT_APPLICABLE,
    "no early results to report yet": A.OpenedGovernment.NO_RESULTS_YET,
    "worsens": A.OpenedGovernment.WORSENED,
    "worsened": A.OpenedGovernment.WORSENED,
    "did not change": A.OpenedGovernment.DID_NOT_CHANGE,
    "marginal": A.OpenedGovernment.MARGINAL,
    "major": A.OpenedGovernment.MAJOR,
    "outstanding": A.OpenedGovernment.OUTSTANDING,
}
EARLY = {
    "no notable results": A.EarlyResults.NONE,
    "moderate": A.EarlyResults.MODERATE,
    "significant": A.EarlyResults.SIGNIFICANT,
}


def _labels(vocabulary: dict[str, Any], spelled: dict[Any, str]) -> dict[Any, str]:
    return {value: spelled.get(value, key.title()) for key, value in reversed(vocabulary.items())}


@dataclass(frozen=True)
class LabelColumn:
    """A column whose cells are labels of a vocabulary (or no data)."""

    column: str
    field: str
    vocabulary: dict[str, Any]
    spelled: dict[Any, str] = dataclasses.field(default_factory=dict)

    def parse(self, text: str) -> Any:
        text = " ".join(text.split())
        if text in NO_DATA:
            return None
        key = text.lower()
        if key not in self.vocabulary:
            raise ValueError(
                _("unknown label %(label)s (expected one of: %(known)s)")
                % {"label": repr(text[:60]), "known": ", ".join(sorted({k.title() for k in self.vocabulary}))}
            )
        return self.vocabulary[key]

    def format(self, value: Any) -> str:
        if value is None or value == "":
            return "ND"
        return _labels(self.vocabulary, self.spelled)[value]


BOOL_SPELLING = {True: "1", False: "0"}
YES_SPELLING = {True: "Yes", False: "No"}
COMPLETION_SPELLING = {CompletionLevel.NOT_STARTED: "Not Started", CompletionLevel.COMPLETE: "Complete"}
OPENED_SPELLING = {
    A.OpenedGovernment.WORSENED: "Worsens",
    A.OpenedGovernment.DID_NOT_CHANGE: "Did Not Change",
    A.OpenedGovernment.NO_RESULTS_YET: "No early results to report yet",
    A.OpenedGovernment.NOT_APPLICABLE: "Not Applicable",
}
EARLY_SPELLING = {A.EarlyResults.NONE: "No notable results"}

RELEVANCE = [
    LabelColumn("OGP Value Access To Information", "relevant_access_to_information", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Civic Participation", "relevant_civic_participation", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Public Accountability", "relevant_public_accountability", FLAG, BOOL_SPELLING),
    LabelColumn("OGP Value Technology", "relevant_technology_innovation", FLAG, BOOL_SPELLING),
]
#: Per report: its publication-year column and its label columns.
REPORTS: dict[str, tuple[str | None, list[LabelColumn]]] = {
    A.ReportType.PROGRESS: (
        "Report Publication Year (Progress Report)",
        [
            LabelColumn("Specificity", "specificity", SPECIFICITY),
            LabelColumn("Verifiable", "verifiable", YES_NO, YES_SPELLING),
            *RELEVANCE,
            LabelColumn("Potential Impact", "potential_impact", IMPACT),
            LabelColumn("Completion (Progress Report)", "completion", COMPLETION, COMPLETION_SPELLING),
            LabelColumn("Starred (Current Formula) Progress Report", "starred", FLAG, BOOL_SPELLING),
        ],
    ),
    A.ReportType.ACTION_PLAN_REVIEW: (
        None,
        [LabelColumn("Potential for Results", "potential_for_results", RESULTS)],
    ),
    A.ReportType.END_OF_TERM: (
        "Report Publication Year (End Of Term)",
        [
            LabelColumn("Completion (End Of Term)", "completion", COMPLETION, COMPLETION_SPELLING),
            LabelColumn("Did It Open Government (Overall)", "opened_government", OPENED, OPENED_SPELLING),
            LabelColumn(
                "Did It Open Government (Access To Information)",
                "opened_access_to_information",
                OPENED,
                OPENED_SPELLING,
            ),
            LabelColumn(
                "Did It Open Government (Civic Participation)", "opened_civic_participation", OPENED, OPENED_SPELLING
            ),
            LabelColumn(
                "Did It Open Government: Public Accountability",
                "opened_public_accountability",
                OPENED,
                OPENED_SPELLING,
            ),
            LabelColumn("Early Results", "early_results", EARLY, EARLY_SPELLING),
            LabelColumn("Starred (Current Formula) End of Term", "starred", FLAG, BOOL_SPELLING),
        ],
    ),
}
ASSESSMENT_FIELDS = sorted({c.field for _year, columns in REPORTS.values() for c in columns} | {"report_year"})
POLICY_FLAG = LabelColumn("policy area", "", FLAG, BOOL_SPELLING)


# --- Cells --------------------------------------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _period(year: int, first_month: int, last_month: int, end: bool) -> datetime.date:
    if end:
        return datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return datetime.date(year, first_month, 1)


def parse_date(text: str, *, end: bool = False) -> datetime.date | None:
    """The IRM's many ways of writing a date; free text such as "Ongoing" means no date.

    A month, quarter or year stands for its first day (start) or its last day (end).
    """
    text = " ".join(text.split())
    if text in NO_DATA:
        return None
    try:
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            month, day = (a, b) if a <= 12 else (b, a)  # the data mixes m/d/Y with d/m/Y
            return datetime.date(year, month, day)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"([A-Za-z]+) (\d{4})", text):
            if m[1].lower() in MONTHS:
                month = MONTHS[m[1].lower()]
                return _period(int(m[2]), month, month, end)
            return None
        if m := re.fullmatch(r"(?:Quarter (\d) (\d{4})|([IV]+) quarter of (\d{4}))", text):
            quarter = int(m[1]) if m[1] else ROMAN.get((m[3] or "").lower(), 0)
            if 1 <= quarter <= 4:
                return _period(int(m[2] or m[4]), 3 * quarter - 2, 3 * quarter, end)
            return None
        if re.fullmatch(r"\d{4}", text):
            return _period(int(text), 1, 12, end)
        if re.fullmatch(r"\d{5}", text):  # a spreadsheet's day number
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(text))
    except ValueError:
        return None
    return None


def format_date(value: datetime.date | None) -> str:
    return "NA" if value is None else f"{value.month}/{value.day}/{value.year}"


def parse_year(text: str) -> int | None:
    text = text.strip()
    if text in NO_DATA:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(_("%(value)s is not a year") % {"value": repr(text[:20])})
    return int(text)


def text_or_none(text: str) -> str:
    text = text.strip()
    return "" if text in NO_DATA else text


def split_institutions(text: str) -> list[str]:
    text = " ".join(text_or_none(text).split())
    names = [name.strip(" .") for name in re.split(r"[;,]", text)]
    return sorted({name[:200] for name in names if name and name not in NO_DATA})


def clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Problems -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(line)s, column “%(column)s”: %(reason)s") % {
                "line": self.line,
                "column": self.column,
                "reason": self.reason,
            }
        return _("Line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRefused(Exception):
    """The file was refused; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    jurisdictions: int = 0
    plans: int = 0


# --- Reading ------------------------------------------------------------------------------------

Progress = Callable[[int], None]


class _CountingReader(io.RawIOBase):
    """Counts the bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def read_rows(
    stream: IO[bytes], *, known: tuple[str, ...], required: tuple[str, ...], counter: _CountingReader | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: cell}) for each row; ImportRefused on a header or quoting problem.

    Accepts a byte-order mark, semicolons instead of commas, and any line ends.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline()
    except UnicodeDecodeError:
        raise ImportRefused([Problem(1, "", _("the file is not UTF-8 text"))]) from None
    if not header_line.strip():
        raise ImportRefused([Problem(1, "", _("the file is empty"))])
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    if "\t" in header_line and header_line.count("\t") > header_line.count(delimiter):
        delimiter = "\t"
    header = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter))]
    problems = []
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name not in known]
    if missing:
        problems.append(Problem(1, ", ".join(missing), _("required column missing")))
    if unknown:
        problems.extend(Problem(1, name[:80], _("unknown column")) for name in unknown[:MAX_PROBLEMS])
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        problems.append(Problem(1, ", ".join(duplicates), _("column appears more than once")))
    if problems:
        raise ImportRefused(problems)
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    line = 1
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportRefused([Problem(line + reader.line_num, "", _("broken quoting (%s)") % error)]) from None
        except UnicodeDecodeError:
            raise ImportRefused([Problem(start, "", _("the file is not UTF-8 text"))]) from None
        line = 1 + reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ImportRefused(
                [
                    Problem(
                        start,
                        "",
                        _("expected %(expected)s values, found %(found)s (check the quoting)")
                        % {"expected": len(header), "found": len(cells)},
                    )
                ]
            )
        yield start, {name: clean_text(cell) for name, cell in zip(header, cells, strict=True)}


# --- Importing ----------------------------------------------------------------------------------


@dataclass
class _Caches:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    plans: dict[tuple[int, str], ActionPlan] = field(default_factory=dict)
    themes: dict[tuple[int, str], Theme] = field(default_factory=dict)
    organisations: dict[tuple[int, str], Organisation] = field(default_factory=dict)
    policy_areas: dict[str, PolicyArea] = field(default_factory=dict)
    identifiers: dict[tuple[str, str, str], int] = field(default_factory=dict)


def _unique_slug(model: Any, base: str, length: int, **scope: Any) -> str:
    base = (slugify(base)[: length - 6] or "x").strip("-") or "x"
    slug, n = base, 1
    while model.objects.filter(slug=slug, **scope).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class _Importer:
    def __init__(self, actor: Any, progress: Progress | None) -> None:
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
            found = Jurisdiction.objects.filter(name__iexact=name, parent=parent).first()
            if found is None and self._may_create(line):
                found = Jurisdiction(
                    name=name[:200],
                    slug=_unique_slug(Jurisdiction, f"{name}-{parent.slug}", 80),
                    kind=Jurisdiction.Kind.REGION,
                    parent=parent,
                    country_code=parent.country_code,
                    default_language="en",
                )
                found.full_clean()
                found.save()
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
        found = Jurisdiction.objects.filter(name__iexact=name, kind=Jurisdiction.Kind.NATIONAL).first()
        if found is not None:
            if len(code) == 3 and len(found.country_code) < 3 and self.may_create_jurisdictions:
                Jurisdiction.objects.filter(pk=found.pk).update(country_code=code)
                found.country_code = code
            return found
        if not self._may_create(line):
            return None
        found = Jurisdiction(
            name=name[:200],
            slug=_unique_slug(Jurisdiction, name, 80),
            kind=Jurisdiction.Kind.NATIONAL,
            country_code=code,
            default_language="en",
        )
        found.full_clean()
        found.save()
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
            organisation = Organisation.objects.filter(jurisdiction=jurisdiction, name=name).first()
            if organisation is None:
                kind = Organisation.Type.MINISTRY if "ministry" in name.lower() else Organisation.Type.AGENCY
                organisation = Organisation(
                    name=name,
                    slug=_unique_slug(Organisation, f"{name}-{jurisdiction.slug}", 100),
                    type=kind,
                    jurisdiction=jurisdiction,
                )
                organisation.full_clean()
                organisation.save()
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
        if changed:
            touch_commitment(commitment)
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


def import_irm(stream: IO[bytes], *, actor: Any = None, progress: Progress | None = None) -> ImportResult:
    """Import the IRM commitment spreadsheet, all or nothing. Raises ImportRefused with the problems."""
    counter = _CountingReader(stream)
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


# --- Exporting ----------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_queryset(plan: ActionPlan | None = None) -> QuerySet[Commitment]:
    queryset = Commitment.objects.select_related(
        "plan__jurisdiction__parent", "theme", "lead_institution", "irm_record"
    ).prefetch_related(
        "policy_areas",
        "supporting_institutions",
        Prefetch("assessments", queryset=A.objects.filter(source=A.Source.IRM_IMPORT), to_attr="irm_assessments"),
    )
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    return queryset.order_by("pk")


def _keep(raw: dict[str, str], column: str, value: Any, parse: Callable[[str], Any], formatted: str) -> str:
    """The imported cell when it still means `value`, otherwise Samskap's own spelling."""
    if column in raw:
        try:
            if parse(raw[column]) == value:
                return raw[column]
        except ValueError:
            pass
    return formatted


def export_row(commitment: Commitment) -> list[str]:
    try:
        raw = dict(commitment.irm_record.row)
    except IRMRecord.DoesNotExist:
        raw = {}
    plan = commitment.plan
    jurisdiction = plan.jurisdiction
    out = {column: raw.get(column, "ND") for column in COLUMNS}
    place = jurisdiction.name if jurisdiction.parent is None else f"{jurisdiction.name}, {jurisdiction.parent.name}"

    def same_text(text: str) -> str:
        return " ".join(text_or_none(text).split())

    out["Commitment Unique Identifier"] = commitment.identifier
    out["Country/Locality"] = _keep(raw, "Country/Locality", place, same_text, place)
    if not raw:
        out["Code"] = jurisdiction.country_code
        out["National Or Local"] = "National" if jurisdiction.parent is None else "Legacy Local"
        out["Commitment Number"] = str(commitment.order)
        out["Action Plan Duration (Years)"] = str(plan.end_date.year - plan.start_date.year)
        out["Action Plan ID"] = f"AP_{jurisdiction.country_code}{plan.label}"
    out["Action Plan Number"] = plan.label
    out["Year Of Submission"] = str(plan.start_date.year)
    out["Action Plan End Year"] = str(plan.end_date.year)
    theme = commitment.theme.title if commitment.theme else ""
    out["Theme"] = _keep(raw, "Theme", theme, lambda t: same_text(t)[:300], theme or "NA")
    out["Commitment Title"] = _keep(
        raw, "Commitment Title", commitment.title, lambda t: (same_text(t) or commitment.title)[:500], commitment.title
    )
    out["Short Title"] = _keep(
        raw, "Short Title", commitment.short_title, lambda t: same_text(t)[:200], commitment.short_title or "NA"
    )
    out["Full Text"] = _keep(
        raw, "Full Text", commitment.description, lambda t: text_or_none(t)[:TEXT_MAX], commitment.description or "NA"
    )
    out["Start Date"] = _keep(raw, "Start Date", commitment.start_date, parse_date, format_date(commitment.start_date))
    out["End Date"] = _keep(
        raw, "End Date", commitment.end_date, lambda t: parse_date(t, end=True), format_date(commitment.end_date)
    )
    lead = commitment.lead_institution.name if commitment.lead_institution else ""
    out["Lead Institution"] = _keep(raw, "Lead Institution", lead, lambda t: same_text(t)[:200], lead or "NA")
    supporting = sorted(o.name for o in commitment.supporting_institutions.all())
    out["Supporting Institution(s)"] = _keep(
        raw, "Supporting Institution(s)", supporting, split_institutions, "; ".join(supporting) or "NA"
    )
    tagged = {area.name.lower() for area in commitment.policy_areas.all()}
    for flag in POLICY_AREA_COLUMNS:
        tag = flag.lower() in tagged
        out[flag] = _keep(raw, flag, tag, lambda t: POLICY_FLAG.parse(t) is True, "1" if tag else "0")
    assessments = {a.report_type: a for a in getattr(commitment, "irm_assessments", [])}
    for report_type, (year_column, columns) in REPORTS.items():
        assessment = assessments.get(report_type)
        for column in columns:
            value = getattr(assessment, column.field) if assessment else None
            if value == "":
                value = None
            if assessment is None and column in RELEVANCE:
                value = getattr(commitment, column.field.removeprefix("relevant_")) or None
            out[column.column] = _keep(raw, column.column, value, column.parse, column.format(value))
        if year_column and assessment is not None:
            year = assessment.report_year
            out[year_column] = _keep(raw, year_column, year, parse_year, str(year) if year else "ND")
    if "URL" in out and not raw:
        out["URL"] = "ND"
    return [out[column] for column in COLUMNS]


def export_rows(plan: ActionPlan | None = None) -> Iterable[str]:
    """The CSV, a line at a time (for a streaming response)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for commitment in export_queryset(plan).iterator(chunk_size=500):
        yield writer.writerow(export_row(commitment))
