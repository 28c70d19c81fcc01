"""Demo co-creation calendar: KMD's stakeholder forum (Interessentforumet) for Norway, its meeting of
19 June 2018 and the written round for plan 4B in 2021; Denmark's open OGP network meeting of
22 August 2018; and an upcoming forum meeting shortly after the day the demo is loaded, full, with a
waiting list, so every state of a meeting can be seen.

Facts from the seeds: KMD's invitation to the meeting of 19 June 2018 (seed 002: 09.00-12.30 in
Akersgata 59, room 2511, registration by 12 June, the invited bodies and the agenda's points); KMD's
letter of 12 April 2021 (seed 003: the forum's mandate, the OGP council and the IRM researcher taking part,
the written round with its deadline Tuesday 18 May, plan 4B from 1 September 2021 to 31 August 2022);
Digitaliseringsstyrelsen's "Nyt om OGP" (seed 000: the open network meeting of 22 August 2018 at 10).
Written for the demo: the agenda's durations, the people registered (placeholder names, addresses at the
reserved example.org domain), the attendance, the minutes, the day plan 4's timeline was published.

Everything is written through the forum's services. Idempotent: the forum is found by its jurisdiction,
a member by its organisation, a meeting by its slug, a phase by its plan and title, a registration by
its form token (a UUID derived from the meeting and the person), so a second load creates nothing.
"""

import datetime
import uuid
import zoneinfo
from collections import Counter
from typing import Any

from django.utils import timezone

from samskap.accounts.models import User
from samskap.forum import services
from samskap.forum.models import Forum, Meeting, Minutes, Phase, TimelinePublication
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
NAMESPACE = uuid.UUID("5b1c7a5e-2f0e-4a59-9a53-0f6f0a1d2c3b")  # form tokens of the demo's registrations

NORWAY_FORUM = {
    "name": "Interessentforumet for OGP",
    "contact_email": "postmottak@kmd.dep.no",
    "mandate": (
        "Interessentforumet behandler Norges handlingsplaner i Open Government Partnership. Forumet er en "
        "møteplass for myndigheter og sivilsamfunnsorganisasjoner som har eller ønsker å få inn forpliktelser "
        "i Norges OGP-handlingsplaner, og som er interessert i å arbeide for åpenhet i Norge.\n\n"
        "Alle departementene deltar, også de som ikke har forpliktelser i handlingsplanen. I tillegg deltar "
        "OGP-rådet, som er oppnevnt av Kommunal- og moderniseringsdepartementet (KMD), sammen med den "
        "nasjonale IRM-koordinatoren. Arbeidet i forumet er en viktig del av samskapingen, som er et "
        "grunnelement i hele OGPs arbeid."
    ),
    "rules": (
        "KMD kaller inn til møtene og sender invitasjonene. Organisasjonene som er invitert, oppfordres til å "
        "videresende invitasjonen til andre organisasjoner som kan ha interesse av åpenhetsarbeidet; også "
        "departementene oppfordres til å ta med organisasjonene de samarbeider med.\n\n"
        "Forslag til forpliktelser kan sendes inn før møtet, innen fristen for påmelding, eller legges fram på "
        "møtet. Departementene og sivilsamfunnet arbeider videre med forslagene etter møtet. Den endelige "
        "planen godkjennes av regjeringen."
    ),
}

