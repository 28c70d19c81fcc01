"""Decidim's accountability results CSV, so that a government on Decidim can move over (and back).

The column contract (and the Decidim version it follows) is in docs/OPEN_DATA.md.

Export: what Decidim's own `ResultsCsvImporter` (decidim-accountability 0.28) accepts into a fresh
accountability component, semicolon-separated (`Decidim.default_csv_col_sep`). No Samskap id goes
into a column Decidim reads as one of its own ids (`id`, `parent/id`, `status/id`, `category/id`,
`decidim_scope_id` stay empty): Samskap's ids go into `external_id` (`samskap-commitment-<id>`).
A commitment is one result; its milestones are part of its HTML description, because a child result
needs a `parent/id` that already exists in the target component. Texts are written under the
Decidim locale of the plan's language only (Norwegian is `no`); Decidim fills the other locales from
the organisation's default one.

Import: what Decidim's results exporter writes (`id, category/id, category/name/<locale>, scope/id,
parent/id, title/<locale>, description/<locale>, start_date, end_date, status/..., progress,
created_at, url, component/id, proposal_urls, external_id, ...`; unknown columns are ignored), into
a plan chosen by the user: results without a parent in the file become commitments (identifier
"DEC-<id>", or the external id when there is no id), their children milestones; HTML becomes text;
progress becomes the completion. All or nothing, like the IRM import.
"""

import csv
import datetime
import html
import io
import re
from collections.abc import Iterator
from typing import IO, Any

import nh3
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from samskap.commitments.models import COMPLETION_SCALE, Commitment, CompletionLevel, Milestone
from samskap.commitments.services import add_progress_update, create_commitment, save_milestone, update_commitment
from samskap.kernel.links import absolute
from samskap.kernel.tabular import csv_row
from samskap.kernel.types import Actor
from samskap.opendata.irm.reader import CountingReader, ImportRefused, Problem, read_rows
from samskap.plans.models import ActionPlan

