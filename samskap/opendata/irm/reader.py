"""Reading a spreadsheet as a stream of rows, with its header checked; the problems that refuse a file."""

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from samskap.kernel.tabular import restore
from samskap.opendata.irm.cells import clean_text

MAX_PROBLEMS = 50
#: Bounds on the header, checked before it is parsed: a 10 MB first line or a million columns is refused
#: at once rather than parsed (issue 10).
MAX_HEADER_LENGTH = 64 * 1024
MAX_COLUMNS = 500


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


Progress = Callable[[int], None]


class CountingReader(io.RawIOBase):
    """Counts the bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0
        self.nul_seen = False  # a NUL byte read (then the rows are checked for it: see `read_rows`)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        if not self.nul_seen and b"\0" in data:
            self.nul_seen = True
        return len(data)


def read_rows(
    stream: IO[bytes], *, known: tuple[str, ...], required: tuple[str, ...], counter: CountingReader | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: cell}) for each row; ImportRefused on a header or quoting problem.

    Accepts a byte-order mark, semicolons instead of commas, and any line ends.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline(MAX_HEADER_LENGTH + 1)
    except UnicodeDecodeError:
        raise ImportRefused([Problem(1, "", _("the file is not UTF-8 text"))]) from None
    if not header_line.strip():
        raise ImportRefused([Problem(1, "", _("the file is empty"))])
    if len(header_line) > MAX_HEADER_LENGTH:
        raise ImportRefused([Problem(1, "", _("the first line (the column names) is too long"))])
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    if "\t" in header_line and header_line.count("\t") > header_line.count(delimiter):
        delimiter = "\t"
    if header_line.count(delimiter) >= MAX_COLUMNS:
        raise ImportRefused([Problem(1, "", _("too many columns (at most %(max)s)") % {"max": MAX_COLUMNS})])
    try:
        header = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter))]
    except (csv.Error, StopIteration) as error:
        raise ImportRefused([Problem(1, "", _("broken quoting (%s)") % error)]) from None
    problems = []
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name not in known]
    if missing:
        problems.append(Problem(1, ", ".join(missing), _("required column missing")))
    if unknown:
        problems.extend(Problem(1, name[:80], _("unknown column")) for name in unknown[:MAX_PROBLEMS])
    duplicates = sorted(name for name, count in Counter(header).items() if count > 1)
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
        # A NUL is no text: PostgreSQL refuses it in a text column. Looked for only once the file's bytes had one
        # (in UTF-8 only a NUL character has a zero byte), or in every row without a counter.
        if (counter is None or counter.nul_seen) and any("\0" in cell for cell in cells):
            column = next(name for name, cell in zip(header, cells, strict=False) if "\0" in cell)
            raise ImportRefused([Problem(start, column[:80], _("contains a NUL character, which is not text"))])
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
        # Most cells hold neither a quote prefix nor a carriage return: those are taken as they are (170
        # columns a row: two calls a cell were a tenth of a long import).
        yield (
            start,
            {
                name: clean_text(restore(cell)) if cell and (cell[0] == "'" or "\r" in cell) else cell
                for name, cell in zip(header, cells, strict=True)
            },
        )