# The bodies invited by KMD's letters of 2018 and 2021 (seeds 002 and 003), by slug in the directory.
INVITED = (
    "arbeids-og-sosialdepartementet",
    "barne-og-likestillingsdepartementet",
    "finansdepartementet",
    "forsvarsdepartementet",
    "helse-og-omsorgsdepartementet",
    "justis-og-beredskapsdepartementet",
    "klima-og-miljodepartementet",
    "kulturdepartementet",
    "kunnskapsdepartementet",
    "landbruks-og-matdepartementet",
    "naerings-og-fiskeridepartementet",
    "olje-og-energidepartementet",
    "samferdselsdepartementet",
    "statsministerens-kontor",
    "utenriksdepartementet",
    "abelia",
    "arbeidsgiverforeningen-spekter",
    "finans-norge",
    "ikt-norge",
    "mediebedriftenes-landsforening",
    "nho",
    "lo",
    "unio",
    "ys",
    "amnesty-international-norge",
    "frivillighet-norge",
    "funksjonshemmedes-fellesforbund",
    "kun-senter-for-kunnskap-og-likestilling",
    "norsk-arkivrad",
    "publish-what-you-pay-norge",
    "regnskogfondet",
    "rode-kors-norge",
    "stiftelsen-fritt-ord",
    "tax-justice-network-norge",
    "transparency-international-norge",
    "wikimedia-norge",
    "wwf-norge",
    "fagpressen",
    "landslaget-for-lokalaviser",
    "norsk-journalistlag",
    "norsk-redaktorforening",
    "eiti-international-secretariat",
    "advokatforeningen",
    "kommunikasjonsforeningen",
    "scanteam",
    "ks",
)
CONVENER = "kommunal-og-moderniseringsdepartementet"
OBSERVERS = (("ogp-radet", ""), ("irm", "Pål W. Skedsmo"))

# Seed 002's points, in its order; the minutes of each are written for the demo (09.00-12.30 is 210).
AGENDA_2018 = (
    ("Velkommen og innledning ved KMD", 15),
    ("Departementene redegjør for forpliktelsene de ønsker å fremme", 60),
    ("Sivilsamfunnet kommenterer departementenes forslag", 30),
    ("Pause", 15),
    ("Sivilsamfunnets egne forslag til forpliktelser", 45),
    ("Departementene kommenterer forslagene fra sivilsamfunnet", 25),
    ("Hvordan dialogen fram mot konkrete forpliktelser skal være", 20),
)

# (name, organisation, attendance) at the meeting of 19 June 2018; placeholder names.
PEOPLE_2018 = (
    ("Kari Nordmann", "Transparency International Norge", "present"),
    ("Ola Nordmann", "Finansdepartementet", "present"),
    ("Per Hansen", "Wikimedia Norge", "present"),
    ("Liv Berg", "Frivillighet Norge", "present"),
    ("Nils Dahl", "Justis- og beredskapsdepartementet", "present"),
    ("Ingrid Lie", "Norsk Journalistlag", "excused"),
    ("Jonas Bakke", "Publish What You Pay Norge", "absent"),
)

MINUTES_2018 = (
    "KMD ønsket velkommen og gikk gjennom rammene for den nye handlingsplanen og de tre overskriftene: "
    "offentlige anskaffelser, reelle rettighetshavere og antikorrupsjon; åpne data og viderebruk av offentlige "
    "data; integritet og åpenhet i forvaltningen.\n\n"
    "Departementene la fram forpliktelsene de ønsker å fremme, og sivilsamfunnet kommenterte dem. "
    "Sivilsamfunnet la også fram egne forslag, som departementene kommenterte.\n\n"
    "Møtet ble enige om at departementene og organisasjonene arbeider videre sammen med forslagene, og at KMD "
    "samler utkastene til forpliktelser."
)
DECISIONS_2018 = ("Forslagene fra sivilsamfunnet tas med i det videre arbeidet med handlingsplanen.",)
ACTIONS_2018 = (("Sende ut oppsummering av forslagene til forumet", "KMD", datetime.date(2018, 8, 31)),)

# (name, organisation, confirmed, shown) for the upcoming meeting: 6 general seats, 2 for the ministries.
PEOPLE_UPCOMING = (
    ("Kari Nordmann", "Transparency International Norge", True, True),
    ("Per Hansen", "Wikimedia Norge", True, True),
    ("Liv Berg", "Frivillighet Norge", True, False),
    ("Ola Nordmann", "Finansdepartementet", True, True),
    ("Ingrid Lie", "Norsk Journalistlag", True, True),
    ("Marte Solberg", "Amnesty International Norge", False, False),
    ("Nils Dahl", "Justis- og beredskapsdepartementet", True, False),
    ("Eva Strand", "Norsk arkivråd", True, True),
    ("Jonas Bakke", "Publish What You Pay Norge", False, False),  # waiting list from here on
    ("Sara Holm", "Regnskogfondet", True, False),
)
UPCOMING_SLUG = "innspill-til-handlingsplan-5"
UPCOMING_DAYS_AHEAD = 11  # loaded on 29 November 2026: Thursday 10 December 2026


