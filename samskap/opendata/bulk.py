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
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone

from samskap.kernel.registry import download_kinds
from samskap.kernel.tabular import Kind, csv_row, plain, xlsx_row
from samskap.plans.models import ActionPlan

CHUNK = 2000


def all_kinds() -> list[Kind]:
    """The kinds the apps registered, in their download order."""
    return sorted(download_kinds, key=lambda kind: kind.position)


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


def _entry(name: str, generated: datetime.datetime) -> zipfile.ZipInfo:
    """A ZIP entry dated when the download was made (local time, as ZIP keeps it) and readable by
    everyone who unpacks it (a regular file, mode 0644), deflated."""
    local = timezone.localtime(generated)
    entry = zipfile.ZipInfo(
        name, date_time=(local.year, local.month, local.day, local.hour, local.minute, local.second)
    )
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = (stat.S_IFREG | 0o644) << 16
    entry.create_system = 3  # Unix, so that the mode is read
    return entry


def zip_of_csv(plan: ActionPlan | None, title: str) -> Iterator[bytes]:
    pipe = _Pipe()
    generated = timezone.now()
    counts: dict[str, int] = {}
    kinds = all_kinds()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind in kinds:
            count = 0
            with archive.open(_entry(f"{kind.name}.csv", generated), "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow([c.name for c in kind.columns])
                for row in iterate(kind, plan):
                    writer.writerow(csv_row(row))
                    count += 1
                    if count % 500 == 0:
                        text.flush()
                        yield pipe.take()
                text.flush()
                text.detach()
            counts[kind.name] = count
            yield pipe.take()
        archive.writestr(
            _entry("README.txt", generated), readme(title, generated, counts, kinds, "CSV, UTF-8, comma-separated")
        )
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

    workbook = Workbook(write_only=True)
    kinds = all_kinds()
    counts: dict[str, int] = {}
    for kind in kinds:
        sheet = workbook.create_sheet(kind.name[:31])
        sheet.append(xlsx_row(sheet, [c.name for c in kind.columns]))
        count = 0
        for row in iterate(kind, plan):
            sheet.append(xlsx_row(sheet, row))
            count += 1
        counts[kind.name] = count
    about = workbook.create_sheet("README")
    for line in readme(title, timezone.now(), counts, kinds, "XLSX").splitlines():
        about.append(xlsx_row(about, [line]))
    target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that streams it)
    workbook.save(target)
    target.seek(0)
    return target