#: Samskap's language codes → Decidim's locale names (Decidim's Norwegian Bokmål is "no").
DECIDIM_LOCALE = {"nb": "no", "da": "da", "en": "en"}
EXPORT_LOCALES = list(DECIDIM_LOCALE.values())
EXPORT_COLUMNS = [
    "id",
    "parent/id",
    *[f"title/{code}" for code in EXPORT_LOCALES],
    *[f"description/{code}" for code in EXPORT_LOCALES],
    "start_date",
    "end_date",
    "status/id",
    "progress",
    "proposal_urls",
    "category/id",
    "decidim_scope_id",
    "external_id",
    "weight",
]
#: Columns whose values are ids in the target component: never Samskap's.
FOREIGN_ID_COLUMNS = ("id", "parent/id", "status/id", "category/id", "decidim_scope_id", "proposal_urls")
KNOWN_LOCALES = ("no", "nb", "nn", "da", "en", "sv", "fi", "is", "de", "fr", "es", "ca", "eu", "gl", "it", "pt")
COMPLETION_PROGRESS = {
    CompletionLevel.NOT_STARTED: 0,
    CompletionLevel.LIMITED: 33,
    CompletionLevel.SUBSTANTIAL: 67,
    CompletionLevel.COMPLETE: 100,
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def external_id(commitment: Commitment) -> str:
    return f"samskap-commitment-{commitment.pk}"


def _paragraphs(text: str) -> str:
    return linebreaks(text, autoescape=True) if text.strip() else ""


def _period(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return f"{start.isoformat()} \N{EN DASH} {end.isoformat()}"
    return (start or end).isoformat() if (start or end) else ""  # type: ignore[union-attr]


def description_html(commitment: Commitment, url: str) -> str:
    """The commitment's texts, its milestones and its address as HTML (Decidim's descriptions are HTML).
    Headings are in the plan's language (the caller activates it)."""
    parts = [_paragraphs(t) for t in (commitment.problem, commitment.description, commitment.contribution)]
    body = "\n".join(p for p in parts if p) or f"<p>{escape(commitment.title)}</p>"
    milestones = sorted(commitment.milestones.all(), key=lambda m: (m.order, m.pk))
    if milestones:
        items = []
        for milestone in milestones:
            details = [
                d for d in (_period(milestone.start_date, milestone.end_date), milestone.get_status_display()) if d
            ]
            items.append(f"<li>{escape(milestone.activity)} ({escape(', '.join(details))})</li>")
        body += f"\n<h3>{escape(_('Milestones'))}</h3>\n<ol>{''.join(items)}</ol>"
    body += f'\n<p><a href="{escape(url)}">{escape(url)}</a></p>'
    return body


def export_rows(plan: ActionPlan) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield writer.writerow(EXPORT_COLUMNS)
    language = plan.jurisdiction.default_language
    locale = DECIDIM_LOCALE.get(language, "en")
    commitments = plan.commitments.prefetch_related("milestones").order_by("order", "pk")
    with translation.override(language):
        for commitment in commitments.iterator(chunk_size=500):
            url = absolute(commitment.get_absolute_url())
            texts = {
                f"title/{locale}": commitment.title,
                f"description/{locale}": description_html(commitment, url),
            }
            row = {
                **dict.fromkeys(EXPORT_COLUMNS, ""),
                **texts,
                "start_date": commitment.start_date.isoformat() if commitment.start_date else "",
                "end_date": commitment.end_date.isoformat() if commitment.end_date else "",
                "progress": COMPLETION_PROGRESS.get(CompletionLevel(commitment.completion), ""),
                "external_id": external_id(commitment),
                "weight": commitment.order,
            }
            yield writer.writerow(csv_row([row[column] for column in EXPORT_COLUMNS]))


BLOCK_END = re.compile(r"<\s*(br\s*/?|/p|/li|/h[1-6]|/div|/tr|/blockquote)\s*>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Decidim's HTML as plain text: block ends become line breaks, every tag (and script or style
    content) goes, entities are decoded."""
    marked = BLOCK_END.sub("\n", value)
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _localised(row: dict[str, str], field: str, language: str) -> str:
    preferred = DECIDIM_LOCALE.get(language, language)
    for code in [preferred, language, *KNOWN_LOCALES]:
        value = row.get(f"{field}/{code}", "").strip()
        if value:
            return value
    for column, value in row.items():  # any other locale
        if column.startswith(f"{field}/") and column.count("/") == 1 and value.strip():
            return value.strip()
    return row.get(field, "").strip()


def _header(stream: IO[bytes]) -> tuple[str, ...]:
    """The file's column names (so that Decidim's many other columns are ignored, not refused)."""
    first = stream.readline()
    stream.seek(0)
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ()
    delimiter = ";" if line.count(";") > line.count(",") else ","
    if "\t" in line and line.count("\t") > line.count(delimiter):
        delimiter = "\t"
    try:
        return tuple(name.strip() for name in next(csv.reader([line], delimiter=delimiter)))
    except (csv.Error, StopIteration):
        return ()


def _date(line: int, column: str, text: str, problems: list[Problem]) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            try:
                return datetime.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                pass
    problems.append(Problem(line, column, _("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(text[:30])}))
    return None


def _progress(line: int, text: str, problems: list[Problem]) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(Problem(line, "progress", _("%(value)s is not a number") % {"value": repr(text[:20])}))
        return None
    if not 0 <= value <= 100:
        problems.append(Problem(line, "progress", _("must be between 0 and 100")))
    return value


def completion_for(progress: float | None, key: str) -> str | None:
    if key in CompletionLevel.values:
        return key
    if progress is None:
        return None
    if progress >= 100:
        return CompletionLevel.COMPLETE
    if progress >= 50:
        return CompletionLevel.SUBSTANTIAL
    if progress > 0:
        return CompletionLevel.LIMITED
    return CompletionLevel.NOT_STARTED


def milestone_status_for(progress: float | None, key: str) -> str:
    if key in Milestone.Status.values:
        return key
    if progress is not None and progress >= 100:
        return Milestone.Status.COMPLETED
    if progress:
        return Milestone.Status.ON_TRACK
    return Milestone.Status.NOT_STARTED


def import_results(stream: IO[bytes], *, plan: ActionPlan, actor: Actor) -> dict[str, int]:
    """Results into `plan`; ImportRefused (nothing imported) with the problems."""
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    language = plan.jurisdiction.default_language
    known = tuple(dict.fromkeys((*_header(stream), "id", "external_id")))
    for line, row in read_rows(io.BufferedReader(CountingReader(stream)), known=known, required=()):
        result_id = row.get("id", "").strip()
        external = row.get("external_id", "").strip()
        title = html_to_text(_localised(row, "title", language))
        if not result_id and not external:
            problems.append(Problem(line, "id", _("empty (and no external_id either)")))
        if not title:
            problems.append(Problem(line, "title", _("empty")))
        start = _date(line, "start_date", row.get("start_date", ""), problems)
        end = _date(line, "end_date", row.get("end_date", ""), problems)
        if start and end and end < start:
            problems.append(Problem(line, "end_date", _("the end date is before the start date")))
        rows.append(
            (
                line,
                {
                    "id": result_id or external,
                    "identifier": f"DEC-{result_id}" if result_id else external,
                    "parent": row.get("parent/id", "").strip(),
                    "title": title,
                    "description": html_to_text(_localised(row, "description", language)),
                    "start": start,
                    "end": end,
                    "progress": _progress(line, row.get("progress", ""), problems),
                    "status": row.get("status/key", "").strip(),
                },
            )
        )
    ids = {values["id"] for _line, values in rows}
    for line, values in rows:
        if values["parent"] and values["parent"] not in ids:
            problems.append(Problem(line, "parent/id", _("no result with id %s in the file") % values["parent"]))
    if problems:
        raise ImportRefused(problems)
    counts = {"commitments": 0, "milestones": 0, "unchanged": 0}
    with transaction.atomic():
        commitments: dict[str, Commitment] = {}
        order = plan.commitments.count()
        for _line, values in rows:
            if values["parent"]:
                continue
            identifier = values["identifier"][:40]
            wanted = {
                "title": values["title"][:500],
                "description": values["description"],
                "start_date": values["start"],
                "end_date": values["end"],
            }
            commitment = plan.commitments.filter(identifier=identifier).first()
            if commitment is None:
                order += 1
                commitment = create_commitment(
                    actor=actor, plan=plan, values={**wanted, "identifier": identifier, "order": order}
                )
                counts["commitments"] += 1
            else:
                differing = {k: v for k, v in wanted.items() if getattr(commitment, k) != v}
                if differing:
                    update_commitment(actor=actor, commitment=commitment, values=differing)
                    counts["commitments"] += 1
                else:
                    counts["unchanged"] += 1
            level = completion_for(values["progress"], values["status"])
            if level and level != commitment.completion and level in (*COMPLETION_SCALE, *CompletionLevel.values):
                add_progress_update(
                    actor=actor,
                    commitment=commitment,
                    as_of=timezone.localdate(),
                    completion=level,
                    narrative=_("Imported from Decidim (progress %(progress)s %%).")
                    % {"progress": values["progress"] if values["progress"] is not None else "?"},
                )
            commitments[values["id"]] = commitment
        positions: dict[str, int] = {}
        for _line, values in rows:
            parent = values["parent"]
            if not parent:
                continue
            while parent in ids and parent not in commitments:  # a grandchild: under the top result
                parent = next(v["parent"] for _l, v in rows if v["id"] == parent)
            commitment = commitments[parent]
            positions[parent] = positions.get(parent, 0) + 1
            wanted = {
                "order": positions[parent],
                "activity": values["description"] or values["title"],
                "start_date": values["start"],
                "end_date": values["end"],
                "status": milestone_status_for(values["progress"], values["status"]),
            }
            milestone = commitment.milestones.filter(order=positions[parent]).first()
            if milestone is not None and all(getattr(milestone, k) == v for k, v in wanted.items()):
                counts["unchanged"] += 1
                continue
            save_milestone(actor=actor, commitment=commitment, milestone=milestone, values=wanted)
            counts["milestones"] += 1
    return counts
