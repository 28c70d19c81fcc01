"""Documents that are frozen and published as HTML, PDF and DOCX (a published action plan, a
self-assessment): one structure, rendered the same way whatever app made it.

An app builds a `Document` from its record at the moment of publication; the renderers turn it into
files, and `content_hash` identifies exactly that content (the frozen version's hash).
"""

import difflib
import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Literal

from django.conf import settings

from samskap.kernel.text import word_diff


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


# --- Serialisation and the content hash -------------------------------------------------------


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (stored with a frozen version; `from_dict` reads it back)."""
    return asdict(doc)


def _block(data: dict[str, Any]) -> Block:
    return Block(
        kind=data["kind"],
        text=data.get("text", ""),
        items=tuple(data.get("items", ())),
        rows=tuple(tuple(row) for row in data.get("rows", ())),
        caption=data.get("caption", ""),
        language=data.get("language", ""),
    )


def _section(data: dict[str, Any]) -> Section:
    return Section(
        heading=data["heading"],
        blocks=tuple(_block(b) for b in data.get("blocks", ())),
        subsections=tuple(_section(s) for s in data.get("subsections", ())),
        language=data.get("language", ""),
    )


def from_dict(data: dict[str, Any]) -> Document:
    return Document(
        title=data["title"],
        language=data["language"],
        sections=tuple(_section(s) for s in data.get("sections", ())),
        subtitle=data.get("subtitle", ""),
        metadata=dict(data.get("metadata", {})),
    )


# --- Comparing two documents ------------------------------------------------------------------


@dataclass(frozen=True)
class LineChange:
    """A line of a section (a paragraph, a list item, a table row, a field) that was added, removed or
    changed; `segments` are its words as `kernel.text.word_diff` gives them."""

    kind: Literal["added", "removed", "changed"]
    segments: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SectionChange:
    """A section, named by its headings from the top, and what became of it."""

    headings: tuple[str, ...]
    kind: Literal["added", "removed", "changed", "unchanged"]
    lines: tuple[LineChange, ...] = ()
    language: str = ""


def _lines(block: Block) -> list[str]:
    if block.kind == "paragraph":
        return [block.text]
    if block.kind == "list":
        return [f"• {item}" for item in block.items]
    if block.kind == "fields":
        return [f"{row[0]}: {' '.join(row[1:])}" for row in block.rows if row]
    return ([block.caption] if block.caption else []) + [" | ".join(row) for row in block.rows]


def _own_lines(section: Section) -> list[str]:
    return [line for block in section.blocks for line in _lines(block)]


def _line_changes(old: list[str], new: list[str]) -> tuple[LineChange, ...]:
    changes: list[LineChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if op == "replace" else 0
        for before, after in zip(removed[:paired], added[:paired], strict=True):
            changes.append(LineChange("changed", tuple(word_diff(before, after))))
        changes.extend(LineChange("removed", (("delete", line),)) for line in removed[paired:])
        changes.extend(LineChange("added", (("insert", line),)) for line in added[paired:])
    return tuple(changes)


#: How alike two headings must be (difflib's ratio) to be one section renamed, e.g. a commitment whose
#: title changed ("6.1 Guidance on journals" → "6.1 Guidance on archives").
RENAMED = 0.6


def _pair(old: tuple[Section, ...], new: tuple[Section, ...]) -> list[tuple[Section | None, Section | None]]:
    """Sibling sections paired: the same heading first, then headings alike enough; in the new order, a
    section only in the old one where it was (after the paired sections that preceded it)."""
    paired: dict[int, int] = {}  # new index -> old index
    taken: set[int] = set()
    for j, section in enumerate(new):
        same = next((i for i, o in enumerate(old) if i not in taken and o.heading == section.heading), None)
        if same is not None:
            paired[j] = same
            taken.add(same)
    for j, section in enumerate(new):
        if j in paired:
            continue
        alike = [
            (difflib.SequenceMatcher(a=o.heading, b=section.heading, autojunk=False).ratio(), i)
            for i, o in enumerate(old)
            if i not in taken
        ]
        ratio, best = max(alike, default=(0.0, -1))
        if ratio >= RENAMED:
            paired[j] = best
            taken.add(best)
    pairs: list[tuple[Section | None, Section | None]] = []
    shown: set[int] = set()
    for j, section in enumerate(new):
        if j in paired:
            for i in range(paired[j]):
                if i not in taken and i not in shown:
                    pairs.append((old[i], None))
                    shown.add(i)
            pairs.append((old[paired[j]], section))
        else:
            pairs.append((None, section))
    pairs.extend((o, None) for i, o in enumerate(old) if i not in taken and i not in shown)
    return pairs


def _whole(section: Section, above: tuple[str, ...], kind: Literal["added", "removed"]) -> list[SectionChange]:
    """A section only one document has, and its subsections: every line added, or removed."""
    op = "insert" if kind == "added" else "delete"
    here = (*above, section.heading)
    found = [
        SectionChange(here, kind, tuple(LineChange(kind, ((op, x),)) for x in _own_lines(section)), section.language)
    ]
    for sub in section.subsections:
        found.extend(_whole(sub, here, kind))
    return found


def _sections(old: tuple[Section, ...], new: tuple[Section, ...], above: tuple[str, ...]) -> list[SectionChange]:
    found: list[SectionChange] = []
    for before, after in _pair(old, new):
        if after is None:
            assert before is not None
            found.extend(_whole(before, above, "removed"))
        elif before is None:
            found.extend(_whole(after, above, "added"))
        else:
            here = (*above, after.heading)
            lines = _line_changes(_own_lines(before), _own_lines(after))
            if before.heading != after.heading:  # renamed: the heading's words first
                lines = (LineChange("changed", tuple(word_diff(before.heading, after.heading))), *lines)
            found.append(SectionChange(here, "changed" if lines else "unchanged", lines, after.language))
            found.extend(_sections(before.subsections, after.subsections, here))
    return found


def compare(old: Document, new: Document) -> list[SectionChange]:
    """Every section of either document, in the new one's order (those only in the old one where they
    were), each with the lines that changed. Sections are matched by their headings, or as renamed when
    their headings are alike (`RENAMED`); the title and subtitle come first, as a section with no heading."""
    title = _line_changes([x for x in (old.title, old.subtitle) if x], [x for x in (new.title, new.subtitle) if x])
    return [SectionChange((), "changed" if title else "unchanged", title), *_sections(old.sections, new.sections, ())]


def canonical(doc: Document) -> bytes:
    """One byte string per content: sorted keys, no whitespace, UTF-8 (what the hash is taken of)."""
    return json.dumps(to_dict(doc), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(doc: Document) -> str:
    """The sha256 of the canonical serialisation, in hex: the same content gives the same hash."""
    return hashlib.sha256(canonical(doc)).hexdigest()


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm; @bottom-center { content: counter(page) " / " counter(pages);
  font-size: 9pt; color: #555; } }
html { font-family: Inter, "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { max-width: 48rem; margin: 0 auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6, caption, th, dt { font-weight: 700; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 .3em; }
h2 { font-size: 1.45em; margin: 1.4em 0 .4em; break-after: avoid; }
h3 { font-size: 1.2em; margin: 1.2em 0 .3em; break-after: avoid; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 .3em; break-after: avoid; }
.subtitle { font-size: 1.15em; color: #333; margin: 0 0 1em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0 0 1.5em; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
@media screen { .table-scroll { overflow-x: auto; } }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95em; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
th, td { border: 1px solid #888; padding: .3em .45em; vertical-align: top; text-align: left; }
thead th { background: #e8eef5; }
table.fields th { width: 32%; background: #f3f5f8; }
tr { break-inside: avoid; }
/* Column widths from the first row, not from measuring every cell: auto layout with overflow-wrap:anywhere
   made WeasyPrint measure every character of every cell (a plan's PDF took three times as long). */
@media print { table { table-layout: fixed; }
  thead th:first-child:nth-last-child(n+3) { width: 45%; } }  /* the text column of three or more */
td p, th p { margin: 0 0 .4em; } td p:last-child, th p:last-child { margin-bottom: 0; }
"""


