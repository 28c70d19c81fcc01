# ruff: noqa: RUF001 - the seeds' prose uses real en dashes, as in Norwegian and Danish.
"""The evidence repository's demo data, from the seeds' facts: KMD's letter of 12 April 2021 inviting
the stakeholder forum's input to plan 4B (ref. 17/1886-108; seed 003), KMD's invitation to the forum
meeting of 19 June 2018 on the plan for 2018-2020 (seed 002), KS's ethics committee on OGP (seed 004),
the Danish Agency for Digitisation's "Nyt om OGP" with the 2017-2019 plan's milestones (seed 000) and
Denmark's first action plan out for consultation (deadline 29 February 2012; seed 001), as text
excerpts; OGP's member pages as links. One override with its reason: plan 4B's written round (MR 3.2)
took input by email, which Samskap cannot see.

For the invented municipality Fjordvik (its running plan 2024-2026) an invented medvirkningsforum met
twice a year with approved minutes and status reports each half-year, the last meeting on 9 June 2026
(none scheduled since) and only one report so far in the second half of 2026.

With the forum's and the consultations' demo data, the standards pages show a realistic mix: Norway's
plan 4B mostly not met (no forum meeting in the period, the timeline published the day the round
opened), Denmark's 2017-2019 plan partly met, and Fjordvik's running plan met on the page and on the
meetings during implementation, at risk on the six-monthly meeting and the repository's updates.

Idempotent: a document is looked up by its government and title, the override by plan and requirement.
"""

import datetime
import zoneinfo
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile

from samskap.accounts.models import User
from samskap.evidence import services
from samskap.evidence.models import Document, DocumentKind, Override, Verdict
from samskap.forum import services as forum_services
from samskap.forum.models import Forum, Meeting, Minutes
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan

D = datetime.date

LETTER_4B = """DET KONGELIGE KOMMUNAL- OG MODERNISERINGSDEPARTEMENT

Vår ref 17/1886-108 · Dato 12.04.2021

OGP - Open Government Partnership - Interessentforumet – Invitasjon til innspill til Handlingsplan 4 B

Kommunal- og moderniseringsdepartementet (KMD) ønsker nå, i samarbeid med departementene og
sivilsamfunnet, å oppgradere Norges OGP-handlingsplan 4 til en handlingsplan 4 B. I dette brevet innbys
OGPs interesseforum til å kommentere foreslåtte endringer og til selv å foreslå forpliktelser i Norges
handlingsplan 4 B.

Handlingsplan 4 B skal iverksettes 1. september 2021 og vare fram til 31. august 2022.

Covid-19-situasjonen umuliggjør et fysisk møte tilsvarende dem som tidligere har vært avholdt.

Vi ber om at forslag fra deltakerne i Interessentforumet er KMD i hende innen tirsdag 18. mai til
postmottak@kmd.dep.no.
"""

INVITATION_2018 = """Open Government Partnership (OGP) er en internasjonal plattform for nasjonalt
moderniseringsarbeid. Handlingsplanen vil gjelde for perioden 2018-2020.

Regjering ser for seg en plan som tar utgangspunkt i følgende overskrifter: offentlige anskaffelser,
opplysninger om reelle rettighetshavere og antikorrupsjon; åpne data og viderebruk av offentlige data;
integritet og åpenhet i forvaltningen.

Møtet finner sted tirsdag 19. juni kl. 09.00 – 12.30 i Akersgata 59, møterom 2511.
Vi ber om påmelding til møtet innen 12. juni 2018.
"""

KS_ETHICS = """Open Government Partnership – initiativ for åpenhet

Kommunesektorens etikkutvalg oppfordrer kommuner og fylkeskommuner til å sette sine egne initiativ for
demokratiutvikling, åpenhet og antikorrupsjon på dagsorden. Open Government Partnership kan være et godt
rammeverk for å diskutere utfordringer og dele erfaringer.
"""

NYT_OM_OGP = """Nyt om OGP

22. august 2018 - Første OGP-netværksmøde. Digitaliseringsstyrelsen afholder et åbent netværksmøde, hvor
interesserede kan mødes og drøfte den danske indsats i regi af Open Government Partnership.

1. august til 22. august 2018: Midtvejsselvevaluering kommer i offentlig høring på høringsportalen.dk.
30. september 2018: Den færdige midtvejsselvevaluering offentliggøres.
"""

