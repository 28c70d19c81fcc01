"""A plan as a `kernel.documents.Document` in OGP's action-plan structure: the introduction, the process of
making the plan, then each commitment in the commitment template with its milestones table.

Built in one language: the plan's own, or English from the English texts (`PlanText`, `CommitmentText`).
A text not given in English is kept in the plan's language and marked so (`lang` in HTML and PDF), never
silently dropped.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils import formats, translation
from django.utils.translation import gettext as _

from samskap.commitments.models import Commitment, Milestone
from samskap.kernel.documents import Block, Document, Section
from samskap.plans.models import ActionPlan
from samskap.publication.models import Approval, CommitmentText, PlanText

#: The plan statuses a published document leaves out: not (yet) part of the plan.
NOT_IN_PLAN = (Commitment.Status.PROPOSED, Commitment.Status.UNDER_DISCUSSION)


@dataclass(frozen=True)
class Text:
    """A text and the language it is in."""

    value: str
    language: str


def plan_commitments(plan: ActionPlan) -> list[Commitment]:
    """The plan's commitments in template order (theme, then order), with what the template shows."""
    return list(
        Commitment.objects.filter(plan=plan)
        .exclude(status__in=NOT_IN_PLAN)
        .select_related("theme", "lead_institution")
        .prefetch_related(
            "supporting_institutions",
            Prefetch("milestones", queryset=Milestone.objects.order_by("order", "pk")),
            Prefetch("texts", queryset=CommitmentText.objects.all()),
        )
        .order_by(F("theme__order").asc(nulls_last=True), "order", "identifier", "pk")
    )


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def _pick(translated: str, original: str, language: str, source_language: str) -> Text:
    if translated.strip():
        return Text(translated, language)
    return Text(original, source_language)


def _paragraph(text: Text, document_language: str) -> Block:
    return Block("paragraph", text=text.value, language="" if text.language == document_language else text.language)


def milestones_in(commitment: Commitment, text: CommitmentText) -> dict[int, str] | None:
    """{milestone id: activity} in the text's language when every milestone has one (a table is in one
    language: with some missing, the document shows them all in the original); None otherwise."""
    given = text.milestones or {}
    found = {m.pk: str(given.get(str(m.pk), "")).strip() for m in commitment.milestones.all()}
    return found if all(found.values()) else None


def _commitment_section(commitment: Commitment, language: str, source: str) -> Section:
    english = next((t for t in commitment.texts.all() if t.language == language), None)

    def get(name: str) -> str:
        return str(getattr(english, name, "")) if english is not None and language != source else ""

    title = _pick(get("title"), commitment.title, language, source)
    lead = str(commitment.lead_institution or "")
    supporting = ", ".join(str(o) for o in commitment.supporting_institutions.all())
    contact = ", ".join(
        part
        for part in (
            commitment.contact_name,
            commitment.contact_title,
            commitment.contact_email,
            commitment.contact_phone,
        )
        if part
    )
    period = " \u2013 ".join(_date(d) for d in (commitment.start_date, commitment.end_date) if d)
    facts: list[tuple[str, str]] = [
        (_("Commitment number"), commitment.identifier),
        (_("Period"), period or "—"),
        (_("Lead implementing agency"), lead or "—"),
        (_("Contact person"), contact or "—"),
        (_("Other government actors"), supporting or "—"),
        (_("Other actors"), commitment.other_actors.strip() or "—"),
    ]
    if commitment.theme:
        facts.insert(1, (_("Theme"), commitment.theme.title))
    blocks: list[Block] = [Block("fields", rows=tuple(facts), caption=_("Commitment information"))]
    subsections: list[Section] = []
    questions = (
        ("problem", _("What public problem does the commitment address?")),
        ("description", _("What is the commitment?")),
        ("contribution", _("How will the commitment contribute to solving the problem?")),
        ("relevance", _("Why is it relevant to OGP values?")),
    )
    for name, question in questions:
        text = _pick(get(name), getattr(commitment, name), language, source)
        blocks_of = (_paragraph(text, language),) if text.value.strip() else (Block("paragraph", text="—"),)
        subsections.append(Section(question, blocks_of))
    values = ", ".join(commitment.ogp_values) or "—"
    extra = [(_("OGP values"), values), (_("Budget"), commitment.budget or "—")]
    subsections.append(Section(_("Additional information"), (Block("fields", rows=tuple(extra)),)))
    rows: list[tuple[str, ...]] = [(_("Activity and verifiable deliverable"), _("Start"), _("End"))]
    translated = milestones_in(commitment, english) if english is not None and language != source else None
    activities = translated or {m.pk: m.activity for m in commitment.milestones.all()}
    rows += [(activities[m.pk], _date(m.start_date), _date(m.end_date)) for m in commitment.milestones.all()]
    milestones = (
        Block(
            "table",
            rows=tuple(rows),
            caption=_("Milestones of commitment %(number)s") % {"number": commitment.identifier},
            language="" if language == source or translated else source,
        )
        if len(rows) > 1
        else Block("paragraph", text=_("No milestones."))
    )
    subsections.append(Section(_("Milestones"), (milestones,)))
    heading = f"{commitment.identifier} {title.value}".strip()
    return Section(heading, tuple(blocks), tuple(subsections))


