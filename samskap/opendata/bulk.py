"""Bulk downloads: every public thing, for one plan or the whole site, as a ZIP of CSV files (with a
README listing every column, the generation time and the row counts), as JSON, and as XLSX.

Rows are read in chunks (`.iterator`) and written out as they come, so memory stays flat however
large the data grows: the ZIP and the JSON are streamed; the XLSX is built in openpyxl's write-only
mode into a temporary file, then streamed.
"""

import csv
import datetime
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from samskap.commitments.models import Commitment, Milestone, PolicyArea, ProgressUpdate
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.review.models import IRMAssessment

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    get: Callable[[Any], Any]


def attr(name: str) -> Callable[[Any], Any]:
    return lambda item: getattr(item, name)


def fields(model: type[Model], names: list[str]) -> list[Column]:
    """Columns straight from model fields; the description is the field's verbose name."""
    columns = []
    for name in names:
        field = model._meta.get_field(name)
        attname = getattr(field, "attname", name)
        column = name + "_id" if attname.endswith("_id") and not name.endswith("_id") else name
        columns.append(Column(column, str(getattr(field, "verbose_name", name)), attr(attname)))
    return columns


@dataclass(frozen=True)
class Kind:
    """One kind of thing: its file name, its columns and its rows (for a plan, or everything)."""

    name: str
    description: str
    columns: list[Column]
    rows: Callable[[ActionPlan | None], Any]


def _plans(plan: ActionPlan | None) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(pk=plan.pk) if plan else ActionPlan.objects.all()


def _commitments(plan: ActionPlan | None) -> QuerySet[Commitment]:
    queryset = Commitment.objects.prefetch_related("policy_areas", "supporting_institutions")
    return queryset.filter(plan=plan) if plan else queryset


def _names(items: Iterable[Any]) -> str:
    return "; ".join(sorted(str(item) for item in items))


def _ids(items: Iterable[Any]) -> str:
    return " ".join(str(item.pk) for item in sorted(items, key=lambda i: i.pk))


KINDS: list[Kind] = [
    Kind(
        "jurisdictions",
        "Countries and local governments",
        [
            *fields(Jurisdiction, ["id", "name", "slug", "kind", "parent", "country_code", "time_zone"]),
            *fields(Jurisdiction, ["default_language", "contact_name", "contact_email", "contact_phone"]),
            *fields(Jurisdiction, ["description"]),
        ],
        lambda plan: Jurisdiction.objects.filter(pk=plan.jurisdiction_id) if plan else Jurisdiction.objects.all(),
    ),
    Kind(
        "organisations",
        "Ministries, agencies, municipalities and civil-society organisations",
        fields(Organisation, ["id", "name", "slug", "type", "jurisdiction", "website", "description"]),
        lambda plan: Organisation.objects.filter(jurisdiction=plan.jurisdiction_id) if plan else Organisation.objects,
    ),
    Kind(
        "plans",
        "Action plans",
        fields(
            ActionPlan,
            ["id", "jurisdiction", "label", "slug", "title", "summary", "start_date", "end_date", "status"],
        )
        + fields(ActionPlan, ["revises", "updated_at", "created_at"]),
        _plans,
    ),
    Kind(
        "themes",
        "Themes (pillars) of the plans",
        fields(Theme, ["id", "plan", "order", "title", "description"]),
        lambda plan: Theme.objects.filter(plan=plan) if plan else Theme.objects,
    ),
    Kind(
        "policy_areas",
        "Policy-area tags",
        fields(PolicyArea, ["id", "name", "slug"]),
        lambda plan: PolicyArea.objects.filter(commitments__plan=plan).distinct() if plan else PolicyArea.objects,
    ),
    Kind(
        "commitments",
        "Commitments, following OGP's commitment template",
        [
            *fields(Commitment, ["id", "plan", "theme", "identifier", "slug", "order", "title", "short_title"]),
            *fields(Commitment, ["problem", "description", "contribution", "relevance"]),
            *fields(
                Commitment,
                ["access_to_information", "civic_participation", "public_accountability", "technology_innovation"],
            ),
            Column("policy_areas", "Policy areas (names, separated by '; ')", lambda c: _names(c.policy_areas.all())),
            *fields(Commitment, ["start_date", "end_date", "lead_institution"]),
            Column(
                "supporting_institution_ids",
                "Supporting institutions (organisation ids, separated by spaces)",
                lambda c: _ids(c.supporting_institutions.all()),
            ),
            *fields(Commitment, ["other_actors", "contact_name", "contact_title", "contact_email", "contact_phone"]),
            *fields(Commitment, ["budget", "origin", "status", "completion", "previous_version"]),
            *fields(Commitment, ["updated_at", "created_at"]),
        ],
        _commitments,
    ),
    Kind(
        "milestones",
        "Milestones of the commitments",
        [
            *fields(Milestone, ["id", "commitment", "order", "activity", "start_date", "end_date", "status"]),
            Column("evidence_links", "Evidence links (separated by spaces)", lambda m: " ".join(m.evidence_links)),
            *fields(Milestone, ["updated_at"]),
        ],
        lambda plan: Milestone.objects.filter(commitment__plan=plan) if plan else Milestone.objects,
    ),
    Kind(
        "progress_updates",
        "Dated progress reports",
        [
            *fields(ProgressUpdate, ["id", "commitment", "as_of", "completion", "narrative"]),
            Column("evidence_links", "Evidence links (separated by spaces)", lambda u: " ".join(u.evidence_links)),
            *fields(ProgressUpdate, ["author_name", "author_organisation", "created_at"]),
        ],
        lambda plan: ProgressUpdate.objects.filter(commitment__plan=plan) if plan else ProgressUpdate.objects,
    ),
    Kind(
        "assessments",
        "IRM and reviewers' assessments",
        fields(IRMAssessment, list(IRMAssessment.PUBLIC_FIELDS)),
        lambda plan: IRMAssessment.objects.filter(commitment__plan=plan) if plan else IRMAssessment.objects,
    ),
    Kind(
        "changes",
        "The change history: who changed what and when (changes as JSON)",
        [
            Column("id", "id", attr("pk")),
            Column("object_type", "What changed (model)", lambda r: r.content_type.model),
            *fields(ChangeRecord, ["object_id", "object_repr", "plan", "commitment", "action"]),
            Column("changes", "Changed fields with old and new values (JSON)", lambda r: json.dumps(r.changes)),
            *fields(ChangeRecord, ["actor_name", "created_at"]),
        ],
        lambda plan: (ChangeRecord.objects.filter(plan=plan) if plan else ChangeRecord.objects).select_related(
            "content_type"
        ),
    ),
]


