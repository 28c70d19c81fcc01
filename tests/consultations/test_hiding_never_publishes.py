"""Moderation can never widen who sees a thing (issue 10, found 3, 4 and 10).

A moderator's "hide" on an unconfirmed or "do not publish" submission is refused; one held for moderation
stays unpublished; a hidden published submission is a placeholder with the reason, never its text, and
is not found by its words. Checked in every public output. Runs on SQLite and PostgreSQL.
"""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from samskap.consultations import services
from samskap.consultations.models import Submission
from tests import factories as f
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db

SECRET = "Hemmeligordet"


def base(consultation):
    return f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/"


def body(response) -> str:
    data: bytes = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return data.decode("utf-8", "replace")


@pytest.fixture
def world():
    consultation = f.consultation()
    moderator = f.user(role="moderator")
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    unconfirmed = f.submission(consultation, text=f"{SECRET} uten bekreftelse", status=Submission.Status.UNCONFIRMED)
    private = f.submission(
        consultation,
        text=f"{SECRET} ikke publiser",
        status=Submission.Status.NOT_PUBLISHED,
        consent=Submission.Consent.NONE,
    )
    pending = f.submission(consultation, text=f"{SECRET} venter", status=Submission.Status.PENDING)
    published = f.submission(consultation, text=f"{SECRET} publisert")
    for held in (unconfirmed, private):
        with pytest.raises(services.NothingToHide):
            services.hide(actor=moderator, submission=held, reason="Personangrep")
    services.hide(actor=moderator, submission=pending, reason="Personangrep")
    services.hide(actor=moderator, submission=published, reason="Brudd på retningslinjene")
    services.answer(
        actor=coordinator,
        consultation=consultation,
        submissions=[unconfirmed],
        outcome="taken_up",
        reason="Svar til en ubekreftet avsender",
    )
    return {
        "consultation": consultation,
        "moderator": moderator,
        "unconfirmed": unconfirmed,
        "private": private,
        "pending": pending,
        "published": published,
    }


def test_hiding_held_input_is_refused_and_publishes_nothing(world):
    for name in ("unconfirmed", "private", "pending"):
        world[name].refresh_from_db()
        assert not world[name].is_public
    assert world["unconfirmed"].status == Submission.Status.UNCONFIRMED
    assert world["private"].status == Submission.Status.NOT_PUBLISHED
    world["published"].refresh_from_db()
    assert world["published"].is_public and world["published"].status == Submission.Status.HIDDEN


def test_the_moderation_page_says_why_it_cannot_hide(client, world):
    client.force_login(world["moderator"])
    url = base(world["consultation"]) + f"manage/{world['unconfirmed'].pk}/moderate/"
    response = client.post(url, {"action": "hide", "reason": "Personangrep"})
    assert response.status_code == 400
    assert "Only a published submission" in response.content.decode()


def test_the_list_shows_only_the_placeholder(client, world):
    page = body(client.get(base(world["consultation"]) + "submissions/"))
    assert SECRET not in page
    assert world["published"].receipt not in page or "Brudd på retningslinjene" in page
    for name in ("unconfirmed", "private", "pending"):
        assert world[name].receipt not in page


def test_the_pages_of_held_submissions_are_not_found(client, world):
    for name in ("unconfirmed", "private", "pending"):
        assert client.get(base(world["consultation"]) + f"submissions/{world[name].pk}/").status_code == 404
    page = body(client.get(base(world["consultation"]) + f"submissions/{world['published'].pk}/"))
    assert "Brudd på retningslinjene" in page and SECRET not in page


def test_search_never_finds_hidden_text(client, world):
    for words in (SECRET, "publisert", "venter"):
        page = body(client.get(base(world["consultation"]) + f"submissions/?q={words}"))
        assert "No published submission matches." in page, words
        assert world["published"].receipt not in page


@pytest.mark.parametrize("path", ["export.csv", "export.xlsx", "report/"])
def test_exports_hold_no_hidden_text_and_no_held_receipt(client, world, path):
    response = client.get(base(world["consultation"]) + path)
    if path.endswith("xlsx"):
        sheet = load_workbook(
            io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
        ).active
        text = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    else:
        text = body(response)
    assert SECRET not in text
    for name in ("unconfirmed", "private", "pending"):
        assert world[name].receipt not in text
    assert world["published"].receipt in text


def test_the_pdf_is_made_from_the_same_public_rows(client, world, monkeypatch):
    import weasyprint  # type: ignore[import-untyped]

    seen: list[str] = []

    class Capture:
        def __init__(self, string: str, base_url: str) -> None:
            seen.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-1.4\n%%EOF\n"

    monkeypatch.setattr(weasyprint, "HTML", Capture)
    from samskap.consultations import reports

    reports.render(world["consultation"].pk, "pdf")
    assert seen and SECRET not in seen[0]
    for name in ("unconfirmed", "private", "pending"):
        assert world[name].receipt not in seen[0]


def test_the_api_holds_no_held_submission_and_no_answer_to_an_unconfirmed_one(client, world):
    submissions = client.get("/api/v1/submissions/").json()["results"]
    assert [s["id"] for s in submissions] == []  # the only listed one is hidden: no text in the API
    answers = client.get("/api/v1/answers/").json()["results"]
    assert answers == []


def test_the_sitemap_holds_none(client, world):
    sitemap = sitemap_text(client)
    for item in Submission.objects.all():
        assert f"/submissions/{item.pk}/" not in sitemap


def test_bulk_downloads_hold_none(client, world):
    response = client.get("/en/data/download/samskap.zip")
    data = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    archive = zipfile.ZipFile(io.BytesIO(data))
    submissions = list(csv.DictReader(io.StringIO(archive.read("submissions.csv").decode("utf-8-sig"))))
    assert submissions == []
    answers = archive.read("answers.csv").decode("utf-8-sig")
    assert "Svar til en ubekreftet avsender" not in answers


def test_feeds_hold_no_submission_text(client, world):
    for path in ("/en/data/feeds/consultations/rss/", "/en/data/feeds/consultations/atom/"):
        response = client.get(path)
        assert response.status_code == 200
        assert SECRET not in body(response)