def build(
    plan: ActionPlan,
    language: str,
    *,
    version: int,
    published_on: datetime.date,
    approval: Approval | None = None,
    commitments: list[Commitment] | None = None,
) -> Document:
    """The plan as a document in `language` (the plan's own or another, e.g. English)."""
    source = plan.jurisdiction.default_language
    texts = {t.language: t for t in PlanText.objects.filter(plan=plan)}
    own = texts.get(source)
    other = texts.get(language) if language != source else None
    commitments = plan_commitments(plan) if commitments is None else commitments
    with translation.override(language):
        title = _pick(other.title if other else "", plan.title, language, source)
        introduction = _pick(other.introduction if other else "", own.introduction if own else "", language, source)
        process = _pick(other.process if other else "", own.process if own else "", language, source)
        summary = _pick(other.summary if other else "", plan.summary, language, source)
        metadata = {
            _("Government"): plan.jurisdiction.name,
            _("Plan"): plan.label,
            _("Period"): f"{_date(plan.start_date)} \u2013 {_date(plan.end_date)}",
            _("Version"): str(version),
            _("Published"): _date(published_on),
        }
        if plan.revises_id:
            metadata[_("Revises")] = plan.revises.label if plan.revises else ""
        intro_blocks = [b for b in (summary, introduction) if b.value.strip()]
        sections = [
            Section(
                _("Introduction"),
                tuple(_paragraph(t, language) for t in intro_blocks) or (Block("paragraph", text="—"),),
            ),
            Section(_("The process of making the plan"), _process_blocks(process, approval, language)),
            Section(
                _("Commitments"),
                (Block("paragraph", text=_("This plan has no commitments.")),) if not commitments else (),
                tuple(_commitment_section(c, language, source) for c in commitments),
            ),
        ]
        return Document(
            title=title.value,
            language=language,
            subtitle=_("OGP action plan %(label)s, %(government)s")
            % {"label": plan.label, "government": plan.jurisdiction.name},
            sections=tuple(sections),
            metadata=metadata,
        )


def _process_blocks(process: Text, approval: Approval | None, language: str) -> tuple[Block, ...]:
    blocks: list[Block] = [_paragraph(process, language)] if process.value.strip() else []
    decisions: list[tuple[str, str]] = []
    if approval and approval.forum_endorsed_on:
        decisions.append((_("Endorsed by the stakeholder forum"), _date(approval.forum_endorsed_on)))
    if approval and approval.government_approved_on:
        approved = _date(approval.government_approved_on)
        if approval.government_reference:
            approved = f"{approved} ({approval.government_reference})"
        decisions.append((_("Approved by the government"), approved))
    if decisions:
        blocks.append(Block("fields", rows=tuple(decisions), caption=_("Decisions")))
    return tuple(blocks) or (Block("paragraph", text="—"),)
