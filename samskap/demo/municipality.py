# ruff: noqa: RUF001 - the prose uses real en dashes ("2019-2021" typeset with U+2013), as in Norwegian and Danish.
"""A Norwegian municipality with its own small OGP plan, as KS' ethics committee encourages.

Fjordvik is made up, so that no real municipality is credited with a plan it never made. The
topics are the ones KS names: openness when elected bodies meet digitally, and public data
made available to municipalities; the third is citizen participation.
"""

from datetime import date

from samskap.demo.types import CommitmentData, JurisdictionData, MilestoneData, OrganisationData, PlanData
from samskap.demo.users import MUNICIPALITY_COORDINATOR_EMAIL

MUNICIPALITY_ORGANISATION = "fjordvik-kommune"

FJORDVIK: JurisdictionData = {
    "slug": "fjordvik",
    "name": "Fjordvik kommune",
    "kind": "municipality",
    "parent": "norge",
    "country_code": "NOR",
    "time_zone": "Europe/Oslo",
    "default_language": "nb",
    "coordinating_organisation": MUNICIPALITY_ORGANISATION,
    "contact_name": "Siri Demo",
    "contact_email": "kommune@example.no",
    "description": (
        "Fjordvik er en oppdiktet kommune som viser hvordan en kommune kan lage sin egen OGP-handlingsplan, "
        "en tilpasset variant av Norges handlingsplan."
    ),
}

MUNICIPAL_ORGANISATIONS: tuple[OrganisationData, ...] = (
    {
        "slug": MUNICIPALITY_ORGANISATION,
        "name": "Fjordvik kommune",
        "type": "municipality",
        "jurisdiction": FJORDVIK["slug"],
        "description": "Kommuneadministrasjonen i Fjordvik (oppdiktet demokommune).",
    },
)


def _m(activity: str, start: date, end: date, status: str) -> MilestoneData:
    return {"activity": activity, "start_date": start, "end_date": end, "status": status}


PLAN_START = date(2024, 1, 1)
PLAN_END = date(2026, 12, 31)
# "Status per 1.12.2024", the first yearly report to the municipal council.
FIRST_REPORT = date(2024, 12, 1)