def extra_kinds() -> list[Kind]:
    """Kinds other apps add (consultations), looked up when a download starts."""
    from samskap.opendata import consultations

    return consultations.kinds()


def all_kinds() -> list[Kind]:
    return KINDS + extra_kinds()


def plain(value: Any) -> Any:
    """A cell: dates as ISO 8601, booleans as true/false, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def iterate(kind: Kind, plan: ActionPlan | None) -> Iterator[list[Any]]:
    queryset: QuerySet[Any] = kind.rows(plan).all()
    for item in queryset.order_by("pk").iterator(chunk_size=CHUNK):
        yield [plain(column.get(item)) for column in kind.columns]


# --- ZIP of CSV files ---------------------------------------------------------------------------


class _Pipe(io.RawIOBase):
    """A write-only file whose contents are taken out as they are written (for streaming)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.chunks.append(data)
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def readme(title: str, generated: datetime.datetime, counts: dict[str, int], kinds: list[Kind], fmt: str) -> str:
    lines = [
        title,
        "=" * len(title),
        "",
        f"Generated: {generated.isoformat(timespec='seconds')}",
        f"Format: {fmt}. Dates and times are ISO 8601; true/false for yes/no; empty for no value.",
        "Licence: open data, free to reuse.",
        "",
        "Row counts:",
        *[f"  {name}: {count}" for name, count in counts.items()],
        "",
    ]
    for kind in kinds:
        lines += [f"{kind.name} ({kind.description})", *[f"  {c.name}: {c.help}" for c in kind.columns], ""]
    return "\n".join(lines)


def zip_of_csv(plan: ActionPlan | None, title: str) -> Iterator[bytes]:
    pipe = _Pipe()
    generated = timezone.now()
    counts: dict[str, int] = {}
    kinds = all_kinds()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in kinds:
            count = 0
            with archive.open(f"{kind.name}.csv", "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow([c.name for c in kind.columns])
                for row in iterate(kind, plan):
                    writer.writerow(row)
                    count += 1
                    if count % 500 == 0:
                        text.flush()
                        yield pipe.take()
                text.flush()
                text.detach()
            counts[kind.name] = count
            yield pipe.take()
        archive.writestr("README.txt", readme(title, generated, counts, kinds, "CSV, UTF-8, comma-separated"))
    yield pipe.take()


# --- JSON ---------------------------------------------------------------------------------------


def json_document(plan: ActionPlan | None, title: str) -> Iterator[bytes]:
    generated = timezone.now()
    kinds = all_kinds()
    counts: dict[str, int] = {}
    yield (
        "{"
        + f'"title": {json.dumps(title)}, "generated_at": {json.dumps(generated.isoformat(timespec="seconds"))}, '
        + '"columns": '
        + json.dumps({k.name: {c.name: c.help for c in k.columns} for k in kinds}, ensure_ascii=False)
    ).encode()
    for kind in kinds:
        yield f', "{kind.name}": ['.encode()
        names = [c.name for c in kind.columns]
        count = 0
        batch: list[str] = []
        for row in iterate(kind, plan):
            batch.append(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
            count += 1
            if len(batch) >= 500:
                yield ((", " if count > len(batch) else "") + ", ".join(batch)).encode()
                batch = []
        if batch:
            yield ((", " if count > len(batch) else "") + ", ".join(batch)).encode()
        yield b"]"
        counts[kind.name] = count
    yield f', "row_counts": {json.dumps(counts)}}}'.encode()


# --- XLSX ---------------------------------------------------------------------------------------


def xlsx_file(plan: ActionPlan | None, title: str) -> IO[bytes]:
    """A workbook, a sheet per kind, written row by row (openpyxl's write-only mode) to a temporary file."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000]
        return value

    workbook = Workbook(write_only=True)
    kinds = all_kinds()
    counts: dict[str, int] = {}
    for kind in kinds:
        sheet = workbook.create_sheet(kind.name[:31])
        sheet.append([c.name for c in kind.columns])
        count = 0
        for row in iterate(kind, plan):
            sheet.append([cell(value) for value in row])
            count += 1
        counts[kind.name] = count
    about = workbook.create_sheet("README")
    for line in readme(title, timezone.now(), counts, kinds, "XLSX").splitlines():
        about.append([cell(line)])
    target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that streams it)
    workbook.save(target)
    target.seek(0)
    return target
