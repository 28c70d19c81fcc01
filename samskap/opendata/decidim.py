"""Decidim's accountability results CSV, so that a government on Decidim can move over (and back).

Export: what Decidim's ResultSerializer writes (`id, category/id, category/name, scope/id, scope/name,
parent/id, title/<locale>, description/<locale>, start_date, end_date, status/id, status/key,
status/name, progress, created_at, url, component/id, proposal_urls`), separated by semicolons as
Decidim's default. Commitments are results (category = the theme); milestones are their child
results, with ids offset by MILESTONE_ID_OFFSET so they never clash with a commitment's id.

Import: what Decidim's ResultsCsvImporter reads (`id, title/<locale>, description/<locale>,
category/id, status/id, parent/id, start_date, end_date, progress, proposal_urls`), into a plan
chosen by the user: results without a parent in the file become commitments (identifier
"DEC-<id>"), their children milestones. All or nothing, like the IRM import.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from samskap.commitments.models import COMPLETION_SCALE, Commitment, CompletionLevel, Milestone
from samskap.commitments.services import add_progress_update, create_commitment, save_milestone, update_commitment
from samskap.kernel.tabular import csv_row
from samskap.kernel.types import Actor
from samskap.opendata.irm.reader import CountingReader, ImportRefused, Problem, read_rows
from samskap.plans.models import ActionPlan

MILESTONE_ID_OFFSET = 1_000_000_000
LOCALES = [code for code, _name in settings.LANGUAGES]
EXPORT_COLUMNS = [
    "id",
    "category/id",
    "category/name",
    "scope/id",
    "scope/name",
    "parent/id",
    *[f"title/{code}" for code in LOCALES],
    *[f"description/{code}" for code in LOCALES],
    "start_date",
    "end_date",
    "status/id",
    "status/key",
    "status/name",
    "progress",
    "created_at",
    "url",
    "component/id",
    "proposal_urls",
]
KNOWN_LOCALES = ("en", "nb", "nn", "no", "da", "sv", "fi", "is", "de", "fr", "es", "ca", "eu", "gl", "it", "pt")
IMPORT_KNOWN = tuple(
    [c for c in EXPORT_COLUMNS if "/" not in c or c.split("/")[0] not in {"title", "description"}]
    + [f"{field}/{code}" for field in ("title", "description") for code in KNOWN_LOCALES]
    + ["category/name/" + code for code in KNOWN_LOCALES]
    + ["status/name/" + code for code in KNOWN_LOCALES]
    + ["scope/name/" + code for code in KNOWN_LOCALES]
)
COMPLETION_PROGRESS = {
    CompletionLevel.NOT_STARTED: 0,
    CompletionLevel.LIMITED: 33,
    CompletionLevel.SUBSTANTIAL: 67,
    CompletionLevel.COMPLETE: 100,
}
MILESTONE_PROGRESS = {
    Milestone.Status.NOT_STARTED: 0,
    Milestone.Status.ON_TRACK: 50,
    Milestone.Status.DELAYED: 25,
    Milestone.Status.COMPLETED: 100,
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_rows(plan: ActionPlan) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield writer.writerow(EXPORT_COLUMNS)
    site = settings.SITE_URL
    commitments = plan.commitments.select_related("theme").prefetch_related("milestones").order_by("order", "pk")
    for commitment in commitments.iterator(chunk_size=500):
        url = site + commitment.get_absolute_url()
        level = CompletionLevel(commitment.completion)
        yield writer.writerow(
            csv_row(
                _row(
                    id=commitment.pk,
                    category=(commitment.theme_id, commitment.theme.title if commitment.theme else ""),
                    parent="",
                    title=commitment.title,
                    description="\n\n".join(
                        t for t in (commitment.problem, commitment.description, commitment.contribution) if t
                    ),
                    start=commitment.start_date,
                    end=commitment.end_date,
                    status=(list(CompletionLevel.values).index(level) + 1, level.value, str(level.label)),
                    progress=COMPLETION_PROGRESS.get(level),
                    created=commitment.created_at,
                    url=url,
                    component=plan.pk,
                )
            )
        )
        for milestone in sorted(commitment.milestones.all(), key=lambda m: (m.order, m.pk)):
            status = Milestone.Status(milestone.status)
            yield writer.writerow(
                csv_row(
                    _row(
                        id=MILESTONE_ID_OFFSET + milestone.pk,
                        category=(commitment.theme_id, commitment.theme.title if commitment.theme else ""),
                        parent=commitment.pk,
                        title=milestone.activity.split("\n")[0][:150],
                        description=milestone.activity,
                        start=milestone.start_date,
                        end=milestone.end_date,
                        status=(list(Milestone.Status.values).index(status) + 101, status.value, str(status.label)),
                        progress=MILESTONE_PROGRESS.get(status),
                        created=commitment.created_at,
                        url=f"{url}#milestones-heading",
                        component=plan.pk,
                    )
                )
            )


def _row(
    *,
    id: int,
    category: tuple[int | None, str],
    parent: Any,
    title: str,
    description: str,
    start: datetime.date | None,
    end: datetime.date | None,
    status: tuple[int, str, str],
    progress: int | None,
    created: datetime.datetime,
    url: str,
    component: int,
) -> list[Any]:
    return [
        id,
        category[0] or "",
        category[1],
        "",
        "",
        parent,
        *[title for _code in LOCALES],
        *[description for _code in LOCALES],
        start.isoformat() if start else "",
        end.isoformat() if end else "",
        status[0],
        status[1],
        status[2],
        "" if progress is None else progress,
        created.isoformat(),
        url,
        component,
        "",
    ]


def _localised(row: dict[str, str], field: str) -> str:
    for code in [*LOCALES, *KNOWN_LOCALES]:
        value = row.get(f"{field}/{code}", "").strip()
        if value:
            return value
    return row.get(field, "").strip()


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
    for line, row in read_rows(io.BufferedReader(CountingReader(stream)), known=IMPORT_KNOWN, required=("id",)):
        result_id = row["id"].strip()
        title = strip_tags(_localised(row, "title"))
        if not result_id:
            problems.append(Problem(line, "id", _("empty")))
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
                    "id": result_id,
                    "parent": row.get("parent/id", "").strip(),
                    "title": title,
                    "description": strip_tags(_localised(row, "description")),
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
            identifier = f"DEC-{values['id']}"[:40]
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
