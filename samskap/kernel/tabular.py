"""Tables for download: columns declared once, and cells that are safe in a spreadsheet.

Every CSV and XLSX that Samskap writes (bulk downloads, consultation exports, OGP's and Decidim's
files) goes through `csv_row` / `xlsx_row`: a text that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) is written as text, never as a formula.
"""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TEXT_MAX = 32_000  # Excel keeps at most 32,767 characters in a cell


def neutralise(text: str) -> str:
    """A text that cannot become a formula in CSV: an apostrophe in front (spreadsheets hide it)."""
    escaped = text.startswith(FORMULA_START) or (text.startswith("'") and text[1:].startswith(FORMULA_START))
    return "'" + text if escaped else text


def restore(text: str) -> str:
    """The text `neutralise` wrote: files Samskap reads back (its own exports) round-trip exactly."""
    return text[1:] if text.startswith("'") and neutralise(text[1:]) == text else text


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) if isinstance(value, str) else value for value in values]


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for `sheet.append`: texts are typed as text (so '=…' is never a formula) with the quote
    prefix set, so that editing the cell keeps it text; characters XML cannot hold are dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell

    row: list[Any] = []
    for value in values:
        if not isinstance(value, str):
            row.append(value)
            continue
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_TEXT_MAX]
        if not text.startswith(FORMULA_START):
            row.append(text)
            continue
        cell = WriteOnlyCell(sheet) if getattr(sheet.parent, "write_only", False) else Cell(sheet, row=1, column=1)
        cell.value = text
        cell.data_type = "s"
        cell.quotePrefix = True
        row.append(cell)
    return row


def plain(value: Any) -> Any:
    """A cell's value: dates as ISO 8601, booleans as true/false, None as empty, lists as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    get: Callable[[Any], Any]


def attr(name: str) -> Callable[[Any], Any]:
    return lambda item: getattr(item, name)


def fields(model: type[Model], names: Iterable[str]) -> list[Column]:
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
    """One kind of thing in the bulk downloads: its file name, columns and rows (for a plan, or all)."""

    name: str
    description: str
    columns: list[Column]
    rows: Callable[[Any], Any]  # (plan or None) -> QuerySet of what the public may see
    position: int = 100  # where the kind stands among the files of a download
