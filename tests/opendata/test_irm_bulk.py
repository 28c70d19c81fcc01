"""The import writes the directory in bulk: the queries do not grow with the organisations, plans and
themes a file creates, and what it creates is what creating them one by one gave (slugs, history)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.kernel import versions
from samskap.opendata.irm import importer
from samskap.opendata.irm.importer import import_irm
from samskap.opendata.irm.reader import ImportRefused
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from tests import factories as f
from tests.opendata.irm_files import irm_csv, row

pytestmark = pytest.mark.django_db


def _file(n: int, country: str = "Norway", code: str = "NOR") -> bytes:
    return irm_csv(
        [
            row(
                **{
                    "Country/Locality": country,
                    "Code": code,
                    "Commitment Unique Identifier": f"{code}{k:04d}",
                    "Action Plan Number": str(k % 3 + 1),
                    "Theme": f"Theme {k % 4}",
                    "Lead Institution": f"Ministry {k}",
                    "Supporting Institution(s)": f"Agency {k}; Agency {k + 1}",
                }
            )
            for k in range(n)
        ]
    )


def _queries(data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        import_irm(io.BytesIO(data))
    return len(queries)


def test_the_queries_do_not_grow_with_the_organisations_a_file_creates():
    few = _queries(_file(4))
    many = _queries(_file(40, "Denmark", "DNK"))
    assert Organisation.objects.filter(jurisdiction__country_code="DNK").count() == 2 * 40 + 1
    # 72 organisations (and 36 commitments) more: a few statements more, not one per organisation (SQLite
    # writes up to 64 rows a statement in groups of a power of two, `kernel.bulk`; PostgreSQL one COPY).
    assert many <= few + (4 if connection.vendor == "postgresql" else 8), (few, many)


def test_organisations_plans_and_themes_made_in_bulk_are_recorded_and_get_free_slugs():
    norge = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    # Slugs the new ones would take are taken by others (another jurisdiction's organisation, a plan).
    sverige = f.jurisdiction(name="Sverige", slug="sverige", country_code="SWE")
    f.organisation(name="Elsewhere", slug="ministry-1-norway", jurisdiction=sverige)
    import_irm(io.BytesIO(_file(6)))
    ministry = Organisation.objects.get(name="Ministry 1", jurisdiction=norge)
    assert ministry.slug == "ministry-1-norway-2"
    assert Organisation.objects.get(name="Agency 2").slug == "agency-2-norway"
    plans = ActionPlan.objects.filter(jurisdiction=norge)
    assert sorted(p.slug for p in plans) == ["1", "2", "3"] and all(p.published_at for p in plans)
    plan = plans.get(label="1")
    assert [(t.title, t.order) for t in Theme.objects.filter(plan=plan)] == [("Theme 0", 1), ("Theme 3", 2)]
    history = ChangeRecord.objects.filter(object_id=plan.pk, content_type__model="actionplan").order_by("pk")
    assert [r.action for r in history] == ["created", "updated"]
    assert set(history[1].changes) == {"published_at"}
    created = ChangeRecord.objects.get(content_type__model="organisation", object_id=ministry.pk)
    assert created.action == "created" and created.changes["name"] == {"old": None, "new": "Ministry 1"}
    assert ChangeRecord.objects.filter(content_type__model="theme", plan=plan).count() == 2


def _chunks(n: int, country: str, code: str, *, size: int = 5) -> bytes:
    """`n` chunks of `size` rows of one plan, each commitment new, its lead and theme shared."""
    return irm_csv(
        [
            row(
                **{
                    "Country/Locality": country,
                    "Code": code,
                    "Commitment Unique Identifier": f"{code}{k:04d}",
                    "id": str(k + 1),  # IRM data: its assessments are written too
                    "Commitment Title": f"Commitment {k}",
                }
            )
            for k in range(n * size)
        ]
    )


def _per_chunk(data: bytes) -> list[int]:
    """The queries between one chunk's storing of its keys and the next one's: a chunk's writes and look-ups."""
    with CaptureQueriesContext(connection) as queries:
        import_irm(io.BytesIO(data))
    counts: list[int] = []
    for query in queries.captured_queries:
        if 'INSERT INTO "irm_seen_' in query["sql"] or 'COPY "irm_seen_' in query["sql"]:  # COPY: PostgreSQL
            counts.append(0)
        elif counts:
            counts[-1] += 1
    return counts[:-1]  # the last one holds the import's end


