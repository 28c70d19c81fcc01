# ruff: noqa: RUF001 - the prose uses real en dashes, as in Danish and Norwegian.
"""Demo consultations: Denmark's 2017 public consultation on ideas (closed and answered) and its
consultation on the four draft themes (comments per section), and Norway's consultations for
Handlingsplan 5 (one open, with a deadline 30 days after the day the demo is loaded, one upcoming).

Facts from Digitaliseringsstyrelsen's "Nyt om OGP" (seed 000): the public consultation ended in week 33
of 2017; the four themes were put out for comment from 14 September until 28 September 2017. The
submissions are written for the demo.
"""

import datetime
from collections import Counter
from typing import Any

from django.utils import timezone

from samskap.accounts.models import User
from samskap.consultations.models import Consultation, Outcome, Response, Submission
from samskap.consultations.services import save_consultation
from samskap.consultations.text import deadline_from, normalise_for_search, search_config, start_of_day
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan

COPENHAGEN = "Europe/Copenhagen"
OSLO = "Europe/Oslo"

IDEAS_BODY = """Danmark skal udarbejde en ny handlingsplan for Open Government Partnership for 2017–2019.

Borgere, virksomheder, NGO'er samt offentlige institutioner og myndigheder på alle niveauer inviteres til at give
input og idéer til initiativer inden for **åbenhed og transparens**, **borgerdeltagelse og inddragelse af
civilsamfundet**, **antikorruption og ansvarsplacering** samt **teknologi og innovation**.

Efter høringen samler Digitaliseringsstyrelsen op på høringssvarene, og temaerne til handlingsplanen sendes i
høring i to uger.
"""

THEMES_BODY = """På baggrund af den offentlige høring og dialogen med civilsamfundet i august lægges der op til, at
den kommende handlingsplan kommer til at bestå af fire temaer. Kommentér hvert tema for sig.

## Flere og bedre åbne data
Offentlige myndigheder indsamler og producerer store mængder værdifulde data, som kan skabe værdi, hvis de
frigøres til offentlig brug. Samtidig gennemføres en indsats for at sikre, at de data, der frigives, er af god
kvalitet.

## Skræddersyede data skal skabe grundlag for inddragelse
Data skal være overskuelige og tilgængelige for de borgere, der har brug for dem, når de har brug for dem, og
kunne bruges til at inddrage borgerne i myndighedernes arbejde.

## Sammen om en bedre offentlig sektor
Civilsamfundet besidder værdifulde idéer og viden, som kan bidrage til at øge kvaliteten af offentlige
myndigheders arbejde og til at løse samfundsproblemer sammen med myndighederne.

## En global indsats for åbenhed
Danmark har en forpligtelse til at arbejde for åben og velfungerende regeringsførelse, nationalt såvel som
internationalt, fx gennem korruptionsbekæmpelse og kapacitetsopbygning.
"""

IDEAS_SUMMARY = """Høringen modtog 10 høringssvar fra borgere, organisationer, kommuner og forskere. Alle er besvaret.

De fleste svar pegede på **åbne data** og på bedre **inddragelse af civilsamfundet**. Det er blevet til temaerne
"Flere og bedre åbne data" og "Sammen om en bedre offentlig sektor" og til initiativer som Open Data DK og
"Meld en regel". Forslag om et lobbyregister og om partistøtteregler ligger uden for handlingsplanens rammer og er
givet videre til de ansvarlige ministerier.
"""

