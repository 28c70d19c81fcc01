"""Documents that are frozen and published as HTML, PDF and DOCX (a published action plan, a
self-assessment): one structure, rendered the same way whatever app made it.

An app builds a `Document` from its record at the moment of publication; the renderers turn it into
files, and `content_hash` identifies exactly that content (the frozen version's hash).
"""

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Block:
    """A paragraph, a bulleted list (`items`), a table (`rows`, the first row being the header) or a
    pair list of labels and values (`rows` of two cells, e.g. the commitment template's fields)."""

    kind: Literal["paragraph", "list", "table", "fields"]
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    caption: str = ""
    language: str = ""  # when it differs from the document's


@dataclass(frozen=True)
class Section:
    """A heading with its blocks and subsections (headings nest: h2, h3, ...)."""

    heading: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple["Section", ...] = ()
    language: str = ""


@dataclass(frozen=True)
class Document:
    """A whole document in one language (`language`, e.g. "nb", "da", "en")."""

    title: str
    language: str
    sections: tuple[Section, ...] = ()
    subtitle: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. author, date
