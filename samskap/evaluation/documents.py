"""The self-assessment as a `kernel.documents.Document`: built from the record and the narratives at the
moment of publication, stored as JSON with its SHA-256, read back for the frozen page and the files."""

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from samskap.commitments.models import CompletionLevel
from samskap.evaluation.drafting import Record, summary_sentence
from samskap.evaluation.models import Comment, SelfAssessment
from samskap.evaluation.models import Section as Part
from samskap.kernel.documents import Block, Document, Section


def _paragraphs(text: str, language: str = "") -> tuple[Block, ...]:
    return tuple(Block("paragraph", text=p.strip(), language=language) for p in text.split("\n\n") if p.strip())


def _narrative(part: Part, language: str, plan_language: str) -> tuple[Block, ...]:
    if language == plan_language:
        return _paragraphs(part.narrative)
    if part.narrative_en:
        return _paragraphs(part.narrative_en)
    # No English text given: the plan's language, marked as such.
    return _paragraphs(part.narrative, plan_language)


def _date(value: Any) -> str:
    return str(formats.date_format(value, "DATE_FORMAT")) if value else ""


def _process(record: Record) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[str, ...]]
    if record.consultations:
        rows = [(_("Consultation"), _("Period"), _("Input received"), _("Answered"), _("Taken up wholly or partly"))]
        for c in record.consultations:
            period = f"{_date(c.consultation.opens_at)} \u2013 {_date(c.consultation.closes_at)}"
            rows.append((c.consultation.title, period, str(c.received), str(c.answered), str(c.taken_up)))
        blocks.append(Block("table", rows=tuple(rows), caption=_("Consultations and their reasoned answers")))
    if record.meetings:
        items = []
        for m in record.meetings:
            minutes = _("minutes approved %(date)s") % {"date": _date(m.minutes.approved_at)} if m.minutes else ""
            items.append(f"{_date(m.meeting.starts_at)}: {m.meeting.title}" + (f" ({minutes})" if minutes else ""))
        blocks.append(Block("list", items=tuple(items), caption=_("Forum meetings")))
    if record.uptake:
        rows = [(_("Input"), _("Received"), _("Answered"), _("Taken up wholly or partly"))]
        rows += [(str(u.label), str(u.received), str(u.answered), str(u.taken_up)) for u in record.uptake]
        blocks.append(Block("table", rows=tuple(rows), caption=_("Other input and what became of it")))
    if record.rounds:
        rows = [(_("Status as of"), _("Milestones complete"))]
        rows += [(_date(p.as_of), f"{p.milestones_complete} / {p.milestones_total}") for p in record.rounds]
        blocks.append(Block("table", rows=tuple(rows), caption=_("Status rounds")))
    if not blocks:
        blocks.append(Block("paragraph", text=_("The record holds no consultations or meetings for this plan.")))
    return blocks


def _commitment(part: Part, record: Record, language: str, plan_language: str) -> Section:
    found = record.by_commitment().get(part.commitment_id or 0)
    blocks: list[Block] = []
    if found is not None:
        c = found.commitment
        facts = [(_("Completion"), found.completion_label)]
        if c.lead_institution_id:
            facts.append((_("Lead institution"), str(c.lead_institution)))
        if c.start_date or c.end_date:
            facts.append((_("Period"), f"{_date(c.start_date)} \u2013 {_date(c.end_date)}"))
        facts.append((_("Milestones complete"), f"{found.milestones_complete} / {len(found.milestones)}"))
        blocks.append(Block("fields", rows=tuple(facts)))
        if found.milestones:
            rows = [(_("Milestone"), _("Status"), _("Evidence"))]
            for m in found.milestones:
                rows.append((m.activity, str(m.get_status_display()), " ".join(str(x) for x in m.evidence_links)))
            blocks.append(Block("table", rows=tuple(rows), caption=_("Milestones and their evidence")))
        if found.updates:
            items = [
                f"{_date(u.as_of)}: {CompletionLevel(u.completion).label} \u2013 {u.narrative}" for u in found.updates
            ]
            blocks.append(Block("list", items=tuple(items), caption=_("Progress reported")))
    blocks.extend(_narrative(part, language, plan_language))
    return Section(heading=str(part), blocks=tuple(blocks))


def _comments(comments: list[Comment]) -> Section | None:
    answered = [c for c in comments if c.is_public]
    if not answered:
        return None
    items = []
    for c in answered:
        answer = f" \u2013 {c.get_outcome_display()}: {c.reason}" if c.outcome else ""
        items.append(f"{c.public_name} ({c.section}): {c.text}{answer}")
    return Section(heading=_("Public comments and our answers"), blocks=(Block("list", items=tuple(items)),))


def build_document(
    assessment: SelfAssessment, parts: list[Part], record: Record, comments: list[Comment], language: str
) -> Document:
    """The whole self-assessment in `language` (the interface's words in it; narratives in it where given)."""
    plan = assessment.plan
    with translation.override(language):
        sections: list[Section] = []
        for part in parts:
            if part.kind == Part.Kind.COMMITMENT:
                sections.append(_commitment(part, record, language, assessment.language))
                continue
            blocks = list(_narrative(part, language, assessment.language))
            if part.kind == Part.Kind.PROCESS:
                blocks.extend(_process(record))
            sections.append(Section(heading=str(part.get_kind_display()), blocks=tuple(blocks)))
        table = [(_("Commitment"), _("Completion"))]
        table += [(str(c.commitment), c.completion_label) for c in record.commitments]
        sections.insert(
            1 if sections else 0,
            Section(
                heading=_("Completion at a glance"),
                blocks=(Block("paragraph", text=summary_sentence(record)), Block("table", rows=tuple(table))),
            ),
        )
        answered = _comments(comments)
        if answered is not None:
            sections.append(answered)
        return Document(
            title=str(assessment.get_kind_display()),
            subtitle=f"{plan.jurisdiction.name}: {plan.title} ({plan.period})",
            language=language,
            sections=tuple(sections),
            metadata={"author": plan.jurisdiction.name, "plan": plan.title},
        )