COMMITMENTS: tuple[CommitmentData, ...] = (
    {
        "identifier": "FV-1",
        "title": "Åpenhet i digitale møter i folkevalgte organer",
        "short_title": "Åpne digitale møter",
        "theme": 1,
        "lead": MUNICIPALITY_ORGANISATION,
        "problem": (
            "Kommunestyret og utvalgene holder oftere møter helt eller delvis digitalt. Da kan møteoffentligheten "
            "bli svekket: innbyggere og presse kan ikke alltid følge møtene, og det er uklart hvordan lukkede "
            "deler av møtene skal håndteres."
        ),
        "description": (
            "Kommunen vedtar retningslinjer for digitale og hybride møter som sikrer møteoffentlighet etter "
            "kommuneloven, strømmer alle åpne møter i folkevalgte organer og publiserer opptakene sammen med "
            "saksdokumentene."
        ),
        "contribution": (
            "Innbyggerne kan følge debattene hjemmefra og finne igjen hva som ble sagt i en sak. Klare regler for "
            "digitale møter gjør at møtene er like åpne som før, uansett møteform."
        ),
        "relevance": (
            "Forpliktelsen gir tilgang til informasjon om lokale beslutninger og gjør de folkevalgte ansvarlige "
            "overfor innbyggerne. Teknologi brukes til å holde møtene åpne."
        ),
        "values": ("access_to_information", "public_accountability", "technology_innovation"),
        "policy_areas": ("Open Parliaments", "Subnational", "Right To Information"),
        "start_date": PLAN_START,
        "end_date": date(2025, 6, 30),
        "contact_name": "Siri Demo",
        "contact_title": "Rådgiver, rådmannens stab",
        "contact_email": "kommune@example.no",
        "milestones": (
            _m(
                "Retningslinjer for digitale og hybride møter i folkevalgte organer vedtatt av kommunestyret",
                date(2024, 1, 1),
                date(2024, 6, 30),
                "completed",
            ),
            _m(
                "Alle åpne møter i kommunestyret og hovedutvalgene strømmes, og opptakene publiseres sammen med "
                "saksdokumentene",
                date(2024, 3, 1),
                date(2025, 6, 30),
                "on_track",
            ),
        ),
        "progress": (
            {
                "as_of": FIRST_REPORT,
                "completion": "substantial",
                "narrative": (
                    "Retningslinjene ble vedtatt i juni 2024. Kommunestyret og to av tre hovedutvalg strømmer nå "
                    "alle åpne møter, og opptakene ligger ved saksdokumentene."
                ),
            },
        ),
    },
    {
        "identifier": "FV-2",
        "title": "Bedre tilgang til offentlige data for kommunen og innbyggerne",
        "short_title": "Datadeling med kommunen",
        "theme": 2,
        "lead": MUNICIPALITY_ORGANISATION,
        "supporting": ("ks",),
        "problem": (
            "Staten innhenter mange data som kommunen trenger i planlegging og tjenesteutvikling, men de er ofte "
            "ikke tilgjengelige for kommunen. Samtidig deler kommunen få av sine egne data med innbyggerne."
        ),
        "description": (
            "Kommunen kartlegger hvilke statlige data den trenger, melder behovene til ansvarlige etater gjennom "
            "KS, og publiserer egne datasett – blant annet om barnehager, vann og avløp og byggesaker – som åpne "
            "data på data.norge.no."
        ),
        "contribution": (
            "Kommunen får et bedre kunnskapsgrunnlag for sine beslutninger, og innbyggere og næringsliv kan bruke "
            "kommunens data i egne analyser og tjenester."
        ),
        "relevance": (
            "Forpliktelsen gir bedre tilgang til offentlig informasjon og bruker teknologi til å dele data mellom "
            "forvaltningsnivåene og med innbyggerne."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Open Data", "Subnational"),
        "start_date": PLAN_START,
        "end_date": date(2025, 12, 31),
        "milestones": (
            _m(
                "Kartlegging av kommunens databehov sendt til KS og berørte statlige etater",
                date(2024, 1, 1),
                date(2024, 9, 30),
                "completed",
            ),
            _m(
                "Minst ti kommunale datasett publisert på data.norge.no",
                date(2024, 6, 1),
                date(2025, 12, 31),
                "on_track",
            ),
        ),
        "progress": (
            {
                "as_of": FIRST_REPORT,
                "completion": "limited",
                "narrative": (
                    "Kartleggingen er sendt til KS og tre statlige etater. Tre datasett (barnehager, "
                    "vannkvalitet og byggesaker) er publisert på data.norge.no."
                ),
            },
        ),
    },
    {
        "identifier": "FV-3",
        "title": "Innbyggerpanel og digital medvirkning",
        "short_title": "Innbyggermedvirkning",
        "theme": 2,
        "lead": MUNICIPALITY_ORGANISATION,
        "origin": "civil_society",
        "other_actors": "Fjordvik frivilligsentral\nUngdomsrådet i Fjordvik",
        "problem": (
            "Det er stort sett de samme innbyggerne som deltar i høringer og folkemøter, og mange opplever at "
            "innspillene deres forsvinner uten svar."
        ),
        "description": (
            "Etter forslag fra Fjordvik frivilligsentral oppretter kommunen et innbyggerpanel og en digital "
            "medvirkningsløsning for innspill til planer og budsjett. Kommunen publiserer årlig hvordan "
            "innspillene er fulgt opp."
        ),
        "contribution": (
            "Et panel med bred sammensetning gir kommunen innspill fra flere enn de som vanligvis deltar, og "
            "åpen oppfølging viser innbyggerne at innspillene teller."
        ),
        "relevance": (
            "Forpliktelsen styrker innbyggernes medvirkning i lokale beslutninger, og den årlige rapporten gir "
            "informasjon om hvordan innspillene er brukt."
        ),
        "values": ("access_to_information", "civic_participation"),
        "policy_areas": ("Public Participation", "Subnational"),
        "start_date": date(2024, 3, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m("Innbyggerpanel med minst 300 deltakere rekruttert", date(2024, 3, 1), date(2024, 12, 31), "on_track"),
            _m(
                "Digital medvirkningsløsning tatt i bruk i arbeidet med kommuneplanens samfunnsdel",
                date(2025, 1, 1),
                date(2026, 6, 30),
                "not_started",
            ),
            _m(
                "Første årlige rapport om hvordan innspill fra innbyggerne er fulgt opp publisert",
                date(2025, 1, 1),
                date(2026, 12, 31),
                "not_started",
            ),
        ),
        "progress": (
            {
                "as_of": FIRST_REPORT,
                "completion": "limited",
                "narrative": "Rekrutteringen til innbyggerpanelet pågår; 210 innbyggere har meldt seg så langt.",
            },
        ),
    },
)

LOCAL_PLAN: PlanData = {
    "jurisdiction": FJORDVIK["slug"],
    "label": "2024-2026",
    "title": "Fjordvik kommunes handlingsplan for åpenhet og medvirkning 2024–2026",
    "summary": (
        "Kommunens første OGP-handlingsplan, laget etter oppfordring fra KS' etikkutvalg. Planen har tre "
        "forpliktelser om åpne digitale møter, datadeling og innbyggermedvirkning, og rapporteres årlig til "
        "kommunestyret."
    ),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "status": "implementation",
    "final_status": "implementation",
    "actor": MUNICIPALITY_COORDINATOR_EMAIL,
    "themes": (
        {
            "title": "Åpenhet i lokaldemokratiet",
            "description": "Møteoffentlighet og innsyn i de folkevalgte organenes arbeid.",
        },
        {
            "title": "Data og medvirkning",
            "description": "Deling av data og nye måter for innbyggerne å delta i kommunens beslutninger.",
        },
    ),
    "commitments": COMMITMENTS,
}
