"""Attachments are judged by their content: the right kinds pass, the rest is refused with a clear message."""

import pytest
from django.core.exceptions import ValidationError

from samskap.consultations.attachments import DOCX, ODT, judge
from tests.consultations import helpers


def judged(upload):
    return judge(upload.name, upload, upload.size)


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (helpers.pdf, "application/pdf"),
        (helpers.png, "image/png"),
        (helpers.docx, DOCX),
        (helpers.odt, ODT),
        (helpers.text, "text/plain"),
    ],
)
def test_accepted_kinds(make, content_type):
    assert judged(make()).content_type == content_type


def test_a_renamed_program_is_refused():
    with pytest.raises(ValidationError, match="programs are not accepted"):
        judged(helpers.exe_renamed("innspill.pdf"))


def test_a_renamed_pdf_is_still_a_pdf():
    assert judged(helpers.pdf("bilde.png")).content_type == "application/pdf"


def test_an_oversized_file_is_refused():
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        judged(helpers.oversized())


def test_a_decompression_bomb_is_refused_without_unpacking():
    bomb = helpers.zip_bomb()
    assert (bomb.size or 0) < 200_000
    with pytest.raises(ValidationError, match="unpacks to far more"):
        judged(bomb)


def test_a_zip_that_is_no_document_is_refused():
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    with pytest.raises(ValidationError, match="not accepted"):
        judged(SimpleUploadedFile("innspill.docx", buffer.getvalue()))


def test_binary_junk_and_empty_files_are_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="not accepted"):
        judged(SimpleUploadedFile("data.txt", bytes(range(256)) * 4))
    with pytest.raises(ValidationError, match="empty"):
        judged(SimpleUploadedFile("tom.txt", b""))


def test_a_damaged_image_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        judged(SimpleUploadedFile("kart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
