"""No 500 for any input (issue 10, found 8, 9 and 10): the bad-input corpus (tests/corpus) against the
public addresses, query strings, the submission form and the importers. Runs on SQLite and PostgreSQL
(a NUL byte and a huge number behave differently there)."""

import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samskap.accounts.models import RoleGrant
from samskap.consultations.models import Submission
from tests import corpus
from tests import factories as f
from tests.consultations.test_submitting import form_data, send_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    consultation = f.consultation()
    f.submission(consultation, text="Åpne postjournaler")
    return consultation


def base(consultation) -> str:
    return f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/"


@pytest.mark.parametrize("segment", corpus.path_segments())
def test_bad_receipt_confirm_and_file_addresses_are_no_500(client, segment):
    for prefix in ("receipt", "confirm", "attachments"):
        response = client.get(f"/en/consultations/{prefix}/{segment}/")
        assert response.status_code in (400, 404), (prefix, segment, response.status_code)


def test_a_nul_byte_in_the_address_gets_the_translated_bad_request_page(client):
    response = client.get("/nb/consultations/receipt/H-%00/")
    assert response.status_code == 400
    assert "Ugyldig forespørsel" in response.content.decode()


@pytest.mark.parametrize("payload", corpus.payloads())
def test_search_and_filters_take_any_payload(client, consultation, payload):
    for name in ("q", "respondent_type", "topic", "outcome", "page"):
        response = client.get(base(consultation) + "submissions/?" + f"{name}={quote(payload)}")
        assert response.status_code in (200, 400), (name, payload, response.status_code)


@pytest.mark.parametrize("page", corpus.page_numbers())
def test_huge_and_odd_page_numbers_are_no_500(client, consultation, page):
    response = client.get(base(consultation) + f"submissions/?page={page}")
    assert response.status_code in (200, 400)
    response = client.get(f"/api/v1/submissions/?page={page}")
    assert response.status_code in (200, 400, 404)


def test_a_page_past_the_end_is_an_empty_page(client, consultation):
    response = client.get(base(consultation) + "submissions/?page=99999999999999999999")
    assert response.status_code == 200
    assert "Åpne postjournaler" not in response.content.decode()


@pytest.mark.parametrize("payload", corpus.payloads())
def test_the_submission_form_takes_any_payload_in_any_field(client, consultation, payload):
    for field in ("name", "organisation", "text", "email", "respondent_type", "consent", "section"):
        response = client.post(send_url(consultation), form_data(**{field: payload}))
        assert response.status_code in (302, 400, 429), (field, payload, response.status_code)


def test_a_section_number_too_big_for_the_database_is_no_500(client, consultation):
    assert client.get(send_url(consultation) + "?section=99999999999999999999").status_code == 200
    response = client.post(send_url(consultation), form_data(section="99999999999999999999"))
    assert response.status_code in (302, 400)


# --- Imports -------------------------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client):
    norway = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway))
    return client


def _upload(client, name: str, data: bytes):
    return client.post("/en/data/import/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


@pytest.mark.parametrize("name", sorted(corpus.big_files()))
def test_oversized_lines_and_a_million_columns_are_refused_quickly(coordinator_client, name):
    import time

    data = corpus.big_files()[name]
    started = time.monotonic()
    response = _upload(coordinator_client, name, data)
    assert response.status_code == 200
    assert "nothing was imported" in response.content.decode().lower() or "problem" in response.content.decode().lower()
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("path", sorted(p.name for p in corpus.FILES.glob("*.csv")))
def test_the_small_bad_csv_files_are_refused_with_a_reason(coordinator_client, path):
    response = _upload(coordinator_client, path, (corpus.FILES / path).read_bytes())
    assert response.status_code in (200, 400)


def test_the_reader_refuses_a_million_columns_in_linear_time():
    import time

    from samskap.opendata.irm.reader import ImportRefused, read_rows

    data = corpus.big_files()["million_columns.csv"]
    started = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        list(read_rows(io.BytesIO(data), known=("a",), required=()))
    assert "too long" in str(refused.value)
    narrow = (",".join("c" for _ in range(600)) + "\n").encode()
    with pytest.raises(ImportRefused) as refused:
        list(read_rows(io.BytesIO(narrow), known=("c",), required=()))
    assert "too many columns" in str(refused.value)
    assert time.monotonic() - started < 2
    many = ",".join(f"c{n}" for n in range(400)) + "," + ",".join(f"c{n}" for n in range(50)) + "\n"
    with pytest.raises(ImportRefused) as refused:
        list(read_rows(io.BytesIO(many.encode()), known=tuple(f"c{n}" for n in range(400)), required=()))
    assert "more than once" in str(refused.value)


# --- Attachments and documents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [("latin1.txt", "not UTF-8"), ("utf16.txt", "not UTF-8")],
)
def test_text_files_in_another_encoding_get_a_specific_message(client, consultation, name, message):
    upload = SimpleUploadedFile(name, (corpus.FILES / name).read_bytes(), content_type="text/plain")
    response = client.post(send_url(consultation), {**form_data(), "attachments": [upload]})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert not Submission.objects.filter(text=form_data()["text"]).exists()


def test_a_document_downloads_with_its_extension(client, consultation, settings, tmp_path):
    from samskap.consultations import services

    settings.MEDIA_ROOT = tmp_path
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    services.add_document(
        actor=coordinator,
        consultation=consultation,
        title="Utkast til handlingsplan: versjon 2",
        file=SimpleUploadedFile("utkast.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        link="",
    )
    document = consultation.documents.get()
    response = client.get(f"/en/consultations/documents/{document.pk}/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.endswith('.pdf"') and "Utkast til handlingsplan" in disposition


def test_the_coordinators_list_is_paginated_past_500(client, consultation):
    from samskap.consultations.models import Submission as S

    S.objects.bulk_create(
        [
            S(
                consultation=consultation,
                name=f"Person {n}",
                email=f"p{n}@example.no",
                respondent_type="citizen",
                text=f"Innspill {n:04d}",
                status=S.Status.PUBLISHED,
                receipt=f"H-T{n:03d}-{n:04d}"[:16],
                confirmation_token=f"token-{n}",
            )
            for n in range(620)
        ]
    )
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    first = client.get(base(consultation) + "manage/").content.decode()
    assert "Innspill 0000" in first and "Innspill 0619" not in first
    assert "?page=2" in first or "page=2" in first
    last = client.get(base(consultation) + "manage/?page=4").content.decode()
    assert "Innspill 0619" in last
