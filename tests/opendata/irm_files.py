"""Small synthetic files in OGP's commitment spreadsheet format, for the import tests."""

import csv
import io
import pathlib
from typing import Any

from samskap.opendata.irm.vocabulary import COLUMNS

REAL_FILE = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ogp-irm-commitments.csv"


def row(**values: Any) -> dict[str, str]:
    cells = dict.fromkeys(COLUMNS, "ND")
    cells.update(
        {
            "Commitment Unique Identifier": "NO0999",
            "Country/Locality": "Norway",
            "Action Plan Number": "4",
            "Commitment Number": "1",
            "Code": "NOR",
            "Region": "Europe",
            "National Or Local": "National",
            "Year Of Submission": "2019",
            "Action Plan End Year": "2021",
            "Theme": "Open data",
            "Commitment Title": "Openness on algorithms",
            "Short Title": "Algorithms",
            "Full Text": "To publish the algorithms.",
            "Start Date": "9/1/2019",
            "End Date": "8/31/2021",
            "Lead Institution": "Ministry of Local Government",
            "Supporting Institution(s)": "Agency A, Agency B",
            "Open Data": "1",
            "Verifiable": "Yes",
            "OGP Value Access To Information": "1",
            "OGP Value Civic Participation": "0",
            "Potential Impact": "Moderate",
            "Completion (Progress Report)": "Limited",
            "Report Publication Year (Progress Report)": "2020",
            "id": "999",  # the IRM's own row id: the row is IRM data
        }
    )
    cells.update({key: str(value) for key, value in values.items()})
    return cells


def irm_csv(
    rows: list[dict[str, str]],
    *,
    delimiter: str = ",",
    bom: bool = False,
    newline: str = "\n",
    columns: list[str] | None = None,
) -> bytes:
    header = columns or list(COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for cells in rows:
        writer.writerow([cells.get(name, "ND") for name in header])
    data = out.getvalue().encode()
    return (b"\xef\xbb\xbf" + data) if bom else data
