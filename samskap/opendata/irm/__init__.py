"""OGP's commitment spreadsheet (the IRM data): reading, importing and exporting it.

Import: the file is read as a stream (memory stays flat whatever its size), its header checked
against the 171 known columns, every label checked against the IRM's vocabularies, and all of it
written in one transaction: any problem (reported with the line, the column and the reason) means
nothing at all is imported. Rows of jurisdictions the importing coordinator does not coordinate are
skipped and counted. Rows find jurisdictions and organisations by the directory's identities, create
plans, themes and organisations through the services, and write commitments, their tags and the IRM
assessments in bulk with one change record each; data that exists is not overwritten silently (see
`importer`). A row that matches what is stored changes nothing.

Export: the same 171 columns. A column Samskap models is written from Samskap's data; when that
data still means what the imported cell said, the imported cell is written as it was (so dates like
"July 2014" survive). Columns Samskap does not model are written as imported, or "ND" for a
commitment that never came from the spreadsheet.

By concern: `vocabulary` (the columns and the labels a column may hold), `cells` (one cell: dates,
years, text), `reader` (the stream of rows and the problems that refuse a file), `importer` and `export`.
"""

from samskap.opendata.irm.cells import format_date, parse_date, parse_year, split_institutions, text_or_none
from samskap.opendata.irm.export import export_queryset, export_row, export_rows
from samskap.opendata.irm.importer import ImportResult, import_irm
from samskap.opendata.irm.reader import ImportRefused, Problem, Progress, read_rows
from samskap.opendata.irm.vocabulary import COLUMNS, POLICY_AREA_COLUMNS, REQUIRED

__all__ = [
    "COLUMNS",
    "POLICY_AREA_COLUMNS",
    "REQUIRED",
    "ImportRefused",
    "ImportResult",
    "Problem",
    "Progress",
    "export_queryset",
    "export_row",
    "export_rows",
    "format_date",
    "import_irm",
    "parse_date",
    "parse_year",
    "read_rows",
    "split_institutions",
    "text_or_none",
]