def test_the_queries_per_chunk_do_not_grow_with_the_file(monkeypatch):
    """Nothing is looked up per row or held for the whole file: every chunk costs the same queries however
    far into the file it is and however long the file, on a first import and on a second one (then every
    commitment exists and is compared)."""
    monkeypatch.setattr(importer, "CHUNK", 5)
    short, long = _chunks(3, "Norway", "NOR"), _chunks(8, "Denmark", "DNK")
    first = _per_chunk(short), _per_chunk(long)
    again = _per_chunk(short), _per_chunk(long)
    assert Commitment.objects.filter(plan__jurisdiction__country_code="DNK").count() == 40
    assert len(first[1]) == len(again[1]) == 7, (first, again)
    assert len(set(first[0][1:] + first[1][1:])) == 1, first
    assert len(set(again[0][1:] + again[1][1:])) == 1, again  # the first chunk reads the directory once


def test_an_identifier_repeated_chunks_later_is_refused_with_its_first_line_and_nothing_is_kept(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 5)
    rows = [row(**{"Commitment Unique Identifier": f"NO{k:04d}"}) for k in range(12)]
    rows[8]["Commitment Unique Identifier"] = "NO0001"  # line 10 repeats line 3, a chunk later
    rows[11]["Commitment Unique Identifier"] = "NO0009"  # line 13 repeats line 11, in the next chunk
    rows[10]["Potential Impact"] = "Huge"  # line 12: a problem of another kind, between the two
    with pytest.raises(ImportRefused) as refused:
        import_irm(io.BytesIO(irm_csv(rows)))
    assert [str(p) for p in refused.value.problems] == [
        "Line 10, column “Commitment Unique Identifier”: NO0001 already appears on line 3",
        "Line 12, column “Potential Impact”: unknown label 'Huge' (expected one of: Minor, Moderate, None, "
        "Transformative)",
        "Line 13, column “Commitment Unique Identifier”: NO0009 already appears on line 11",
    ]
    assert not Commitment.objects.exists()
    assert _seen_tables() == []  # the temporary table went with the rollback
    import_irm(io.BytesIO(irm_csv(rows[:8])))
    assert Commitment.objects.count() == 8
    assert _seen_tables() == []


def _seen_tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT relname FROM pg_class WHERE relpersistence = 't' AND relkind = 'r'")
        return [name for (name,) in cursor.fetchall() if name.startswith("irm_seen")]


def test_imported_commitments_are_found_by_the_site_search_and_the_pages_stamp_is_bumped(client):
    before = versions.stamp(["commitments"])
    gin_settings = _gin_settings()
    words = " ".join(f"word{n}" for n in range(300))  # a long text: the word sought comes last, after repeats
    import_irm(
        io.BytesIO(
            irm_csv(
                [
                    row(**{"Commitment Unique Identifier": "NO0901", "Full Text": f"{words} {words} whistleblowers"}),
                    row(**{"Commitment Unique Identifier": "NO0902", "Commitment Title": "Lobbying registers"}),
                ]
            )
        )
    )
    assert versions.stamp(["commitments"]) != before
    assert _gin_settings() == gin_settings  # the import's own settings ended with it
    response = client.get("/en/search/", {"q": "whistleblower", "kind": "commitments"})
    assert response.context["groups"] == []  # indexed in the background, after the import
    call_command("index_search", verbosity=0)
    for query, identifier in (("whistleblower", "NO0901"), ("registers", "NO0902"), ("lobbying", "NO0902")):
        commitment = Commitment.objects.get(identifier=identifier)
        response = client.get("/en/search/", {"q": query, "kind": "commitments"})
        assert [hit.title for group in response.context["groups"] for hit in group.hits] == [str(commitment)], query
    assert Commitment.objects.get(identifier="NO0901").search_text.count(" word7 ") == 1


def _gin_settings() -> tuple[str, ...]:
    if connection.vendor != "postgresql":
        return ()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('gin_pending_list_limit'), current_setting('work_mem')")
        return tuple(cursor.fetchone())