def _at(day: datetime.date, hour: int, minute: int, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@example.org"


def load_forum(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    """Load the part of the co-creation calendar that is missing (see the module's docstring)."""
    no_coordinator = users["koordinator@example.no"]
    dk_coordinator = users["koordinator@example.dk"]
    norway, denmark = jurisdictions["norge"], jurisdictions["danmark"]
    plan_4 = ActionPlan.objects.get(jurisdiction=norway, label="4")
    plan_4b = ActionPlan.objects.get(jurisdiction=norway, label="4B")

    forum = _forum(no_coordinator, norway, NORWAY_FORUM, created)
    _members(no_coordinator, forum, created)
    june_2018 = _meeting_2018(no_coordinator, forum, plan_4, created)
    _upcoming(no_coordinator, forum, created)
    _timelines(no_coordinator, plan_4, plan_4b, june_2018, created)

    network = _forum(
        dk_coordinator,
        denmark,
        {
            "name": "Det åbne OGP-netværk",
            "contact_email": "",
            "mandate": (
                "Et frivilligt og åbent netværk, hvor interesserede kan mødes og drøfte den danske indsats i regi "
                "af Open Government Partnership: initiativejerne fra den nationale handlingsplan og alle "
                "interesserede borgere og organisationer."
            ),
            "rules": "Møderne er åbne for alle; de, der har lyst til og mulighed for at deltage, kan lære af hinanden.",
        },
        created,
    )
    _network_meeting(dk_coordinator, network, created)


def _forum(actor: User, jurisdiction: Jurisdiction, values: dict[str, Any], created: Counter[str]) -> Forum:
    existing = Forum.objects.filter(jurisdiction=jurisdiction).first()
    if existing is not None:
        return existing
    created["forums"] += 1
    return services.save_forum(actor=actor, jurisdiction=jurisdiction, values=values)


def _members(actor: User, forum: Forum, created: Counter[str]) -> None:
    have = set(forum.members.values_list("organisation__slug", flat=True))
    organisations = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=(CONVENER, *INVITED, *(slug for slug, _name in OBSERVERS)))
    }
    rows: list[dict[str, Any]] = [
        {"slug": CONVENER, "role": "member", "selection": "Koordinerer Norges OGP-arbeid og leder forumet"}
    ]
    rows += [{"slug": slug, "role": "member", "selection": "Invitert av KMD"} for slug in INVITED]
    rows += [
        {"slug": slug, "role": "observer", "representative": person, "selection": "Deltar etter OGPs ordning"}
        for slug, person in OBSERVERS
    ]
    for row in rows:
        if row["slug"] in have:
            continue
        services.save_member(
            actor=actor,
            forum=forum,
            values={
                "organisation": organisations[row["slug"]],
                "role": row["role"],
                "representative": row.get("representative", ""),
                "selection": row["selection"],
                "term_starts": datetime.date(2018, 6, 19),
            },
        )
        created["forum members"] += 1


def _meeting(
    actor: User, forum: Forum, slug: str, values: dict[str, Any], agenda: list[dict[str, Any]], created: Counter[str]
) -> tuple[Meeting, bool]:
    existing = forum.meetings.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    created["meetings"] += 1
    created["agenda items"] += len(agenda)
    meeting = services.save_meeting(actor=actor, forum=forum, values={"slug": slug, **values}, agenda=agenda)
    return meeting, True


def _register(meeting: Meeting, person: tuple[str, str], created: Counter[str], **extra: Any) -> services.Registered:
    name, organisation = person
    done = services.register(
        meeting=meeting,
        form_token=uuid.uuid5(NAMESPACE, f"{meeting.forum.jurisdiction.slug}/{meeting.slug}/{name}"),
        values={
            "name": name,
            "email": _email(name),
            "organisation": organisation,
            "show_publicly": extra.pop("show_publicly", False),
        },
        **extra,
    )
    if done.created:
        created["registrations"] += 1
    return done


