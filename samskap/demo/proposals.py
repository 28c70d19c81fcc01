"""Demo proposals from seeds 002 and 003, written through the services (so each carries its history).

Seed 002 (2018): before the forum meeting of 19 June 2018 the ministries present the commitments they
want under the government's three headings, civil society comments and sends its own proposals by the
registration deadline (12 June), and the ministries comment on those. The ministries' proposals and
what they became follow the published plan 4; the civil-society proposals and the comments are
illustrative (the seed names the organisations invited, not what each proposed), and are marked so in
their text where they go beyond the seed.

Seed 003 (12 April 2021): KMD's call for proposals to plan 4B with the deadline Tuesday 18 May: KMD
proposes a youth panel and a commitment on artificial intelligence and algorithms, Nærings- og
fiskeridepartementet rewords digital procurement after input from DFØ, Kulturdepartementet updates the
status of its guidance per 1.12.2020, and the open cultural data strategy, reported finished, is
withdrawn.
"""

import datetime
import zoneinfo
from collections import Counter
from typing import Any

from samskap.accounts.models import User
from samskap.commitments.models import Commitment
from samskap.forum.models import Meeting
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan
from samskap.proposals import services
from samskap.proposals.models import Proposal, Round

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
Status = Proposal.Status


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OSLO)


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def load_proposals(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    """Load the proposals if their rounds are missing (idempotent: a round found means it is loaded)."""
    norway = jurisdictions["norge"]
    coordinator = users["koordinator@example.no"]
    plan_4 = ActionPlan.objects.get(jurisdiction=norway, label="4")
    plan_4b = ActionPlan.objects.get(jurisdiction=norway, label="4B")
    if not Round.objects.filter(plan=plan_4).exists():
        _round_2018(coordinator, plan_4, created)
    if not Round.objects.filter(plan=plan_4b).exists():
        _round_4b(coordinator, users, plan_4b, created)


def _received(actor: User, plan: ActionPlan, the_round: Round, created: Counter[str], **fields: Any) -> Proposal:
    organisation = _org(fields.pop("organisation"))
    proposal = services.record_received(
        actor=actor,
        plan=plan,
        round=the_round,
        values=fields.pop("values"),
        organisation=organisation,
        author_name=fields.pop("author_name", organisation.name),
        sent_at=fields.pop("sent_at"),
        co_authors=[_org(slug) for slug in fields.pop("co_authors", ())],
    )
    created["proposals"] += 1
    return proposal


def _accept(
    actor: User, proposal: Proposal, plan: ActionPlan, identifier: str, on: datetime.date, **extra: Any
) -> None:
    commitment = Commitment.objects.get(plan=plan, identifier=identifier)
    services.decide(actor=actor, proposal=proposal, status=Status.ACCEPTED, commitment=commitment, now=_at(on), **extra)


def _round_2018(actor: User, plan: ActionPlan, created: Counter[str]) -> None:
    meeting = Meeting.objects.filter(
        forum__jurisdiction=plan.jurisdiction, slug="interessentforum-19-juni-2018"
    ).first()
    the_round = services.save_round(
        actor=actor,
        plan=plan,
        values={
            "title": "Forslag til forpliktelser før møtet i interessentforumet 19. juni 2018",
            "description": (
                "Departementene redegjør på møtet for forpliktelsene de ønsker å fremme, og det sivile samfunn "
                "kommenterer dem. Det sivile samfunn kan også sende egne forslag til forpliktelser som er i tråd "
                "med OGPs mål, i forkant av eller under møtet. Regjeringen tar utgangspunkt i tre overskrifter: "
                "offentlige anskaffelser, reelle rettighetshavere og antikorrupsjon; åpne data og viderebruk av "
                "offentlige data; integritet og åpenhet i forvaltningen."
            ),
            "closes_at": _at(datetime.date(2018, 6, 13), 0),  # by 12 June, inclusive
            "meeting": meeting,
            "answer_days": 7,
        },
    )
    created["proposal rounds"] += 1
    sent = datetime.date(2018, 6, 5)
    journal = _received(
        actor, plan, the_round, created,
        organisation="kulturdepartementet",
        sent_at=_at(sent),
        values={
            "title": "Veiledning om plikten til journalføring og arkivering",
            "problem": "Mange er usikre på hva som skal journalføres når kommunikasjonen skjer i nye digitale kanaler.",
            "description": "Kulturdepartementet utarbeider sammen med Arkivverket en veiledning om journalføring.",
            "access_to_information": True,
            "lead_institution": _org("kulturdepartementet"),
            "milestones": "Utkast til veiledning på høring\nVeiledning publisert",
        },
    )  # fmt: skip
    register = _received(
        actor, plan, the_round, created,
        organisation="finansdepartementet",
        sent_at=_at(sent),
        values={
            "title": "Register over reelle rettighetshavere",
            "problem": "Det er vanskelig å se hvem som i realiteten eier og kontrollerer selskaper i Norge.",
            "description": "Finansdepartementet etablerer et register over reelle rettighetshavere.",
            "public_accountability": True,
            "lead_institution": _org("finansdepartementet"),
        },
    )  # fmt: skip
    corruption = _received(
        actor, plan, the_round, created,
        organisation="justis-og-beredskapsdepartementet",
        sent_at=_at(sent),
        values={
            "title": "Styrke det forebyggende arbeidet mot korrupsjon",
            "description": "Regjeringens handlingsplan mot korrupsjon følges opp med forebyggende tiltak.",
            "public_accountability": True,
            "lead_institution": _org("justis-og-beredskapsdepartementet"),
        },
    )  # fmt: skip
    einnsyn = _received(
        actor, plan, the_round, created,
        organisation="kommunal-og-moderniseringsdepartementet",
        sent_at=_at(sent),
        values={
            "title": "eInnsyn i kommuner og fylkeskommuner",
            "description": "Innsynsløsningen eInnsyn tilbys kommuner og fylkeskommuner.",
            "access_to_information": True,
            "technology_innovation": True,
            "lead_institution": _org("kommunal-og-moderniseringsdepartementet"),
        },
    )  # fmt: skip
    energy = _received(
        actor, plan, the_round, created,
        organisation="olje-og-energidepartementet",
        sent_at=_at(sent),
        values={
            "title": "Åpne energidata og bedre energistatistikk",
            "description": "Energidata gjøres tilgjengelige for viderebruk, i tråd med Digital agenda.",
            "access_to_information": True,
            "lead_institution": _org("olje-og-energidepartementet"),
        },
    )  # fmt: skip
    # Civil society's own proposals (illustrative), answered by the ministries.
    open_register = _received(
        actor, plan, the_round, created,
        organisation="transparency-international-norge",
        sent_at=_at(datetime.date(2018, 5, 3)),
        values={
            "title": "Åpent og gratis register over reelle rettighetshavere",
            "problem": "Uten åpne opplysninger om eierskap kan korrupsjon og hvitvasking skjules bak selskaper.",
            "description": "Registeret over reelle rettighetshavere skal være åpent for alle og gratis å bruke.",
            "public_accountability": True,
            "access_to_information": True,
            "lead_institution": _org("finansdepartementet"),
            "other_actors": "Publish What You Pay Norge\nTax Justice Network \u2013 Norge",
        },
        co_authors=("publish-what-you-pay-norge",),
    )  # fmt: skip
    chat = _received(
        actor, plan, the_round, created,
        organisation="norsk-arkivrad",
        sent_at=_at(datetime.date(2018, 6, 11)),
        values={
            "title": "Journalføring av meldinger i chat og sosiale medier",
            "problem": "Saksbehandling i chat og sosiale medier blir sjelden journalført.",
            "access_to_information": True,
            "lead_institution": _org("kulturdepartementet"),
        },
    )  # fmt: skip
    licences = _received(
        actor, plan, the_round, created,
        organisation="wikimedia-norge",
        sent_at=_at(datetime.date(2018, 6, 12)),
        values={
            "title": "Åpne lisenser for offentlige data og bilder",
            "description": "Offentlige data og bilder publiseres med åpne lisenser som tillater viderebruk.",
            "access_to_information": True,
            "lead_institution": _org("kommunal-og-moderniseringsdepartementet"),
        },
    )  # fmt: skip
    services.record_comment(
        actor=actor, proposal=open_register, organisation=_org("finansdepartementet"),
        text="Finansdepartementet tar sikte på at registeret skal være åpent; gebyr og tilgang utredes.",
        written_at=_at(datetime.date(2018, 6, 19), 11),
    )  # fmt: skip
    services.record_comment(
        actor=actor, proposal=register, organisation=_org("transparency-international-norge"),
        text="Vi støtter forslaget og ber om at registeret blir åpent for alle.",
        written_at=_at(datetime.date(2018, 6, 19), 10),
    )  # fmt: skip
    services.record_comment(
        actor=actor, proposal=chat, organisation=_org("kulturdepartementet"),
        text="Kulturdepartementet tar journalføring av nye kanaler inn i veiledningen.",
        written_at=_at(datetime.date(2018, 6, 19), 11),
    )  # fmt: skip
    services.record_comment(
        actor=actor, proposal=licences, organisation=_org("kommunal-og-moderniseringsdepartementet"),
        text="Norsk lisens for offentlige data (NLOD) anbefales allerede; en egen forpliktelse prioriteres ikke nå.",
        written_at=_at(datetime.date(2018, 6, 19), 11),
    )  # fmt: skip
    created["proposal comments"] += 4
    for proposal in (journal, register, corruption, einnsyn, energy, open_register, chat, licences):
        services.decide(
            actor=actor, proposal=proposal, status=Status.UNDER_DISCUSSION, meeting=meeting,
            now=_at(datetime.date(2018, 6, 19), 12),
        )  # fmt: skip
    services.decide(
        actor=actor, proposal=open_register, status=Status.NEEDS_REVISION, meeting=meeting,
        reason="Skal formuleres sammen med Finansdepartementet etter møtet.", now=_at(datetime.date(2018, 6, 20)),
    )  # fmt: skip
    services.update_proposal(
        actor=actor, proposal=open_register,
        values={"description": "Registeret over reelle rettighetshavere skal være åpent, søkbart og gratis å bruke."},
    )  # fmt: skip
    services.submit(actor=actor, proposal=open_register, now=_at(datetime.date(2018, 8, 15)))
    services.decide(
        actor=actor, proposal=open_register, status=Status.MERGED, merged_into=register,
        reason="Slått sammen med Finansdepartementets forslag; kravet om åpenhet er tatt inn i forpliktelsen.",
        now=_at(datetime.date(2018, 9, 3)),
    )  # fmt: skip
    services.decide(
        actor=actor, proposal=chat, status=Status.MERGED, merged_into=journal,
        reason="Tatt inn i veiledningen om journalføring.", now=_at(datetime.date(2018, 9, 3)),
    )  # fmt: skip
    services.decide(
        actor=actor, proposal=licences, status=Status.NOT_TAKEN_UP,
        reason="Åpne lisenser anbefales allerede for offentlige data; departementene prioriterte ikke en egen "
        "forpliktelse i denne planen. Forslaget tas med i arbeidet med neste plan.",
        now=_at(datetime.date(2018, 9, 3)),
    )  # fmt: skip
    for proposal, identifier in (
        (journal, "NO0055"), (einnsyn, "NO0056"), (energy, "NO0058"), (register, "NO0061"), (corruption, "NO0062"),
    ):  # fmt: skip
        _accept(actor, proposal, plan, identifier, datetime.date(2019, 6, 1))


def _round_4b(actor: User, users: dict[str, User], plan: ActionPlan, created: Counter[str]) -> None:
    the_round = services.save_round(
        actor=actor,
        plan=plan,
        values={
            "title": "Invitasjon til innspill til handlingsplan 4B",
            "description": (
                "KMD ønsker, i samarbeid med departementene og sivilsamfunnet, å oppgradere handlingsplan 4 til "
                "en handlingsplan 4B. Vi ber deltakerne i interessentforumet kommentere forslagene til nye og "
                "justerte forpliktelser, og gjerne foreslå flere forpliktelser."
            ),
            "closes_at": _at(datetime.date(2021, 5, 19), 0),  # by Tuesday 18 May, inclusive
            "answer_days": 14,
        },
    )
    created["proposal rounds"] += 1
    letter = datetime.date(2021, 4, 12)
    youth = _received(
        actor, plan, the_round, created,
        organisation="kommunal-og-moderniseringsdepartementet", sent_at=_at(letter),
        values={
            "title": "Ungdomspanel for åpenhet og medvirkning",
            "description": "Et ungdomspanel gir unge en fast stemme i arbeidet med åpenhet i forvaltningen.",
            "civic_participation": True,
            "lead_institution": _org("kommunal-og-moderniseringsdepartementet"),
        },
    )  # fmt: skip
    algorithms = _received(
        actor, plan, the_round, created,
        organisation="kommunal-og-moderniseringsdepartementet", sent_at=_at(letter),
        values={
            "title": "Åpenhet om kunstig intelligens og algoritmer",
            "description": "Veiledning om ansvarlig bruk av kunstig intelligens og en regulatorisk sandkasse.",
            "public_accountability": True,
            "technology_innovation": True,
            "lead_institution": _org("kommunal-og-moderniseringsdepartementet"),
        },
    )  # fmt: skip
    procurement = _received(
        actor, plan, the_round, created,
        organisation="naerings-og-fiskeridepartementet", sent_at=_at(letter), co_authors=("dfo",),
        values={
            "title": "Effektivisere og forbedre offentlige anskaffelser ved å heldigitalisere anskaffelsesprosessen",
            "description": "Omformulert forpliktelse, utarbeidet etter innspill fra Direktoratet for økonomistyring.",
            "access_to_information": True,
            "lead_institution": _org("naerings-og-fiskeridepartementet"),
        },
    )  # fmt: skip
    journal = _received(
        actor, plan, the_round, created,
        organisation="kulturdepartementet", sent_at=_at(letter),
        values={
            "title": "Veiledning om journalføring og arkivering: status per 1.12.2020",
            "description": "Kulturdepartementet har oppdatert status for arbeidet med veiledningen per 1.12.2020.",
            "access_to_information": True,
            "lead_institution": _org("kulturdepartementet"),
        },
    )  # fmt: skip
    cultural_data = _received(
        actor, plan, the_round, created,
        organisation="kulturdepartementet", sent_at=_at(letter),
        values={
            "title": "Videreføre strategien for åpne kulturdata",
            "lead_institution": _org("kulturdepartementet"),
        },
    )  # fmt: skip
    services.record_comment(
        actor=actor, proposal=algorithms, organisation=_org("transparency-international-norge"),
        text="Vi støtter forslaget og ber om at offentlige virksomheter publiserer hvilke algoritmer de bruker.",
        written_at=_at(datetime.date(2021, 5, 18), 10),
    )  # fmt: skip
    created["proposal comments"] += 1
    services.withdraw(
        actor=actor, proposal=cultural_data, reason="Arbeidet med å gjennomføre strategien er avsluttet.",
        now=_at(datetime.date(2021, 5, 20)),
    )  # fmt: skip
    decided = datetime.date(2021, 8, 20)
    for proposal, identifier in (
        (youth, "NO0064"),
        (algorithms, "NO0063"),
        (procurement, "NO0060"),
        (journal, "NO0055"),
    ):
        _accept(actor, proposal, plan, identifier, decided)