def _heading(level: int, text: str, language: str) -> str:
    tag = f"h{min(level, 6)}"
    return f"<{tag}{_lang(language)}>{escape(text)}</{tag}>"


def _lang(language: str) -> str:
    return f' lang="{escape(language)}"' if language else ""


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in parts)


def _scroll(block: Block) -> str:
    """A wide table scrolls in its own region at 320 px, named after its caption for keyboard users."""
    if not block.caption:
        return '<div class="table-scroll">'
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(block.caption)}">'


def _block_html(block: Block) -> str:
    lang = _lang(block.language)
    if block.kind == "paragraph":
        inner = _paragraphs(block.text)
        return f"<div{lang}>{inner}</div>" if lang else inner
    if block.kind == "list":
        return f"<ul{lang}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    if block.kind == "fields":
        body = "".join(
            f'<tr><th scope="row">{escape(row[0])}</th><td>{_paragraphs(row[1]) if len(row) > 1 else ""}</td></tr>'
            for row in block.rows
        )
        return f'{_scroll(block)}<table class="fields"{lang}>{caption}<tbody>{body}</tbody></table></div>'
    if not block.rows:
        return ""
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in block.rows[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows[1:])
    return f"{_scroll(block)}<table{lang}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _section_html(section: Section, level: int) -> str:
    parts = [_heading(level, section.heading, "")]
    parts += [_block_html(block) for block in section.blocks]
    parts += [_section_html(sub, level + 1) for sub in section.subsections]
    return f"<section{_lang(section.language)}>" + "".join(parts) + "</section>"