def _meeting_2018(actor: User, forum: Forum, plan: ActionPlan, created: Counter[str]) -> Meeting:
    day = datetime.date(2018, 6, 19)
    meeting, _new = _meeting(
        actor,
        forum,
        "interessentforum-19-juni-2018",
        {
            "title": "Møte i interessentforumet om ny handlingsplan",
            "plan": plan,
            "description": (
                "Departementene redegjør for forpliktelsene de ønsker å fremme, og det sivile samfunn kommenterer "
                "dem og legger fram egne forslag. Forslag kan sendes inn på forhånd innen fristen for påmelding."
            ),
            "starts_at": _at(day, 9, 0, OSLO),
            "ends_at": _at(day, 12, 30, OSLO),
            "address": "Akersgata 59, Oslo",
            "room": "Møterom 2511",
            "access": Meeting.Access.INVITATION,
            "registration_closes_at": _at(datetime.date(2018, 6, 13), 0, 0, OSLO),  # by 12 June, inclusive
            "reminder_hours": 0,
        },
        [{"title": title, "minutes": minutes} for title, minutes in AGENDA_2018],
        created,
    )
    registered = _at(datetime.date(2018, 6, 11), 12, 0, OSLO)
    for name, organisation, attendance in PEOPLE_2018:
        done = _register(meeting, (name, organisation), created, now=registered, by_coordinator=True)
        if done.registration.attendance != attendance:
            services.set_attendance(actor=actor, registration=done.registration, attendance=attendance)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        outcomes: list[dict[str, Any]] = [{"kind": "decision", "text": text} for text in DECISIONS_2018]
        outcomes += [{"kind": "action", "text": text, "who": who, "due_on": due} for text, who, due in ACTIONS_2018]
        minutes = services.save_minutes(actor=actor, meeting=meeting, text=MINUTES_2018, outcomes=outcomes)
        created["minutes"] += 1
    if minutes.status != Minutes.Status.APPROVED:
        services.approve_minutes(actor=actor, minutes=minutes)
    return meeting


def _upcoming(actor: User, forum: Forum, created: Counter[str]) -> Meeting:
    day = timezone.localdate(timezone=OSLO) + datetime.timedelta(days=UPCOMING_DAYS_AHEAD)
    meeting, new = _meeting(
        actor,
        forum,
        UPCOMING_SLUG,
        {
            "title": "Interessentforumet: innspill til handlingsplan 5",
            "description": (
                "Forumet drøfter innspillene til Norges femte handlingsplan. Departementene legger fram forslag "
                "til forpliktelser, og sivilsamfunnet kommenterer dem og kommer med egne forslag."
            ),
            "starts_at": _at(day, 10, 0, OSLO),
            "ends_at": _at(day, 12, 0, OSLO),
            "address": "Akersgata 59, Oslo",
            "room": "Møterom 2511",
            "access": Meeting.Access.OPEN,
            "registration_closes_at": _at(day - datetime.timedelta(days=3), 12, 0, OSLO),
            "capacity": 8,
            "reserved_seats": 2,
            "per_organisation": 2,
        },
        [
            {"title": "Velkommen ved KMD", "minutes": 10},
            {"title": "Innspillene fra den offentlige høringen", "minutes": 30},
            {"title": "Departementenes forslag til forpliktelser", "minutes": 40},
            {"title": "Sivilsamfunnets forslag og veien videre", "minutes": 40},
        ],
        created,
    )
    if not new and not meeting.takes_registrations:
        return meeting  # loaded earlier and the deadline has passed: the registrations are what they were
    for name, organisation, confirmed, shown in PEOPLE_UPCOMING:
        done = _register(meeting, (name, organisation), created, show_publicly=shown)
        if confirmed and done.registration.confirmed_at is None:
            services.confirm_registration(registration=done.registration)
    return meeting


