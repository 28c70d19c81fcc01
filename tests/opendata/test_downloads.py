"""Bulk downloads, feeds, calendars, Decidim files, the open-data page, and privacy everywhere."""

import csv
import io
import json
import zipfile

from django.test import Client
from openpyxl import load_workbook

from samskap.commitments.models import Milestone
from tests import factories as f
from tests.api.conftest import PRIVATE
from tests.api.test_api import LISTS
from tests.sitemap import sitemap_text


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    content: bytes = response.content
    return content


def test_the_site_zip_has_a_csv_per_kind_and_a_readme(world, client):
    response = client.get("/en/data/download/samskap.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    names = set(archive.namelist())
    assert {"README.txt", "commitments.csv", "milestones.csv", "submissions.csv", "assessments.csv"} <= names
    commitments = list(csv.DictReader(io.StringIO(archive.read("commitments.csv").decode())))
    assert [c["identifier"] for c in commitments] == ["NO0063"]
    assert commitments[0]["policy_areas"] == "Open Data"
    readme = archive.read("README.txt").decode()
    assert "Generated: " in readme
    assert "  commitments: 1" in readme and "  submissions: 2" in readme
    for line in commitments[0]:
        assert f"  {line}: " in readme, f"the README lists every column ({line})"


def test_a_plans_downloads_hold_only_that_plan(world, client):
    f.commitment(f.plan(), identifier="SE0001")
    plan = world["plan"]
    address = f"/en/data/download/{plan.jurisdiction.slug}/{plan.slug}"
    archive = zipfile.ZipFile(io.BytesIO(body(client.get(f"{address}.zip"))))
    assert "SE0001" not in archive.read("commitments.csv").decode()
    document = json.loads(body(client.get(f"{address}.json")))
    assert [c["identifier"] for c in document["commitments"]] == ["NO0063"]
    assert document["row_counts"]["commitments"] == 1
    assert "identifier" in document["columns"]["commitments"]
    workbook = load_workbook(io.BytesIO(body(client.get(f"{address}.xlsx"))), read_only=True)
    rows = list(workbook["commitments"].iter_rows(values_only=True))
    assert rows[0][3] == "identifier" and rows[1][3] == "NO0063"
    assert "README" in workbook.sheetnames
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"{address}.zip" in page


def test_the_site_json_is_one_valid_document(world, client):
    for n in range(3):
        f.commitment(world["plan"], identifier=f"NO5{n:03d}")
    document = json.loads(body(client.get("/en/data/download/samskap.json")))
    assert document["row_counts"]["commitments"] == 4 == len(document["commitments"])


def test_nothing_private_appears_in_any_api_answer_or_download(world, client):
    """Account emails, submitters' emails, unpublished or pending input, anonymous senders' names."""
    answers = []
    for path in LISTS:
        page = client.get(path, {"page_size": 100})
        answers.append(page.content)
        for item in page.json()["results"]:
            answers.append(client.get(f"{path}{item['id']}/").content)
    plan = world["plan"]
    for address in (
        "/en/data/download/samskap.zip",
        "/en/data/download/samskap.json",
        f"/en/data/download/{plan.jurisdiction.slug}/{plan.slug}.json",
        "/en/data/ogp/commitments.csv",
        f"/en/data/decidim/{plan.jurisdiction.slug}/{plan.slug}.csv",
        f"/en/data/feeds/{plan.jurisdiction.slug}/rss/",
        f"/en/data/feeds/{plan.jurisdiction.slug}/atom/",
        "/en/data/feeds/consultations/rss/",
        "/en/data/calendar.ics",
    ):
        answers.append(body(client.get(address)))
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    answers += [archive.read(name) for name in archive.namelist()]
    workbook = load_workbook(io.BytesIO(body(client.get("/en/data/download/samskap.xlsx"))), read_only=True)
    answers += [repr(list(sheet.iter_rows(values_only=True))).encode() for sheet in workbook.worksheets]
    everything = b"\n".join(answers)
    for secret in PRIVATE:
        assert secret.encode() not in everything, secret
    # The commitment's contact email is public on purpose (OGP's template publishes it).
    assert b"kontakt@digdir.example" in everything
    assert b"Ola Navn" in everything and b"Anonymt innspill." in everything


def test_feeds_and_calendars(world, client):
    import datetime

    from django.utils import timezone

    soon = timezone.localdate() + datetime.timedelta(days=30)
    Milestone.objects.filter(pk=world["milestone"].pk).update(end_date=soon)
    slug = world["jurisdiction"].slug
    rss = client.get(f"/en/data/feeds/{slug}/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "Publish the register." in rss.content.decode() or "2. Publish" in rss.content.decode()
    atom = client.get(f"/en/data/feeds/{slug}/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    consultations = client.get(f"/en/data/feeds/{slug}/consultations/rss/").content.decode()
    assert "Open for input: Ideer til plan 5" in consultations
    assert "Closing soon: Ideer til plan 5" in consultations
    calendar = client.get(f"/en/data/calendar/{slug}.ics")
    assert calendar["Content-Type"].startswith("text/calendar")
    text = calendar.content.decode()
    assert "BEGIN:VCALENDAR" in text and "NO0063" in text
    assert f"UID:milestone-{world['milestone'].pk}@" in text
    assert f"UID:consultation-{world['consultation'].pk}@" in text
    assert "DTSTART;VALUE=DATE:" in text and "DTSTART;TZID=Europe/Oslo:" in text
    assert client.get("/en/data/feeds/nowhere/rss/").status_code == 404


def test_the_open_data_page(world, client):
    page = client.get("/en/data/").content.decode()
    assert "/en/api/" in page and "/en/data/download/samskap.zip" in page and "/en/data/calendar.ics" in page
    assert "/en/data/import/" not in page
    assert "/en/data/" in sitemap_text(client)


def test_zip_entries_unpack_readable_and_dated_today(world, client):
    import datetime
    import stat

    from django.utils import timezone

    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    today = timezone.localdate()
    for entry in archive.infolist():
        assert datetime.date(*entry.date_time[:3]) == today, entry.filename
        mode = entry.external_attr >> 16
        assert stat.S_ISREG(mode) and stat.S_IMODE(mode) == 0o644, (entry.filename, oct(mode))


def test_every_absolute_link_uses_the_public_address(world, client, settings):
    settings.SITE_URL = "https://ogp.example.no"
    slug = world["jurisdiction"].slug
    sitemap = sitemap_text(Client(HTTP_HOST="127.0.0.1"))
    assert "<loc>https://ogp.example.no/" in sitemap and "127.0.0.1" not in sitemap and "testserver" not in sitemap
    for address in (
        f"/en/data/feeds/{slug}/atom/",
        f"/en/data/feeds/{slug}/rss/",
        f"/en/data/calendar/{slug}.ics",
        f"/en/data/decidim/{slug}/{world['plan'].slug}.csv",
    ):
        text = body(client.get(address)).decode()
        assert "https://ogp.example.no/" in text and "testserver" not in text, address


def test_a_whole_site_download_is_built_once_per_version_of_the_data(world, client, monkeypatch):
    from samskap.opendata import bulk

    builds = []
    real = bulk.zip_of_csv

    def counted(*args):
        builds.append(args)
        return real(*args)

    monkeypatch.setattr(bulk, "zip_of_csv", counted)
    first = b"".join(client.get("/en/data/download/samskap.zip").streaming_content)
    second = b"".join(client.get("/en/data/download/samskap.zip").streaming_content)
    assert first == second and len(builds) == 1
    world["commitment"].title = "Renamed after the first download"
    world["commitment"].save()
    third = b"".join(client.get("/en/data/download/samskap.zip").streaming_content)
    assert len(builds) == 2
    assert b"Renamed after the first download" in zipfile_text(third)


def zipfile_text(data: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_a_download_being_built_is_a_503_with_retry_after(world, client, settings):
    import hashlib
    from pathlib import Path

    from samskap.kernel import filecache
    from samskap.kernel.pages import data_version

    folder = filecache.directory()
    digest = hashlib.sha256(data_version().encode()).hexdigest()[:16]
    Path(folder / f"samskap.{digest}.lock").touch()
    response = client.get("/en/data/download/samskap.json")
    assert response.status_code == 503 and response["Retry-After"] == "30"
