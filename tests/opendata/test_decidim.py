"""Decidim's accountability CSV, held to what decidim-accountability 0.28's ResultsCsvImporter accepts
(docs/OPEN_DATA.md, "Decidim"), and the import of what Decidim's own results exporter writes."""

import csv
import datetime
import io
import re

import pytest
from django.utils import translation

from samskap.commitments.models import Commitment, Milestone
from samskap.opendata import decidim
from samskap.opendata.irm.reader import ImportRefused
from tests import factories as f
from tests.opendata.test_downloads import body

#: Every column Decidim's ResultsCsvImporter reads (and ResultForm knows), with the Decidim locales.
IMPORTER_COLUMNS = {
    "id",
    "parent/id",
    "start_date",
    "end_date",
    "status/id",
    "progress",
    "proposal_urls",
    "category/id",
    "decidim_scope_id",
    "external_id",
    "weight",
    *{f"{field}/{locale}" for field in ("title", "description") for locale in ("no", "da", "en")},
}


def export(client, plan) -> tuple[list[str], list[dict[str, str]], str]:
    response = client.get(f"/en/data/decidim/{plan.jurisdiction.slug}/{plan.slug}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = body(response).decode()
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    rows = list(reader)
    return list(reader.fieldnames or []), rows, text


def test_the_export_keeps_decidims_importer_rules_column_by_column(world, client, settings):
    settings.SITE_URL = "https://ogp.example.no"
    plan, commitment = world["plan"], world["commitment"]
    commitment.problem = "Data is <hidden> & scattered.\n\nSecond paragraph."
    commitment.save()
    blank = {"problem": "", "description": "", "contribution": ""}
    f.commitment(plan, identifier="NO0064", title="Åpne budsjetter", start_date=None, end_date=None, **blank)
    header, rows, text = export(client, plan)

    # Semicolon-separated (Decidim.default_csv_col_sep), only columns the importer reads.
    assert text.splitlines()[0].count(";") == len(header) - 1
    assert set(header) <= IMPORTER_COLUMNS, set(header) - IMPORTER_COLUMNS
    assert len(rows) == 2  # one result per commitment; the milestones are in its description
    # No foreign ids: Decidim reads these as ids in the target component (id would overwrite a result).
    for column in decidim.FOREIGN_ID_COLUMNS:
        assert column in header and all(row[column] == "" for row in rows), column
    # Locales as Decidim names them; the Norwegian plan's text under "no" only (no copies).
    assert not [c for c in header if c.endswith("/nb")]
    for row in rows:
        assert row["title/no"] and row["title/en"] == "" and row["title/da"] == ""
        assert row["description/en"] == "" and row["description/da"] == ""
    first = next(row for row in rows if row["title/no"] == commitment.title)
    # Descriptions are HTML (required by ResultForm), escaped, with the milestones and the page address.
    description = first["description/no"]
    assert description.startswith("<p>") and "Data is &lt;hidden&gt; &amp; scattered." in description
    assert "<p>Second paragraph.</p>" in description
    assert "<h3>Milepæler</h3>" in description and description.count("<li>") == 2
    assert "Publish the register." in description
    with translation.override("nb"):  # the page in the plan's language
        assert f'<a href="https://ogp.example.no{commitment.get_absolute_url()}">' in description
    other = next(row for row in rows if row["title/no"] == "Åpne budsjetter")
    assert other["description/no"].startswith("<p>Åpne budsjetter</p>")  # never empty
    # Samskap's ids only as external ids, unique.
    externals = [row["external_id"] for row in rows]
    assert len(set(externals)) == len(externals)
    assert first["external_id"] == f"samskap-commitment-{commitment.pk}"
    assert all(re.fullmatch(r"samskap-commitment-\d+", value) for value in externals)
    # Dates ISO (YYYY-MM-DD) or empty; progress 0-100; weight the order.
    for row in rows:
        for column in ("start_date", "end_date"):
            assert row[column] == "" or datetime.date.fromisoformat(row[column]).isoformat() == row[column]
        assert 0 <= float(row["progress"]) <= 100
        assert row["weight"].isdigit()
    assert first["start_date"] == commitment.start_date.isoformat()
    assert other["start_date"] == "" and other["end_date"] == ""


def test_a_danish_plan_is_written_under_da(db, client):
    denmark = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK", default_language="da")
    plan = f.plan(jurisdiction=denmark)
    f.commitment(plan, title="Åbne data")
    _header, rows, _text = export(client, plan)
    assert rows[0]["title/da"] == "Åbne data" and rows[0]["title/no"] == "" and rows[0]["title/en"] == ""


#: What Decidim's results exporter writes (ResultSerializer), with its HTML and its extra columns.
DECIDIM_EXPORT = (
    "id;category/id;category/name/en;category/name/ca;scope/id;scope/name/en;parent/id;title/en;title/ca;"
    "description/en;description/ca;start_date;end_date;status/id;status/key;status/name/en;"
    "status/description/en;progress;created_at;url;component/id;proposal_urls;external_id;reference\n"
    '7;3;Transparency;Transparència;;;;Open budgets;Pressupostos oberts;"<p>All of them, <strong>monthly</strong>.'
    '</p><ul><li>One</li><li>Two &amp; three</li></ul><script>alert(1)</script>";;2021-01-01;2021-12-31;'
    "2;ongoing;Ongoing;<p>Under way</p>;55.5;2021-01-02 10:00:00 UTC;https://decidim.example/results/7;4;;;r-7\n"
    "8;3;Transparency;Transparència;;;7;Publish monthly;;<p>The reports</p>;;2021-02-01;2021-03-01;;;;;100;"
    "2021-01-02 10:00:00 UTC;https://decidim.example/results/8;4;;;r-8\n"
)


def test_what_decidims_exporter_writes_is_imported(world):
    counts = decidim.import_results(io.BytesIO(DECIDIM_EXPORT.encode()), plan=world["plan"], actor=world["editor"])
    assert counts == {"commitments": 1, "milestones": 1, "unchanged": 0}
    commitment = Commitment.objects.get(identifier="DEC-7")
    assert commitment.title == "Open budgets"
    assert commitment.description == "All of them, monthly.\nOne\nTwo & three"
    assert (commitment.start_date, commitment.end_date) == (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    assert commitment.completion == "substantial"  # progress 55.5
    milestone = commitment.milestones.get()
    assert milestone.activity == "The reports" and milestone.status == Milestone.Status.COMPLETED
    again = decidim.import_results(io.BytesIO(DECIDIM_EXPORT.encode()), plan=world["plan"], actor=world["editor"])
    assert again == {"commitments": 0, "milestones": 0, "unchanged": 2}


def test_samskaps_own_export_goes_back_in_by_external_id(world, client):
    plan = world["plan"]
    _header, _rows, text = export(client, plan)
    target = f.plan(jurisdiction=plan.jurisdiction)
    counts = decidim.import_results(io.BytesIO(text.encode()), plan=target, actor=world["editor"])
    assert counts == {"commitments": 1, "milestones": 0, "unchanged": 0}
    copy = Commitment.objects.get(plan=target)
    assert copy.identifier == f"samskap-commitment-{world['commitment'].pk}"
    assert copy.title == world["commitment"].title and "Publish the register." in copy.description
    assert "<" not in copy.description
    assert decidim.import_results(io.BytesIO(text.encode()), plan=target, actor=world["editor"]) == {
        "commitments": 0,
        "milestones": 0,
        "unchanged": 1,
    }


def test_a_decidim_file_with_problems_is_refused(world):
    data = (
        b"id;title/en;parent/id;start_date;progress\n"
        b"1;Open budgets;;2021-01-01;50\n2;Publish;9;someday;150\n;No id;;;\n"
    )
    with pytest.raises(ImportRefused) as refused:
        decidim.import_results(io.BytesIO(data), plan=world["plan"], actor=None)
    problems = [str(p) for p in refused.value.problems]
    assert "Line 3, column “start_date”: 'someday' is not a date (YYYY-MM-DD)" in problems
    assert "Line 3, column “progress”: must be between 0 and 100" in problems
    assert "Line 3, column “parent/id”: no result with id 9 in the file" in problems
    assert "Line 4, column “id”: empty (and no external_id either)" in problems
    assert not Commitment.objects.filter(identifier__startswith="DEC-").exists()


def test_a_decidim_file_with_a_nul_character_is_refused(world):
    data = b"id;title/en;start_date\n1;Open budgets;2021-01-01\n2;Pub\0lish;2021-01-01\n"
    with pytest.raises(ImportRefused) as refused:
        decidim.import_results(io.BytesIO(data), plan=world["plan"], actor=None)
    assert [str(p) for p in refused.value.problems] == [
        "Line 3, column “title/en”: contains a NUL character, which is not text"
    ]
    assert not Commitment.objects.filter(identifier__startswith="DEC-").exists()


def test_decidims_importer_format_with_comma_separation(world):
    data = (
        b"id,title/ca,title/en,description/en,category/id,status/id,parent/id,start_date,end_date,progress,proposal_urls\n"
        b"10,Obrir,Open budgets,<p>All of them</p>,,,,2021-01-01,2021-12-31,100,\n"
        b"11,,Publish monthly,,,,10,2021-02-01,2021-03-01,40,\n"
    )
    counts = decidim.import_results(io.BytesIO(data), plan=world["plan"], actor=world["editor"])
    assert counts["commitments"] == 1 and counts["milestones"] == 1
    commitment = Commitment.objects.get(identifier="DEC-10")
    assert commitment.title == "Open budgets" and commitment.description == "All of them"
    assert commitment.completion == "complete"
    assert commitment.milestones.get().status == "on_track"