def _network_meeting(actor: User, forum: Forum, created: Counter[str]) -> Meeting:
    day = datetime.date(2018, 8, 22)
    meeting, _new = _meeting(
        actor,
        forum,
        "ogp-netvaerksmode-22-august-2018",
        {
            "title": "Første møde i det åbne OGP-netværk",
            "plan": ActionPlan.objects.get(jurisdiction=forum.jurisdiction, label="2017-2019"),
            "description": (
                "Et åbent netværksmøde, hvor interesserede kan mødes og drøfte den danske indsats i Open "
                "Government Partnership: midtvejsevalueringen af handlingsplanen 2017-2019, og hvordan netværket "
                "fremover inddrages i OGP-processen. Initiativejerne fra handlingsplanen og alle interesserede "
                "borgere og organisationer er velkomne."
            ),
            "starts_at": _at(day, 10, 0, COPENHAGEN),
            "ends_at": _at(day, 12, 0, COPENHAGEN),
            "address": "Digitaliseringsstyrelsen, København",
            "access": Meeting.Access.OPEN,
            "registration_closes_at": _at(day, 10, 0, COPENHAGEN),
            "reminder_hours": 0,
        },
        [
            {"title": "Midtvejsevalueringen af handlingsplanen 2017-2019", "minutes": None},
            {"title": "Hvordan netværket inddrages i OGP-processen fremover", "minutes": None},
        ],
        created,
    )
    return meeting


def _phase(actor: User, plan: ActionPlan, values: dict[str, Any], created: Counter[str]) -> None:
    if Phase.objects.filter(plan=plan, title=values["title"]).exists():
        return
    services.save_phase(actor=actor, plan=plan, values=values)
    created["phases"] += 1


def _publish(actor: User, plan: ActionPlan, on: datetime.datetime, created: Counter[str]) -> None:
    if TimelinePublication.objects.filter(plan=plan).exists():
        return
    services.publish_timeline(actor=actor, plan=plan, now=on)
    created["timeline publications"] += 1


def _timelines(actor: User, plan_4: ActionPlan, plan_4b: ActionPlan, june_2018: Meeting, created: Counter[str]) -> None:
    _phase(
        actor,
        plan_4,
        {
            "kind": Phase.Kind.THEMES,
            "title": "Forslag til forpliktelser fra sivilsamfunnet",
            "description": "Forslag kan sendes KMD på forhånd, innen fristen for påmelding til møtet.",
            "starts_on": datetime.date(2018, 6, 5),
            "ends_on": datetime.date(2018, 6, 12),
        },
        created,
    )
    _phase(
        actor,
        plan_4,
        {
            "kind": Phase.Kind.FORUM,
            "title": "Møte i interessentforumet",
            "starts_on": datetime.date(2018, 6, 19),
            "ends_on": datetime.date(2018, 6, 19),
            "meeting": june_2018,
        },
        created,
    )
    _phase(
        actor,
        plan_4,
        {
            "kind": Phase.Kind.IMPLEMENTATION,
            "title": "Gjennomføring av handlingsplan 4",
            "starts_on": plan_4.start_date,
            "ends_on": plan_4.end_date,
        },
        created,
    )
    _publish(actor, plan_4, _at(datetime.date(2018, 6, 4), 12, 0, OSLO), created)
    _phase(
        actor,
        plan_4b,
        {
            "kind": Phase.Kind.CONSULTATION,
            "title": "Skriftlig innspillsrunde i interessentforumet",
            "description": (
                "Covid-19 gjorde et fysisk møte umulig. Forumet ble bedt om å kommentere de foreslåtte endringene "
                "og foreslå nye forpliktelser skriftlig, til postmottak@kmd.dep.no innen tirsdag 18. mai 2021."
            ),
            "starts_on": datetime.date(2021, 4, 12),
            "ends_on": datetime.date(2021, 5, 18),
        },
        created,
    )
    _phase(
        actor,
        plan_4b,
        {
            "kind": Phase.Kind.IMPLEMENTATION,
            "title": "Gjennomføring av handlingsplan 4B",
            "starts_on": datetime.date(2021, 9, 1),
            "ends_on": datetime.date(2022, 8, 31),
        },
        created,
    )
    # KMD's letter of 12 April 2021 opened the round the same day: less than OGP's two weeks, as recorded.
    _publish(actor, plan_4b, _at(datetime.date(2021, 4, 12), 12, 0, OSLO), created)