# (name, respondent type, organisation, consent, text, outcome, reason, commitment identifiers, theme orders)
IDEAS_SUBMISSIONS: tuple[tuple[str, str, str, str, str, str, str, tuple[str, ...], tuple[int, ...]], ...] = (
    (
        "Open Knowledge Danmark",
        "civil_society",
        "Open Knowledge Danmark",
        "named",
        "Vi foreslår, at flere kommunale data om trafik, miljø og økonomi gøres frit tilgængelige i åbne formater. "
        "Kommunerne bør dele data på en fælles portal.",
        Outcome.TAKEN_UP,
        "Forslaget er blevet til initiativet Open Data DK, hvor flere kommuner og regioner deler åbne data.",
        ("DK0062",),
        (1,),
    ),
    (
        "Mette Hansen",
        "citizen",
        "",
        "named",
        "Det bør være lettere at se, hvad kommunerne bruger pengene på. Budgetter og regnskaber burde være åbne data.",
        Outcome.PARTLY,
        "Åbne kommunale data indgår i Open Data DK; regnskaber som åbne data er ikke en del af planen.",
        ("DK0062",),
        (1,),
    ),
    (
        "Transparency International Danmark",
        "civil_society",
        "Transparency International Danmark",
        "named",
        "Danmark bør indføre et lobbyregister, så det bliver synligt, hvem der mødes med ministre og embedsmænd.",
        Outcome.OUT_OF_SCOPE,
        "Et lobbyregister kræver lovgivning og ligger uden for handlingsplanen. Forslaget er givet videre.",
        (),
        (),
    ),
    (
        "Aarhus Kommune",
        "local_government",
        "Aarhus Kommune",
        "named",
        "Kommunerne har brug for fælles vejledning om, hvordan data publiceres, så de kan kobles på tværs af "
        "kommunegrænser.",
        Outcome.TAKEN_UP,
        "En fælles vejledning om publicering af kommunale datasæt er en milepæl i Open Data DK.",
        ("DK0062",),
        (1,),
    ),
    (
        "Lars Nielsen",
        "citizen",
        "",
        "anonymous",
        "Jeg vil gerne kunne melde regler, der er overflødige eller besværlige, direkte til myndighederne.",
        Outcome.TAKEN_UP,
        'Det er blevet til initiativet "Meld en regel".',
        ("DK0068",),
        (3,),
    ),
    (
        "Center for Offentlig Innovation",
        "state_body",
        "Center for Offentlig Innovation",
        "named",
        "Inddrag civilsamfundet løbende, ikke kun ved høringer. Et fast netværk kan følge handlingsplanen.",
        Outcome.TAKEN_UP,
        "Det åbne OGP-netværk (OGP Forum) mødes fremover og følger planens gennemførelse.",
        ("DK0069",),
        (3,),
    ),
    (
        "Sofie Andersen",
        "academia",
        "Københavns Universitet",
        "named",
        "Arkiverede data bør være tilgængelige for forskere og journalister uden ansøgning.",
        Outcome.TAKEN_UP,
        "Rigsarkivet gør flere arkiverede datasamlinger tilgængelige som åbne data.",
        ("DK0060",),
        (1,),
    ),
    (
        "Peter Jensen",
        "business",
        "Geodata ApS",
        "named",
        "Grunddata om adresser og ejendomme skal være gratis og have stabile snitflader.",
        Outcome.ALREADY_COVERED,
        "Grunddata samles på Datafordeleren, som allerede er i gang.",
        ("DK0061",),
        (1,),
    ),
    (
        "Karen Madsen",
        "citizen",
        "",
        "named",
        "Partistøttereglerne bør strammes, så alle større bidrag offentliggøres.",
        Outcome.OUT_OF_SCOPE,
        "Partistøtte reguleres af Folketinget og ligger uden for handlingsplanen.",
        (),
        (),
    ),
    (
        "Danmarks Radio, nyhedsredaktionen",
        "other",
        "",
        "anonymous",
        "Medierne har brug for vejledning i at finde og bruge offentlige data.",
        Outcome.PARTLY,
        "En vejledning til medier og borgere om arkivdata indgår; en bredere vejledning gør ikke.",
        ("DK0060",),
        (2,),
    ),
)

# (section order, name, respondent type, text)
THEME_COMMENTS: tuple[tuple[int, str, str, str], ...] = (
    (1, "Open Knowledge Danmark", "civil_society", "Godt tema. Husk kvaliteten af data, ikke kun mængden."),
    (2, "Mette Hansen", "citizen", "Data skal også kunne forstås af almindelige borgere, fx med dashboards."),
    (3, "KL", "local_government", "Kommunerne vil gerne være med til at afprøve nye former for inddragelse."),
    (4, "Transparency International Danmark", "civil_society", "Korruptionsbekæmpelse bør have en tydelig plads."),
)

NO_BODY = """Kommunal- og distriktsdepartementet starter arbeidet med Norges femte handlingsplan for Open Government
Partnership. Vi vil gjerne ha innspill fra innbyggere, organisasjoner, kommunene og fylkeskommunene, næringslivet
og forskningen.

Hva bør regjeringen forplikte seg til for **åpenhet**, **medvirkning** og **ansvarlighet** i forvaltningen?
"""

NO_QUESTIONS = """Hvilke problemer bør handlingsplanen løse?
Hvilke tiltak foreslår du?"""

NO_UPCOMING_BODY = """Egenvurderingen av handlingsplan 4B legges ut på høring. Les utkastet og si din mening om
hvordan forpliktelsene er fulgt opp."""


