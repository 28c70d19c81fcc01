"""Judging an uploaded file by its content, not its name: PDF, DOCX, ODT, plain text and common images.

ZIP-based documents are checked from the archive's central directory (sizes as declared, without
extracting anything), so a decompression bomb is refused before a byte of it is inflated.
"""

import zipfile
from dataclasses import dataclass
from typing import IO

import puremagic
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_TOTAL_SIZE = 25 * 1024 * 1024
MAX_FILES = 5
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ZIP_ENTRIES = 2000
MAX_IMAGE_PIXELS = 50_000_000

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"application/pdf": "pdf", DOCX: "docx", ODT: "odt", "text/plain": "txt"} | {
    mime: mime.split("/")[1] for mime in IMAGE_TYPES.values()
}


def download_name(title: str, content_type: str) -> str:
    """A title as a downloaded file's name, with the extension of the kind of file it is (stored files have
    none)."""
    extension = EXTENSIONS.get(content_type, "")
    name = " ".join(title.split())[:80].strip(" .") or "document"
    return f"{name}.{extension}" if extension and not name.lower().endswith(f".{extension}") else name


def serve_upload(file: IO[bytes], *, content_type: str, filename: str, inline: bool = False) -> FileResponse:
    """An uploaded file as an answer: a download, or shown in the browser (`inline`: a repository's PDF);
    either way a browser runs nothing in it (a sandbox with no sources)."""
    response = FileResponse(file, content_type=content_type, as_attachment=not inline, filename=filename)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@dataclass(frozen=True)
class Judged:
    content_type: str
    size: int


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError(_("%(name)s: %(message)s") % {"name": name[:100], "message": message}, code="bad_attachment")


def _not_allowed(name: str) -> ValidationError:
    return _refuse(
        name,
        _("this kind of file is not accepted. Send PDF, Word (DOCX), OpenDocument text (ODT), plain text or an image."),
    )


def _zip_document(name: str, file: IO[bytes], size: int) -> str:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_allowed(name) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise _refuse(name, _("the document holds too many parts to be safe to open."))
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNCOMPRESSED or unpacked > MAX_RATIO * max(size, 1):
            raise _refuse(name, _("the document unpacks to far more than its size; it is refused as unsafe."))
        for entry in entries:
            if entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO:
                raise _refuse(name, _("the document unpacks to far more than its size; it is refused as unsafe."))
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
            if archive.read("mimetype").strip() == ODT.encode():
                return ODT
    raise _not_allowed(name)


def _plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        return error.start >= len(head) - 3
    return True


def _other_encoding(head: bytes) -> str:
    """The encoding of a plain-text file that is not UTF-8 (UTF-16 by its byte-order mark, or a legacy
    8-bit one such as Latin-1 or Windows-1252), or "" when it does not look like text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if b"\x00" in head or not head:
        return ""
    printable = sum(1 for byte in head if byte >= 0x20 or byte in b"\t\r\n")
    return "Latin-1 / Windows-1252" if printable / len(head) > 0.95 else ""


def _not_utf8(name: str, encoding: str) -> ValidationError:
    return _refuse(
        name,
        _(
            "the text file is not UTF-8 (it looks like %(encoding)s). Save it again as UTF-8 "
            "(for example in Notepad: Save as, Encoding: UTF-8), or as PDF, and choose it again."
        )
        % {"encoding": encoding},
    )


def judge(name: str, file: IO[bytes], size: int) -> Judged:
    """What the file is, by its content; raises ValidationError with a clear message otherwise."""
    if size > MAX_FILE_SIZE:
        raise _refuse(name, _("the file is larger than %(limit)s MB.") % {"limit": MAX_FILE_SIZE // (1024 * 1024)})
    if size == 0:
        raise _refuse(name, _("the file is empty."))
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        raise _refuse(name, _("programs are not accepted."))
    if head.startswith(b"%PDF-"):
        return Judged("application/pdf", size)
    if head.startswith(b"PK\x03\x04"):
        content_type = _zip_document(name, file, size)
        file.seek(0)
        return Judged(content_type, size)
    try:
        kinds = {match.mime_type for match in puremagic.magic_string(head)}
    except (puremagic.PureError, ValueError):
        kinds = set()
    if kinds & {"image/png", "image/jpeg", "image/gif", "image/webp"}:
        try:
            with Image.open(file) as image:
                width, height = image.size
                kind = image.format or ""
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _refuse(name, _("the image is too large to open safely.")) from None
        except Exception:
            raise _refuse(name, _("the image is damaged.")) from None
        finally:
            file.seek(0)
        if kind not in IMAGE_TYPES:
            raise _not_allowed(name)
        if width * height > MAX_IMAGE_PIXELS:
            raise _refuse(name, _("the image is too large to open safely."))
        return Judged(IMAGE_TYPES[kind], size)
    if not kinds and _plain_text(head):
        return Judged("text/plain", size)
    encoding = _other_encoding(head) if not kinds or kinds <= {"text/plain"} else ""
    if encoding:
        raise _not_utf8(name, encoding)
    raise _not_allowed(name)
