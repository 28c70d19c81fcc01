"""Demo publication: Norway's plan 4B as it was published, frozen as version 1 with its HTML, PDF and DOCX
in Norwegian and English, and the road to it (the draft shared with the stakeholder forum, the
government's approval), and a version 2 in which one milestone's deadline moved (so that versions can be
compared).

Facts from the seeds: KMD's letter of 12 April 2021 (seed 003, case 17/1886: the forum invited to comment on
the changes to plan 4 and to propose commitments for 4B by Tuesday 18 May; plan 4B from 1 September 2021 to
31 August 2022, plan 5 planned from September 2022; the IRM's remark that there had been too little contact
with civil society while plan 4 was drawn up); KMD's invitation of 2018 (seed 002: the final plan is approved
by the government; the forum of ministries and civil society). Written for the demo: the approval's date
(the day 4B took effect) and the English texts (translations of the Norwegian ones).

Idempotent: nothing is written when 4B already has a published version.
"""

import datetime
from collections import Counter

from samskap.accounts.models import User
from samskap.commitments.models import Commitment
from samskap.commitments.services import save_milestone
from samskap.history.services import save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan
from samskap.publication import services
from samskap.publication.models import Approval

INTRODUCTION_NB = (
    "Norge har vært medlem av Open Government Partnership (OGP) siden 2011. Det overordnede målet med OGP er å "
    "bidra til økt velstand for befolkningen: offentlig sektor og sivilsamfunnet samarbeider om å skape en mer "
    "åpen, velfungerende og brukervennlig forvaltning som har tillit i befolkningen.\n\n"
    "Handlingsplan 4B oppgraderer Norges fjerde handlingsplan. På grunn av covid-19 ble planperioden forlenget: "
    "4B gjelder fra 1. september 2021 til 31. august 2022, og en ny handlingsplan 5 planlegges fra september 2022."
)
PROCESS_NB = (
    "Kommunal- og moderniseringsdepartementet (KMD) ba 12. april 2021 departementene oppdatere milepælene og "
    "status per 1.12.2020, og inviterte Interessentforumet til å kommentere de foreslåtte endringene og selv "
    "foreslå forpliktelser innen 18. mai 2021. Invitasjonen gikk til et utvalg sivilsamfunnsorganisasjoner, som "
    "ble oppfordret til å videresende den.\n\n"
    "IRM påpekte i sin vurdering av handlingsplan 4 at kontakten mellom forvaltningen og sivilsamfunnet ikke var "
    "tilstrekkelig. Etter innspillene ba KMD departementene finne egnede måter å diskutere innholdet i planen med "
    "sivilsamfunnet på. Den endelige planen er godkjent av regjeringen."
)
SUMMARY_EN = (
    "Action plan 4B is an updated edition of action plan 4. The ministries have updated the milestones and the "
    "status of the commitments, the stakeholder forum has commented on the changes, and two new commitments "
    "have been added: a youth panel and openness on artificial intelligence and algorithms."
)
TITLE_EN = "Norway's action plan 4B for the Open Government Partnership 2021\u20132022"
INTRODUCTION_EN = (
    "Norway has been a member of the Open Government Partnership (OGP) since 2011. OGP's overall aim is to "
    "contribute to greater prosperity for the population: the public sector and civil society work together for "
    "a more open, well-functioning and user-friendly administration that the population trusts.\n\n"
    "Action plan 4B upgrades Norway's fourth action plan. Because of COVID-19 the plan period was extended: 4B "
    "runs from 1 September 2021 to 31 August 2022, and a new action plan 5 is planned from September 2022."
)
PROCESS_EN = (
    "On 12 April 2021 the Ministry of Local Government and Modernisation (KMD) asked the ministries to update "
    "their milestones and status as of 1 December 2020, and invited the stakeholder forum to comment on the "
    "proposed changes and to propose commitments of its own by 18 May 2021. The invitation went to a selection "
    "of civil-society organisations, who were encouraged to forward it.\n\n"
    "In its assessment of action plan 4 the IRM noted that contact between the administration and civil society "
    "had not been sufficient. After the input, KMD asked the ministries to find suitable ways of discussing the "
    "plan's content with civil society. The final plan was approved by the government."
)
#: The commitment added in 4B (seed 003: KMD proposes a new commitment on AI and algorithms), in English.
AI_COMMITMENT_EN = {
    "title": "Openness on artificial intelligence and algorithms",
    "description": (
        "Greater openness about how public bodies use artificial intelligence and algorithms in their work."
    ),
}
#: Its milestones in English, in their order.
AI_MILESTONES_EN = (
    "Guidance on the responsible use of artificial intelligence in the public sector published",
    "Final reports from the first projects in the Data Protection Authority's regulatory sandbox published",
    "Proposed rules on automated case processing in a new Public Administration Act presented",
)


def load_publication(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    """Publish plan 4B's version 1 unless it exists (see the module's docstring)."""
    coordinator = users["koordinator@example.no"]
    plan = ActionPlan.objects.select_related("jurisdiction").get(jurisdiction=jurisdictions["norge"], label="4B")
    if plan.published_versions.exists():
        return
    approval = Approval.objects.filter(plan=plan).first() or Approval(plan=plan)
    # The demo's 4B is already public (the loader published it as plans do); its approval is recorded as it was.
    save_tracked(
        actor=coordinator,
        instance=approval,
        values={
            "shared_with_forum_at": datetime.datetime(2021, 4, 12, 10, 0, tzinfo=datetime.UTC),
            "government_approved_on": datetime.date(2021, 9, 1),
            "government_reference": "17/1886",
        },
    )
    created["approvals"] += 1
    services.save_plan_text(
        actor=coordinator, plan=plan, language="nb", values={"introduction": INTRODUCTION_NB, "process": PROCESS_NB}
    )
    services.save_plan_text(
        actor=coordinator,
        plan=plan,
        language="en",
        values={"title": TITLE_EN, "summary": SUMMARY_EN, "introduction": INTRODUCTION_EN, "process": PROCESS_EN},
    )
    created["plan texts"] += 2
    ai = Commitment.objects.filter(plan=plan, title__icontains="kunstig intelligens").first()
    if ai is not None:
        order = ai.milestones.order_by("order", "pk").values_list("pk", flat=True)
        milestones = {str(pk): text for pk, text in zip(order, AI_MILESTONES_EN, strict=False)}
        services.save_commitment_text(
            actor=coordinator, commitment=ai, language="en", values={**AI_COMMITMENT_EN, "milestones": milestones}
        )
        created["commitment texts"] += 1
    services.publish_new_version(actor=coordinator, plan=plan)
    created["published versions"] += 1
    if ai is not None:
        # Version 2, written for the demo so that two versions can be compared: the guidance milestone's
        # deadline moved to the end of the plan period.
        guidance = ai.milestones.order_by("order", "pk").first()
        if guidance is not None:
            save_milestone(
                actor=coordinator, commitment=ai, milestone=guidance, values={"end_date": datetime.date(2022, 8, 31)}
            )
            services.publish_new_version(actor=coordinator, plan=plan)
            created["published versions"] += 1