def load_consultations(
    *, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]
) -> None:
    denmark, norway = jurisdictions["danmark"], jurisdictions["norge"]
    dk_coordinator = next(u for u in users.values() if u.email == "koordinator@example.dk")
    no_coordinator = next(u for u in users.values() if u.email == "koordinator@example.no")
    dk_plan = ActionPlan.objects.filter(jurisdiction=denmark, label="2017-2019").first()
    no_plan = ActionPlan.objects.filter(jurisdiction=norway, label="4B").first()

    ideas = _ensure(
        created,
        actor=dk_coordinator,
        jurisdiction=denmark,
        slug="ideer-til-handlingsplan-2017-2019",
        values={
            "plan": dk_plan,
            "stage": Consultation.Stage.IDEAS,
            "title": "Offentlig høring: idéer til OGP-handlingsplan 2017–2019",
            "body": IDEAS_BODY,
            "questions": "",
            "split_into_sections": False,
            "moderation": False,
            "opens_at": start_of_day(datetime.date(2017, 7, 3), COPENHAGEN),
            "closes_at": deadline_from(datetime.date(2017, 8, 18), None, COPENHAGEN),
        },
    )
    if ideas is not None:
        _ideas_submissions(ideas, dk_coordinator, dk_plan, created)
        ideas.summary = IDEAS_SUMMARY
        ideas.save(update_fields=["summary"])

    themes = _ensure(
        created,
        actor=dk_coordinator,
        jurisdiction=denmark,
        slug="temaer-til-handlingsplan-2017-2019",
        values={
            "plan": dk_plan,
            "stage": Consultation.Stage.DRAFT_THEMES,
            "title": "Høring om temaer i den kommende handlingsplan",
            "body": THEMES_BODY,
            "questions": "",
            "split_into_sections": True,
            "moderation": False,
            "opens_at": start_of_day(datetime.date(2017, 9, 14), COPENHAGEN),
            "closes_at": deadline_from(datetime.date(2017, 9, 28), None, COPENHAGEN),
        },
    )
    if themes is not None:
        sections = {s.order: s for s in themes.sections.all()}
        for order, name, kind, text in THEME_COMMENTS:
            _submission(
                themes, name=name, kind=kind, organisation="", consent="named", text=text, section=sections[order]
            )
            created["submissions"] += 1

    today = timezone.localdate()
    _ensure(
        created,
        actor=no_coordinator,
        jurisdiction=norway,
        slug="innspill-til-handlingsplan-5",
        values={
            "plan": None,
            "stage": Consultation.Stage.IDEAS,
            "title": "Innspill til Handlingsplan 5",
            "body": NO_BODY,
            "questions": NO_QUESTIONS,
            "split_into_sections": False,
            "moderation": False,
            "opens_at": start_of_day(today - datetime.timedelta(days=7), OSLO),
            "closes_at": deadline_from(today + datetime.timedelta(days=30), None, OSLO),
        },
    )
    _ensure(
        created,
        actor=no_coordinator,
        jurisdiction=norway,
        slug="egenvurdering-handlingsplan-4b",
        values={
            "plan": no_plan,
            "stage": Consultation.Stage.SELF_ASSESSMENT,
            "title": "Høring: egenvurdering av handlingsplan 4B",
            "body": NO_UPCOMING_BODY,
            "questions": "",
            "split_into_sections": False,
            "moderation": True,
            "opens_at": start_of_day(today + datetime.timedelta(days=14), OSLO),
            "closes_at": deadline_from(today + datetime.timedelta(days=28), None, OSLO),
        },
    )


def _ensure(
    created: Counter[str], *, actor: User, jurisdiction: Jurisdiction, slug: str, values: dict[str, Any]
) -> Consultation | None:
    """Create the consultation unless it exists; returns it only when it was created now."""
    if Consultation.objects.filter(jurisdiction=jurisdiction, slug=slug).exists():
        return None
    consultation = save_consultation(actor=actor, jurisdiction=jurisdiction, values={**values, "slug": slug})
    created["consultations"] += 1
    return consultation


def _submission(
    consultation: Consultation,
    *,
    name: str,
    kind: str,
    organisation: str,
    consent: str,
    text: str,
    section: Any = None,
    day: int = 3,
) -> Submission:
    sent = consultation.opens_at + datetime.timedelta(days=day, hours=9 + day % 7, minutes=7 * day % 60)
    local_part = "".join(ch for ch in name.lower() if ch.isalnum())[:20] or "innsender"
    return Submission.objects.create(
        consultation=consultation,
        section=section,
        name=name,
        email=f"{local_part}@example.dk",
        respondent_type=kind,
        organisation=organisation,
        consent=consent,
        text=text,
        status=Submission.Status.PUBLISHED,
        submitted_at=sent,
        confirmed_at=sent,
        published_at=sent,
        search_config=search_config(consultation.jurisdiction.default_language),
        search_text=normalise_for_search(text, organisation),
    )


def _ideas_submissions(consultation: Consultation, actor: User, plan: ActionPlan | None, created: Counter[str]) -> None:
    commitments = {c.identifier: c for c in plan.commitments.all()} if plan else {}
    themes = {t.order: t for t in plan.themes.all()} if plan else {}
    for number, (name, kind, organisation, consent, text, outcome, reason, led_to, theme_orders) in enumerate(
        IDEAS_SUBMISSIONS
    ):
        submission = _submission(
            consultation,
            name=name,
            kind=kind,
            organisation=organisation,
            consent=consent,
            text=text,
            day=2 + 4 * number,
        )
        response = Response.objects.create(
            consultation=consultation,
            outcome=outcome,
            reason=reason,
            answered_by=actor,
            answered_by_name=actor.get_full_name(),
            created_at=consultation.closes_at + datetime.timedelta(days=5),
        )
        response.commitments.set([commitments[i] for i in led_to if i in commitments])
        response.themes.set([themes[o] for o in theme_orders if o in themes])
        submission.response = response
        submission.save(update_fields=["response"])
        created["submissions"] += 1
        created["answers"] += 1