def body_html(doc: Document, *, level: int = 2) -> str:
    """The sections alone, headings from `level` (for showing a document inside a site page)."""
    return "".join(_section_html(section, level) for section in doc.sections)


def to_html(doc: Document, *, stylesheet: str = "") -> str:
    """A complete, standalone HTML page: `lang` on the root and on anything in another language,
    headings in order (h1 the title, h2 the sections, h3 their subsections), tables with header cells."""
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc.metadata.items())
    return (
        f'<!DOCTYPE html><html lang="{escape(doc.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(doc.title)}</title>"
        f'<meta name="description" content="{escape(doc.subtitle or doc.title)}">'
        f"<style>{stylesheet}{_CSS}</style></head><body><main>"
        f"<h1>{escape(doc.title)}</h1>"
        + (f'<p class="subtitle">{escape(doc.subtitle)}</p>' if doc.subtitle else "")
        + (f'<dl class="meta">{meta}</dl>' if meta else "")
        + body_html(doc)
        + "</main></body></html>"
    )


# --- PDF --------------------------------------------------------------------------------------


def _as_truetype(woff2: Path) -> Path | None:
    """The font uncompressed once per machine (WeasyPrint would spend a second on it at every rendering)."""
    if not woff2.exists():
        return None
    target = Path(tempfile.gettempdir()) / "samskap-fonts" / f"{woff2.stem}-{int(woff2.stat().st_mtime)}.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(woff2))
        font.flavor = None
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(str(partial))
        partial.replace(target)  # atomic: a parallel rendering never reads half a file
    return target


def _font_faces() -> str:
    """Inter, as the site ships it, embedded in the PDF (file addresses, read at rendering)."""
    folder = Path(settings.BASE_DIR) / "static" / "vendor" / "inter"
    faces = []
    # The latin subset covers Danish, Norwegian and English; other letters fall back to DejaVu Sans.
    # Two weights only: each embedded face costs rendering time.
    for weight in (400, 700):
        path = _as_truetype(folder / f"inter-latin-{weight}-normal.woff2")
        if path is not None:
            faces.append(f"@font-face {{ font-family: Inter; font-weight: {weight}; src: url('{path.as_uri()}'); }}")
    return "".join(faces)


def to_pdf(doc: Document) -> bytes:
    """A tagged PDF (PDF/UA-1): a structure tree a screen reader follows, /Lang and the title set, Inter
    embedded. Slow (about a second a dozen pages): render once, when the document is frozen."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy; only those who render pay for the import

    html = to_html(doc, stylesheet=_font_faces())
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        uncompressed_pdf=False,
        custom_metadata=True,
        pdf_identifier=content_hash(doc)[:32].encode(),
    )
    return bytes(pdf or b"")


# --- DOCX -------------------------------------------------------------------------------------


def _docx_paragraphs(container: Any, text: str, style: str | None = None) -> None:
    for part in [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()] or [""]:
        container.add_paragraph(part, style=style)


def _docx_block(docx: Any, block: Block) -> None:
    if block.kind == "paragraph":
        _docx_paragraphs(docx, block.text)
    elif block.kind == "list":
        for item in block.items:
            docx.add_paragraph(item, style="List Bullet")
    elif block.rows:
        if block.caption:
            docx.add_paragraph(block.caption, style="Caption")
        columns = max(len(row) for row in block.rows)
        table = docx.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        for index, row in enumerate(block.rows):
            cells = table.add_row().cells
            for column, value in enumerate(row):
                cells[column].text = value
                header = (block.kind == "table" and index == 0) or (block.kind == "fields" and column == 0)
                if header:
                    for run in cells[column].paragraphs[0].runs:
                        run.bold = True
        if block.kind == "table":
            _repeat_header(table.rows[0])
        docx.add_paragraph()


def _repeat_header(row: Any) -> None:
    """Mark the first row as the table's header (repeated on each page; read as headers by assistive tech)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_section(docx: Any, section: Section, level: int) -> None:
    docx.add_heading(section.heading, level=min(level, 9))
    for block in section.blocks:
        _docx_block(docx, block)
    for sub in section.subsections:
        _docx_section(docx, sub, level + 1)


def to_docx(doc: Document) -> bytes:
    """A Word document with real heading styles (Title, Heading 1 for sections, Heading 2 below), tables,
    and the title, language and author in its core properties."""
    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    docx = Docx()
    properties = docx.core_properties
    properties.title = doc.title
    properties.language = doc.language
    properties.subject = doc.subtitle
    properties.author = doc.metadata.get("author", "")
    properties.identifier = content_hash(doc)
    # The language of the text itself (spell checking, screen readers): the Normal style's w:lang.
    run_properties = docx.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), doc.language)
    run_properties.append(lang)
    docx.add_heading(doc.title, level=0)
    if doc.subtitle:
        docx.add_paragraph(doc.subtitle, style="Subtitle")
    for label, value in doc.metadata.items():
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in doc.sections:
        _docx_section(docx, section, 1)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