FIRST_DANISH_PLAN = """Handlingsplan for Danmarks deltagelse i det internationale 'Open Government
Partnership'-initiativ

OGP er et multilateralt samarbejde om at fremme åbenhed i den offentlige sektor gennem initiativer inden
for transparens og åbenhed, borgerdeltagelse og inddragelse af civilsamfundet, antikorruption og
ansvarsplacering, teknologi og innovation.

Fristen for afgivelse af høringssvar med input er 29. februar 2012.
"""

OVERRIDE_3_2 = (
    "Innspill ble tatt imot skriftlig: KMDs brev av 12. april 2021 (ref. 17/1886-108) ba forumet sende forslag "
    "til postmottak@kmd.dep.no innen 18. mai 2021. E-postene er ikke registrert i Samskap."
)


def load_evidence(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    norway, denmark = jurisdictions["norge"], jurisdictions["danmark"]
    no_coordinator = users["koordinator@example.no"]
    dk_coordinator = users["koordinator@example.dk"]
    plan_4 = ActionPlan.objects.get(jurisdiction=norway, label="4")
    plan_4b = ActionPlan.objects.get(jurisdiction=norway, label="4B")
    dk_plan = ActionPlan.objects.get(jurisdiction=denmark, label="2017-2019")
    norwegian = [
        (
            "Interessentforumet – invitasjon til innspill til handlingsplan 4B",
            DocumentKind.LETTER,
            D(2021, 4, 12),
            plan_4b,
            "brev-17-1886-108.txt",
            LETTER_4B,
        ),
        (
            "Invitasjon til møte i interessentforumet 19. juni 2018",
            DocumentKind.LETTER,
            D(2018, 6, 4),
            plan_4,
            "invitasjon-19-juni-2018.txt",
            INVITATION_2018,
        ),
        (
            "Kommunesektorens etikkutvalg: Open Government Partnership – initiativ for åpenhet",
            DocumentKind.OTHER,
            D(2019, 9, 1),
            plan_4,
            "ks-etikkutvalget-ogp.txt",
            KS_ETHICS,
        ),
    ]
    for title, kind, day, plan, name, text in norwegian:
        _upload(no_coordinator, norway, title, kind, day, plan, name, text, created)
    danish = [
        ("Nyt om OGP: netværksmøde og midtvejsselvevaluering 2018", DocumentKind.TIMELINE, D(2018, 8, 1), dk_plan),
        ("Danmarks første OGP-handlingsplan (høringsudkast)", DocumentKind.PLAN, D(2012, 2, 1), None),
    ]
    texts = {"Nyt om OGP": NYT_OM_OGP, "Danmarks første": FIRST_DANISH_PLAN}
    for title, kind, day, dk in danish:
        text = next(value for prefix, value in texts.items() if title.startswith(prefix))
        _upload(dk_coordinator, denmark, title, kind, day, dk, "dokument.txt", text, created, language="da")
    _link(
        no_coordinator,
        norway,
        "Norge hos Open Government Partnership",
        "https://www.opengovpartnership.org/members/norway/",
        created,
    )
    _link(
        dk_coordinator,
        denmark,
        "Danmark hos Open Government Partnership",
        "https://www.opengovpartnership.org/members/denmark/",
        created,
        language="da",
    )
    _fjordvik(users["kommune@example.no"], jurisdictions["fjordvik"], created)
    if not Override.objects.filter(plan=plan_4b, requirement="3.2").exists():
        services.override_verdict(
            actor=no_coordinator, plan=plan_4b, requirement="3.2", verdict=Verdict.MET, reason=OVERRIDE_3_2
        )
        created["standards overrides"] += 1


def _upload(
    actor: User,
    place: Jurisdiction,
    title: str,
    kind: str,
    day: datetime.date,
    plan: ActionPlan | None,
    name: str,
    text: str,
    created: Counter[str],
    language: str = "nb",
) -> None:
    if Document.objects.filter(jurisdiction=place, title=title).exists():
        return
    services.save_document(
        actor=actor,
        jurisdiction=place,
        values={"kind": kind, "title": title, "date": day, "language": language, "plan": plan},
        upload=SimpleUploadedFile(name, text.encode(), content_type="text/plain"),
    )
    created["evidence documents"] += 1


def _link(actor: User, place: Jurisdiction, title: str, url: str, created: Counter[str], language: str = "en") -> None:
    if Document.objects.filter(jurisdiction=place, title=title).exists():
        return
    services.save_document(
        actor=actor,
        jurisdiction=place,
        values={"kind": DocumentKind.OTHER, "title": title, "date": D(2024, 1, 1), "language": language, "url": url},
    )
    created["evidence documents"] += 1


FJORDVIK_RULES = (
    "Forumet er åpent for lag, foreninger og innbyggere i Fjordvik. Alle kan be om å bli medlem; kommunen "
    "kaller inn til møte minst to ganger i året og legger ut referatene."
)
#: (day, title): two meetings a year, the last in June 2026 and none scheduled since.
FJORDVIK_MEETINGS = (
    (D(2024, 3, 12), "Oppstart av handlingsplanen"),
    (D(2024, 9, 10), "Status høsten 2024"),
    (D(2025, 3, 4), "Status våren 2025"),
    (D(2025, 9, 2), "Status høsten 2025"),
    (D(2026, 2, 24), "Status våren 2026"),
    (D(2026, 6, 9), "Forslag til neste handlingsplan"),
)
FJORDVIK_REPORTS = (
    ("Fjordvik kommunes handlingsplan 2024–2026", DocumentKind.PLAN, D(2024, 1, 1)),
    ("Statusrapport høsten 2024", DocumentKind.REPORT, D(2024, 12, 10)),
    ("Statusrapport våren 2025", DocumentKind.REPORT, D(2025, 6, 10)),
    ("Statusrapport høsten 2025", DocumentKind.REPORT, D(2025, 12, 9)),
    ("Statusrapport våren 2026", DocumentKind.REPORT, D(2026, 3, 10)),
    ("Statusrapport høsten 2026", DocumentKind.REPORT, D(2026, 9, 15)),
)


def _fjordvik(actor: User, place: Jurisdiction, created: Counter[str]) -> None:
    zone = zoneinfo.ZoneInfo(place.time_zone)
    plan = ActionPlan.objects.get(jurisdiction=place, label="2024-2026")
    forum = Forum.objects.filter(jurisdiction=place).first()
    if forum is None:
        forum = forum_services.save_forum(
            actor=actor,
            jurisdiction=place,
            values={
                "name": "Fjordvik medvirkningsforum",
                "mandate": "Følger kommunens handlingsplan.",
                "rules": FJORDVIK_RULES,
            },
        )
        created["forums"] += 1
    for day, title in FJORDVIK_MEETINGS:
        slug = f"mote-{day.isoformat()}"
        meeting = forum.meetings.filter(slug=slug).first()
        if meeting is None:
            start = datetime.datetime(day.year, day.month, day.day, 18, 0, tzinfo=zone)
            meeting = forum_services.save_meeting(
                actor=actor,
                forum=forum,
                values={
                    "slug": slug,
                    "title": title,
                    "plan": plan,
                    "starts_at": start,
                    "ends_at": start + datetime.timedelta(hours=2),
                    "registration_closes_at": start,
                    "address": "Fjordvik rådhus",
                    "access": Meeting.Access.OPEN,
                    "reminder_hours": 0,
                },
            )
            created["meetings"] += 1
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes is None:
            text = (
                "Kommunen la fram status for handlingsplanen. "
                f"Innspillene fra møtet {day:%d.%m.%Y} følges opp i neste statusrapport."
            )
            minutes = forum_services.save_minutes(actor=actor, meeting=meeting, text=text)
            created["minutes"] += 1
        if minutes.status != Minutes.Status.APPROVED:
            forum_services.approve_minutes(actor=actor, minutes=minutes)
    for title, kind, day in FJORDVIK_REPORTS:
        text = f"{title}\n\nFjordvik kommune (oppdiktet demokommune) rapporterer om arbeidet med handlingsplanen."
        _upload(actor, place, title, kind, day, plan, "rapport.txt", text, created)
