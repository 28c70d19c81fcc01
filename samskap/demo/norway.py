# ruff: noqa: RUF001 - the prose uses real en dashes ("2019-2021" typeset with U+2013), as in Norwegian and Danish.
"""Norway: plan 4 (2019-2021) and its revision 4B (2021-2022), coordinated by KMD.

Facts from KMD's letters to the stakeholder forum (Interessentforumet) of 2018 and 12 April 2021
and KS' note on OGP; texts of the commitments are written for the demo in the template's words.
Identifiers follow OGP's numbering: NO0063 is the AI commitment in OGP's own data.
"""

from datetime import date

from samskap.demo.organisations import NORWAY_COORDINATOR
from samskap.demo.types import (
    CommitmentChange,
    CommitmentData,
    JurisdictionData,
    MilestoneData,
    PlanData,
    ProgressData,
    RevisionData,
)
from samskap.demo.users import KMD_EDITOR_EMAIL, KUD_EDITOR_EMAIL, NORWAY_COORDINATOR_EMAIL

NORWAY: JurisdictionData = {
    "slug": "norge",
    "name": "Norge",
    "kind": "national",
    "parent": None,
    "country_code": "NOR",
    "time_zone": "Europe/Oslo",
    "default_language": "nb",
    "coordinating_organisation": NORWAY_COORDINATOR,
    "contact_name": "Tom Arne Nygaard",
    "contact_email": "tom-arne.nygaard@example.no",
    "description": (
        "Norge har vært med i Open Government Partnership siden partnerskapet ble lansert i 2011. "
        "Kommunal- og moderniseringsdepartementet koordinerer arbeidet med handlingsplanene, i samarbeid "
        "med departementene og sivilsamfunnet i Interessentforumet."
    ),
}

# The contact person of KMD's commitments: the ministry's demo editor.
KMD_CONTACT_NAME = "Ingrid Demo"
KMD_CONTACT_TITLE = "Rådgiver, Avdeling for IT- og forvaltningspolitikk"


def _m(activity: str, start: date, end: date, status: str) -> MilestoneData:
    return {"activity": activity, "start_date": start, "end_date": end, "status": status}


def _p(as_of: date, completion: str, narrative: str) -> ProgressData:
    return {"as_of": as_of, "completion": completion, "narrative": narrative}


PLAN_START = date(2019, 9, 1)
PLAN_END = date(2021, 8, 31)
REVISION_START = date(2021, 9, 1)
REVISION_END = date(2022, 8, 31)

THEME_INTEGRITY = 1
THEME_OPEN_DATA = 2
THEME_PROCUREMENT = 3

JOURNAL_ARCHIVE: CommitmentData = {
    "identifier": "NO0055",
    "title": "Veiledning for å oppfylle plikten til journalføring og arkivering av dokumenter",
    "short_title": "Veiledning om journalføring og arkivering",
    "theme": THEME_INTEGRITY,
    "lead": "kulturdepartementet",
    "supporting": ("arkivverket",),
    "other_actors": "Norsk arkivråd\nNorsk Journalistlag\nNorsk Redaktørforening",
    "problem": (
        "Offentlige organer skal journalføre og arkivere dokumenter som blir saksbehandlet og har verdi "
        "som dokumentasjon. Stadig mer av kommunikasjonen skjer i e-post, chat, sosiale medier og digitale "
        "samhandlingsverktøy, og mange er usikre på hva som skal journalføres. Mangelfull journalføring "
        "svekker innsynsretten og muligheten til å etterprøve forvaltningen."
    ),
    "description": (
        "Kulturdepartementet skal sammen med Arkivverket utarbeide en veiledning som gjør det tydelig hvilke "
        "dokumenter som skal journalføres og arkiveres, også når de oppstår i nye digitale kanaler. "
        "Veiledningen skal rette seg mot ledere og saksbehandlere i stat og kommune."
    ),
    "contribution": (
        "En klar og praktisk veiledning gjør det lettere å gjøre riktig og gir likere praksis i forvaltningen. "
        "Når flere dokumenter journalføres, blir de synlige i offentlige journaler, og presse og allmennhet "
        "kan be om innsyn i dem."
    ),
    "relevance": (
        "Innsyn forutsetter at dokumentene er journalført og kan finnes; forpliktelsen styrker derfor tilgangen "
        "til informasjon. Arkivene dokumenterer grunnlaget for offentlige beslutninger og gjør forvaltningen "
        "ansvarlig for dem."
    ),
    "values": ("access_to_information", "public_accountability"),
    "policy_areas": ("Right To Information", "Digital Governance"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "contact_name": "Ola Nordmann",
    "contact_title": "Rådgiver, Kulturdepartementet",
    "contact_email": KUD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Kartlegge praksis og behov for veiledning i statlige og kommunale organer; kartleggingsrapport publisert",
            date(2019, 9, 1),
            date(2020, 3, 31),
            "completed",
        ),
        _m(
            "Utkast til veiledning sendt på høring til arkivmiljøet, pressen og sivilsamfunnet",
            date(2020, 4, 1),
            date(2020, 12, 31),
            "on_track",
        ),
        _m(
            "Endelig veiledning publisert av Arkivverket og presentert på et åpent fagseminar",
            date(2021, 1, 1),
            date(2021, 8, 31),
            "not_started",
        ),
    ),
    "progress": (
        _p(
            date(2020, 3, 1),
            "limited",
            "Kartleggingen er gjennomført i samarbeid med Arkivverket, med svar fra 120 statlige og kommunale "
            "virksomheter. Den viser stor usikkerhet om journalføring av e-post og meldinger i "
            "samhandlingsverktøy. Arbeidet med utkast til veiledning er startet.",
        ),
    ),
}

EINNSYN: CommitmentData = {
    "identifier": "NO0056",
    "title": "Innføre eInnsyn i kommuner og fylkeskommuner",
    "short_title": "eInnsyn for kommuner og fylkeskommuner",
    "theme": THEME_INTEGRITY,
    "lead": NORWAY_COORDINATOR,
    "supporting": ("digitaliseringsdirektoratet", "ks"),
    "problem": (
        "I eInnsyn kan man søke i offentlige journaler og be om innsyn i dokumenter fra statlige virksomheter "
        "på ett sted. De fleste kommuner og fylkeskommuner publiserer postlistene sine på egne nettsider, i "
        "ulike formater og med ulik søkbarhet. Det gjør det vanskelig for innbyggere og presse å finne fram."
    ),
    "description": (
        "KMD vil sammen med Digitaliseringsdirektoratet legge til rette for at kommuner og fylkeskommuner kan "
        "ta i bruk eInnsyn. Arbeidet omfatter integrasjoner mot sak- og arkivsystemene, avtaler og veiledning, "
        "og en pilot med et utvalg kommuner."
    ),
    "contribution": (
        "Når kommunale journaler blir tilgjengelige i samme løsning som de statlige, blir det enklere å finne "
        "dokumenter og be om innsyn uansett forvaltningsnivå. En felles løsning gir også lavere kostnader for "
        "den enkelte kommune."
    ),
    "relevance": (
        "Forpliktelsen gir bedre tilgang til informasjon og bruker teknologi til å gjøre innsynsretten enklere "
        "å bruke. Presse og innbyggere får et bedre grunnlag for å holde lokale myndigheter ansvarlige."
    ),
    "values": ("access_to_information", "public_accountability", "technology_innovation"),
    "policy_areas": ("Right To Information", "Subnational", "Digital Governance"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "contact_name": KMD_CONTACT_NAME,
    "contact_title": KMD_CONTACT_TITLE,
    "contact_email": KMD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Pilot med eInnsyn i fem kommuner og én fylkeskommune gjennomført; evalueringsrapport publisert",
            date(2019, 9, 1),
            date(2020, 6, 30),
            "completed",
        ),
        _m(
            "Integrasjon mellom eInnsyn og de mest brukte sak- og arkivsystemene i kommunesektoren satt i drift",
            date(2020, 1, 1),
            date(2021, 6, 30),
            "delayed",
        ),
        _m(
            "Avtaleverk og veiledning for tilslutning publisert for alle kommuner og fylkeskommuner",
            date(2020, 9, 1),
            date(2021, 8, 31),
            "on_track",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "limited",
            "Piloten er gjennomført, og evalueringen viser at kommunene sparer tid på innsynsbehandling. "
            "Arbeidet med integrasjoner mot sak- og arkivsystemene er i gang med to leverandører.",
        ),
        _p(
            date(2021, 3, 1),
            "limited",
            "Integrasjonene er forsinket fordi leverandørene har prioritert løsninger for digitale møter under "
            "covid-19. Utkast til avtaleverk er drøftet med KS.",
        ),
    ),
}

OPEN_CULTURAL_DATA: CommitmentData = {
    "identifier": "NO0057",
    "title": "Gjennomføre strategi for åpne kulturdata",
    "short_title": "Strategi for åpne kulturdata",
    "theme": THEME_OPEN_DATA,
    "lead": "kulturdepartementet",
    "supporting": ("arkivverket",),
    "other_actors": "Wikimedia Norge\nNasjonalbiblioteket\nKulturrådet",
    "problem": (
        "Arkiv, bibliotek og museer forvalter store mengder data om kulturarv og kulturliv. Mye av dette er "
        "ikke tilgjengelig i maskinlesbare formater eller med åpne lisenser, og kan derfor ikke gjenbrukes av "
        "forskere, utviklere, skoler eller allmennheten."
    ),
    "description": (
        "Kulturdepartementet skal gjennomføre en strategi for åpne kulturdata. Kulturinstitusjonene skal "
        "publisere datasett med åpne lisenser på data.norge.no, og det skal gis veiledning om lisenser og "
        "formater."
    ),
    "contribution": (
        "Åpne kulturdata gjør at kulturarven kan brukes i nye tjenester, i undervisning og i forskning. Felles "
        "veiledning og publisering på ett sted senker terskelen både for institusjonene og for brukerne."
    ),
    "relevance": (
        "Forpliktelsen gir allmennheten bedre tilgang til offentlig informasjon og bruker teknologi til å gjøre "
        "kulturdata gjenbrukbare."
    ),
    "values": ("access_to_information", "technology_innovation"),
    "policy_areas": ("Open Data",),
    "start_date": PLAN_START,
    "end_date": date(2020, 12, 31),
    "contact_name": "Ola Nordmann",
    "contact_title": "Rådgiver, Kulturdepartementet",
    "contact_email": KUD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Veileder om åpne lisenser og formater for kulturinstitusjoner publisert",
            date(2019, 9, 1),
            date(2020, 3, 31),
            "completed",
        ),
        _m(
            "Minst 30 nye kulturdatasett publisert på data.norge.no",
            date(2019, 9, 1),
            date(2020, 12, 31),
            "completed",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "substantial",
            "Veilederen er publisert, og 22 nye datasett fra museer og arkiv ligger på data.norge.no.",
        ),
        _p(
            date(2020, 12, 1),
            "complete",
            "Arbeidet med å gjennomføre strategien er avsluttet: 34 nye kulturdatasett er publisert med åpne "
            "lisenser, og veilederen brukes i kulturinstitusjonenes eget arbeid.",
        ),
    ),
}

ENERGY_STATISTICS: CommitmentData = {
    "identifier": "NO0058",
    "title": "Åpne energidata og bedre energistatistikk",
    "short_title": "Energistatistikk",
    "theme": THEME_OPEN_DATA,
    "lead": "olje-og-energidepartementet",
    "supporting": ("nve", "statistisk-sentralbyra"),
    "problem": (
        "Data om produksjon, overføring og bruk av energi er spredt på flere etater og er ikke alltid "
        "tilgjengelige i åpne formater. Det gjør det vanskelig for forskere, næringsliv og allmennheten å følge "
        "utviklingen i energisektoren."
    ),
    "description": (
        "Olje- og energidepartementet skal sammen med NVE og Statistisk sentralbyrå gjøre sentrale energidata "
        "og energistatistikker tilgjengelige som åpne data, med dokumentasjon og API. Det skal lages en samlet "
        "oversikt over energidatasett."
    ),
    "contribution": (
        "Åpne og dokumenterte energidata gjør det enklere å analysere energibruk og kraftmarked og å utvikle nye "
        "tjenester. En samlet oversikt gjør at brukerne finner dataene uten å vite hvilken etat som forvalter dem."
    ),
    "relevance": (
        "Forpliktelsen gir bedre tilgang til offentlig informasjon og bruker teknologi til å gjøre data gjenbrukbare."
    ),
    "values": ("access_to_information", "technology_innovation"),
    "policy_areas": ("Open Data", "Energy"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "milestones": (
        _m(
            "Oversikt over energidatasett i NVE og SSB publisert på data.norge.no",
            date(2019, 9, 1),
            date(2020, 6, 30),
            "completed",
        ),
        _m(
            "Utvalgte energistatistikker tilgjengelige gjennom åpent API med dokumentasjon",
            date(2020, 1, 1),
            date(2021, 6, 30),
            "on_track",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "limited",
            "Oversikten over energidatasett er publisert. Arbeidet med felles API er startet i NVE.",
        ),
        _p(
            date(2021, 3, 1),
            "substantial",
            "Statistikk over kraftproduksjon og strømforbruk er tilgjengelig gjennom åpent API. Dokumentasjonen "
            "ferdigstilles i løpet av våren.",
        ),
    ),
}

PLANNING_AND_BUILDING: CommitmentData = {
    "identifier": "NO0059",
    "title": "Digitalisering av plan- og byggesaksprosessene",
    "short_title": "Digitale plan- og byggesaksprosesser",
    "theme": THEME_OPEN_DATA,
    "lead": NORWAY_COORDINATOR,
    "supporting": ("kartverket", "direktoratet-for-byggkvalitet"),
    "problem": (
        "Plan- og byggesaker berører mange innbyggere, men informasjonen om planer og søknader ligger ofte i "
        "dokumenter som er vanskelige å finne og forstå. Ulike systemer i kommunene gjør det tungvint å dele "
        "data mellom kommuner, statlige etater og søkere."
    ),
    "description": (
        "KMD skal sammen med Kartverket og Direktoratet for byggkvalitet legge til rette for digitale og "
        "standardiserte plan- og byggesaksprosesser. Arbeidet omfatter standarder for plandata, digitale "
        "planregistre og en nasjonal strategi for digitale plan- og byggesaksprosesser."
    ),
    "contribution": (
        "Standardiserte og digitale plandata gjør det lettere for innbyggerne å se hva som planlegges i "
        "nabolaget og å delta i høringer. Søkere og kommuner får raskere og mer forutsigbar saksbehandling."
    ),
    "relevance": (
        "Forpliktelsen gir bedre tilgang til informasjon om arealplaner og byggesaker og gjør det enklere å "
        "medvirke. Teknologi og innovasjon brukes til å gjøre prosessene åpnere."
    ),
    "values": ("access_to_information", "civic_participation", "technology_innovation"),
    "policy_areas": ("Land and Spatial Planning", "Digital Transformation", "Open Data"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "contact_name": KMD_CONTACT_NAME,
    "contact_title": KMD_CONTACT_TITLE,
    "contact_email": KMD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Nasjonal strategi for digitale plan- og byggesaksprosesser lagt fram",
            date(2019, 9, 1),
            date(2020, 6, 30),
            "completed",
        ),
        _m(
            "Oppdatert produktspesifikasjon for arealplaner og digitalt planregister publisert",
            date(2020, 1, 1),
            date(2021, 6, 30),
            "on_track",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "limited",
            "Strategien er lagt fram. Kartverket har startet arbeidet med å oppdatere produktspesifikasjonen.",
        ),
        _p(
            date(2021, 3, 1),
            "substantial",
            "Produktspesifikasjonen er på høring. 180 kommuner har nå et digitalt planregister som oppfyller kravene.",
        ),
    ),
}

DIGITAL_PROCUREMENT: CommitmentData = {
    "identifier": "NO0060",
    "title": "Digitalisering av offentlige anskaffelser",
    "short_title": "Digitale offentlige anskaffelser",
    "theme": THEME_PROCUREMENT,
    "lead": "naerings-og-fiskeridepartementet",
    "supporting": ("dfo",),
    "problem": (
        "Det offentlige kjøper varer og tjenester for flere hundre milliarder kroner i året. Mye av "
        "anskaffelsesprosessen er fortsatt manuell og dokumentbasert, og det er vanskelig å få oversikt over "
        "hva som kjøpes, fra hvem og til hvilken pris."
    ),
    "description": (
        "Nærings- og fiskeridepartementet skal legge til rette for at flere anskaffelser gjennomføres digitalt, "
        "blant annet ved økt bruk av elektronisk konkurransegjennomføring og elektronisk faktura."
    ),
    "contribution": (
        "Digitale anskaffelser gir data om offentlige innkjøp som kan brukes til analyse og kontroll, og gjør "
        "det enklere for leverandører å delta i konkurranser."
    ),
    "relevance": (
        "Bruken av fellesskapets midler blir mer synlig, noe som styrker ansvarliggjøringen. Teknologi brukes "
        "til å effektivisere og åpne prosessene."
    ),
    "values": ("public_accountability", "technology_innovation"),
    "policy_areas": ("Public Procurement", "Open Contracting", "Digital Transformation"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "milestones": (
        _m(
            "Krav om elektronisk konkurransegjennomføring for anskaffelser over EØS-terskelverdi innført",
            date(2019, 9, 1),
            date(2020, 6, 30),
            "completed",
        ),
        _m(
            "Analyse av data fra verktøy for konkurransegjennomføring publisert",
            date(2020, 1, 1),
            date(2021, 6, 30),
            "delayed",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "limited",
            "Kravet om elektronisk konkurransegjennomføring gjelder nå alle statlige og kommunale oppdragsgivere "
            "over EØS-terskelverdi. Analysen av anskaffelsesdata er utsatt.",
        ),
    ),
}

BENEFICIAL_OWNERSHIP: CommitmentData = {
    "identifier": "NO0061",
    "title": "Etablere et register over reelle rettighetshavere",
    "short_title": "Register over reelle rettighetshavere",
    "theme": THEME_PROCUREMENT,
    "lead": "finansdepartementet",
    "supporting": ("bronnoysundregistrene",),
    "other_actors": "Transparency International Norge\nPublish What You Pay Norge\nTax Justice Network – Norge",
    "problem": (
        "Det er ofte vanskelig å se hvem som i realiteten eier eller kontrollerer et selskap, fordi eierskap kan "
        "skjules bak kjeder av selskaper og stråmenn. Det gjør det lettere å hvitvaske penger, unndra skatt og "
        "skjule interessekonflikter."
    ),
    "description": (
        "Finansdepartementet skal etablere et register over reelle rettighetshavere i Brønnøysundregistrene, "
        "med hjemmel i lov om register over reelle rettighetshavere. Opplysningene i registeret skal være "
        "tilgjengelige for offentligheten."
    ),
    "contribution": (
        "Et offentlig register gjør det mulig for myndigheter, banker, presse og sivilsamfunn å se hvem som står "
        "bak norske selskaper. Det blir vanskeligere å bruke selskaper til å skjule økonomisk kriminalitet."
    ),
    "relevance": (
        "Forpliktelsen gir allmennheten tilgang til informasjon om eierskap og styrker ansvarliggjøringen i "
        "næringslivet og i offentlige anskaffelser."
    ),
    "values": ("access_to_information", "public_accountability"),
    "policy_areas": ("Beneficial Ownership", "Anti-Corruption and Integrity"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "milestones": (
        _m(
            "Forslag til forskrift om register over reelle rettighetshavere sendt på offentlig høring",
            date(2019, 9, 1),
            date(2020, 6, 30),
            "completed",
        ),
        _m(
            "Forskrift om register over reelle rettighetshavere fastsatt",
            date(2020, 7, 1),
            date(2021, 6, 30),
            "on_track",
        ),
        _m(
            "Registeret i Brønnøysundregistrene åpnet for registrering og oppslag",
            date(2020, 7, 1),
            date(2021, 8, 31),
            "delayed",
        ),
    ),
    "progress": (
        _p(
            date(2020, 6, 1),
            "limited",
            "Forslaget til forskrift har vært på høring; det kom 40 høringssvar, blant annet fra Transparency "
            "International Norge og Finans Norge.",
        ),
        _p(
            date(2021, 3, 1),
            "limited",
            "Høringssvarene er gjennomgått. Brønnøysundregistrene har startet utviklingen av registeret, men "
            "åpningen er forsinket.",
        ),
    ),
}

PREVENTING_CORRUPTION: CommitmentData = {
    "identifier": "NO0062",
    "title": "Styrke det forebyggende arbeidet mot korrupsjon",
    "short_title": "Forebygge korrupsjon",
    "theme": THEME_PROCUREMENT,
    "lead": "justis-og-beredskapsdepartementet",
    "other_actors": "Transparency International Norge\nKS",
    "problem": (
        "Norge kommer godt ut i internasjonale målinger av korrupsjon, men avdekkede saker viser at korrupsjon "
        "forekommer også her, særlig ved offentlige innkjøp og i tildeling av tillatelser. Kunnskapen om risiko "
        "og forebyggende tiltak er ujevnt fordelt i forvaltningen."
    ),
    "description": (
        "Justis- og beredskapsdepartementet skal styrke det forebyggende arbeidet mot korrupsjon med oppdatert "
        "veiledning og informasjon til offentlige virksomheter og næringslivet, blant annet en ny utgave av "
        "veilederen «Beskytt deg mot korrupsjon»."
    ),
    "contribution": (
        "Oppdatert veiledning og bedre kunnskap gjør det lettere for virksomheter og kommuner å vurdere risiko "
        "og innføre tiltak. Samarbeid med sivilsamfunnet gir bredere forankring."
    ),
    "relevance": (
        "Forpliktelsen styrker ansvarliggjøringen i offentlig sektor og gir allmennheten informasjon om "
        "korrupsjonsrisiko og tiltak."
    ),
    "values": ("access_to_information", "public_accountability"),
    "policy_areas": ("Anti-Corruption and Integrity", "Anti-Corruption Strategies"),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "milestones": (
        _m(
            "Oppdatert veileder «Beskytt deg mot korrupsjon» publisert i samarbeid med Transparency "
            "International Norge",
            date(2019, 9, 1),
            date(2020, 12, 31),
            "completed",
        ),
        _m(
            "Erfaringsseminar om korrupsjonsforebygging for kommuner og statlige virksomheter",
            date(2020, 6, 1),
            date(2021, 6, 30),
            "delayed",
        ),
    ),
    "progress": (
        _p(
            date(2020, 12, 1),
            "substantial",
            "Den oppdaterte veilederen er publisert. Seminaret er utsatt på grunn av smittevernreglene.",
        ),
    ),
}

PLAN_4: PlanData = {
    "jurisdiction": "norge",
    "label": "4",
    "title": "Norges fjerde handlingsplan for Open Government Partnership 2019–2021",
    "summary": (
        "Handlingsplan 4 er bygget rundt tre pilarer: integritet og åpenhet i forvaltningen, åpne data og "
        "viderebruk av offentlige data, og åpenhet om offentlige anskaffelser, reelle rettighetshavere og "
        "antikorrupsjon. Departementene har utarbeidet forpliktelsene i dialog med Interessentforumet. På grunn "
        "av covid-19 ble planperioden forlenget og planen videreført som handlingsplan 4B."
    ),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "status": "implementation",
    # Plan 4 is marked completed when 4B replaces it (see REVISION_4B).
    "final_status": "implementation",
    "actor": NORWAY_COORDINATOR_EMAIL,
    "themes": (
        {
            "title": "Integritet og åpenhet i forvaltningen",
            "description": "Forpliktelser om journalføring, arkivering, innsyn og innovasjon i offentlig sektor.",
        },
        {
            "title": "Åpne data og viderebruk av offentlige data",
            "description": "Forpliktelser om å gjøre offentlige datasett tilgjengelige for viderebruk.",
        },
        {
            "title": "Åpenhet om offentlige anskaffelser, reelle rettighetshavere og antikorrupsjon",
            "description": "Forpliktelser om reelt eierskap, offentlige innkjøp og antikorrupsjonstiltak.",
        },
    ),
    "commitments": (
        JOURNAL_ARCHIVE,
        EINNSYN,
        OPEN_CULTURAL_DATA,
        ENERGY_STATISTICS,
        PLANNING_AND_BUILDING,
        DIGITAL_PROCUREMENT,
        BENEFICIAL_OWNERSHIP,
        PREVENTING_CORRUPTION,
    ),
}

# The two commitments that KMD proposed for 4B (letter of 12 April 2021).
AI_AND_ALGORITHMS: CommitmentData = {
    "identifier": "NO0063",
    "title": "Åpenhet om kunstig intelligens og algoritmer",
    "short_title": "Kunstig intelligens og algoritmer",
    "theme": THEME_OPEN_DATA,
    "lead": NORWAY_COORDINATOR,
    "supporting": ("digitaliseringsdirektoratet", "datatilsynet"),
    "problem": (
        "Offentlig sektor tar i bruk kunstig intelligens for å gi mer målrettede tjenester og effektivisere "
        "saksbehandlingen. Det kan være vanskelig for innbyggerne å forstå og etterprøve hvordan algoritmer "
        "påvirker vedtak, og mange virksomheter er usikre på regelverket for personvern og saksbehandling."
    ),
    "description": (
        "KMD skal utarbeide veiledning om ansvarlig bruk av kunstig intelligens i forvaltningen, støtte en "
        "regulatorisk sandkasse for personvern og kunstig intelligens i Datatilsynet, og arbeide for at nye "
        "løsninger som bruker kunstig intelligens er åpne og etterprøvbare. Forvaltningsloven skal også dekke "
        "automatisert saksbehandling."
    ),
    "contribution": (
        "Veiledning og sandkasse gir virksomhetene kunnskap om etiske og rettslige krav, slik at kunstig "
        "intelligens brukes ansvarlig. Krav om åpenhet og etterprøvbarhet gjør det mulig for innbyggerne å "
        "forstå og klage på automatiserte avgjørelser."
    ),
    "relevance": (
        "Innbyggerne får tilgang til informasjon om hvordan algoritmer brukes i forvaltningen, og "
        "ansvarliggjøringen ved automatiserte vedtak styrkes. Forpliktelsen knytter teknologi og innovasjon til "
        "åpenhet."
    ),
    "values": ("access_to_information", "public_accountability", "technology_innovation"),
    "policy_areas": ("Automated Decision-making", "Data Stewardship and Privacy", "Digital Governance"),
    "start_date": REVISION_START,
    "end_date": REVISION_END,
    "contact_name": KMD_CONTACT_NAME,
    "contact_title": KMD_CONTACT_TITLE,
    "contact_email": KMD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Veiledning om ansvarlig bruk av kunstig intelligens i offentlig sektor publisert",
            date(2021, 9, 1),
            date(2022, 6, 30),
            "on_track",
        ),
        _m(
            "Sluttrapporter fra de første prosjektene i Datatilsynets regulatoriske sandkasse publisert",
            date(2021, 9, 1),
            date(2022, 8, 31),
            "on_track",
        ),
        _m(
            "Forslag til regler om automatisert saksbehandling i ny forvaltningslov lagt fram",
            date(2021, 9, 1),
            date(2022, 8, 31),
            "not_started",
        ),
    ),
    "progress": (
        _p(
            date(2022, 3, 1),
            "limited",
            "Et utkast til veiledning er testet med fem statlige virksomheter. Sandkassen har tatt opp fire nye "
            "prosjekter, to av dem fra offentlig sektor.",
        ),
    ),
}

YOUTH_PANEL: CommitmentData = {
    "identifier": "NO0064",
    "title": "Ungdomspanel for åpenhet og medvirkning",
    "short_title": "Ungdomspanel",
    "theme": THEME_INTEGRITY,
    "lead": NORWAY_COORDINATOR,
    "other_actors": "Frivillighet Norge\nLandsrådet for Norges barne- og ungdomsorganisasjoner (LNU)",
    "problem": (
        "Unge er lite representert i dialogen mellom forvaltningen og sivilsamfunnet om åpenhet, og de blir "
        "sjelden spurt når offentlige digitale tjenester og regler utformes. Samtidig er det de unge som skal "
        "leve lengst med følgene av beslutningene."
    ),
    "description": (
        "KMD skal opprette et ungdomspanel med unge fra hele landet som gir råd om OGP-arbeidet og om åpenhet og "
        "medvirkning i forvaltningen. Panelet skal møtes jevnlig, og innspillene skal publiseres sammen med "
        "departementets svar."
    ),
    "contribution": (
        "Ungdomspanelet gir forvaltningen direkte kunnskap om hvordan unge opplever offentlig informasjon og "
        "offentlige tjenester. Når svarene publiseres, kan panelet og andre se hvordan innspillene er fulgt opp."
    ),
    "relevance": (
        "En gruppe som sjelden blir hørt, får en fast kanal inn i forvaltningen, noe som styrker medvirkningen. "
        "Publisering av innspill og svar gir åpenhet om hvordan de brukes."
    ),
    "values": ("access_to_information", "civic_participation"),
    "policy_areas": ("Youth", "Public Participation", "Inclusion"),
    "start_date": REVISION_START,
    "end_date": REVISION_END,
    "contact_name": KMD_CONTACT_NAME,
    "contact_title": KMD_CONTACT_TITLE,
    "contact_email": KMD_EDITOR_EMAIL,
    "milestones": (
        _m(
            "Ungdomspanelet oppnevnt etter åpen utlysning; mandat publisert",
            date(2021, 9, 1),
            date(2021, 12, 31),
            "completed",
        ),
        _m(
            "Minst tre møter i panelet avholdt; referater og departementets svar publisert",
            date(2022, 1, 1),
            date(2022, 8, 31),
            "on_track",
        ),
    ),
    "progress": (
        _p(
            date(2022, 3, 1),
            "limited",
            "Panelet med 15 medlemmer fra 11 fylker er oppnevnt og har hatt sitt første møte, om språket i "
            "offentlige digitale tjenester. Referatet er publisert.",
        ),
    ),
}

# What the departments changed for 4B (letter of 12 April 2021, attachments 1 and 2).
CHANGES_4B: tuple[CommitmentChange, ...] = (
    {
        "identifier": JOURNAL_ARCHIVE["identifier"],
        "values": {"end_date": date(2022, 3, 31)},
        "milestone_changes": (
            {"order": 2, "values": {"status": "completed"}},
            {"order": 3, "values": {"end_date": date(2022, 3, 31), "status": "completed"}},
        ),
        "progress": (
            _p(
                date(2020, 12, 1),
                "substantial",
                "Status per 1.12.2020: Utkastet til veiledning har vært på høring i arkivmiljøet, pressen og "
                "sivilsamfunnet, og Arkivverket bearbeider innspillene. Veiledningen ventes publisert i 2021.",
            ),
            _p(
                date(2022, 4, 1),
                "complete",
                "Veiledningen om journalføring og arkivering, også av meldinger i digitale samhandlingsverktøy, er "
                "publisert av Arkivverket og presentert på et åpent fagseminar med 300 deltakere.",
            ),
        ),
    },
    {
        "identifier": EINNSYN["identifier"],
        "values": {
            "description": (
                "KMD vil sammen med Digitaliseringsdirektoratet legge til rette for at kommuner og fylkeskommuner "
                "kan ta i bruk eInnsyn. I handlingsplan 4B er forpliktelsen justert: målet er nå at minst 50 "
                "kommuner og fylkeskommuner publiserer journalene sine i eInnsyn innen august 2022, og at "
                "integrasjonene mot sak- og arkivsystemene er satt i drift."
            ),
            "end_date": REVISION_END,
        },
        "milestone_changes": (
            {"order": 2, "values": {"end_date": date(2022, 6, 30), "status": "on_track"}},
            {"order": 3, "values": {"status": "completed"}},
        ),
        "new_milestones": (
            _m(
                "Minst 50 kommuner og fylkeskommuner publiserer journalene sine i eInnsyn; oversikt publisert",
                date(2021, 9, 1),
                date(2022, 8, 31),
                "on_track",
            ),
        ),
        "progress": (
            _p(
                date(2022, 3, 1),
                "substantial",
                "Integrasjonene mot de to mest brukte sak- og arkivsystemene er i drift, og 38 kommuner og to "
                "fylkeskommuner publiserer nå journalene sine i eInnsyn.",
            ),
        ),
    },
    {
        # Kulturdepartementet reported the strategy as finished; it does not go on in 4B.
        "identifier": OPEN_CULTURAL_DATA["identifier"],
        "values": {"status": "withdrawn"},
    },
    {
        "identifier": PLANNING_AND_BUILDING["identifier"],
        "values": {"end_date": REVISION_END},
        "milestone_changes": ({"order": 2, "values": {"status": "completed"}},),
        "new_milestones": (
            _m(
                "Felles løsning for digital byggesøknad prøvd ut i pilotkommuner; videre plan publisert",
                date(2021, 9, 1),
                date(2022, 8, 31),
                "on_track",
            ),
        ),
        "progress": (
            _p(
                date(2022, 6, 1),
                "substantial",
                "Den oppdaterte produktspesifikasjonen er tatt i bruk. Piloten med digital byggesøknad er i gang "
                "i seks kommuner.",
            ),
        ),
    },
    {
        # Reworded by Nærings- og fiskeridepartementet after input from DFØ.
        "identifier": DIGITAL_PROCUREMENT["identifier"],
        "values": {
            "title": "Effektivisere og forbedre offentlige anskaffelser ved å heldigitalisere anskaffelsesprosessen",
            "short_title": "Heldigitale offentlige anskaffelser",
            "problem": (
                "Det offentlige kjøper varer og tjenester for flere hundre milliarder kroner i året. Selv om "
                "konkurransene nå gjennomføres elektronisk, er resten av prosessen – behovsanalyse, kontrakt, "
                "bestilling, faktura og oppfølging – ofte manuell og spredt på mange systemer. Det gir dårlig "
                "oversikt over hva som kjøpes, og gjør kontroll og analyse vanskelig."
            ),
            "description": (
                "Forpliktelsen er omformulert etter innspill fra Direktoratet for forvaltning og økonomistyring "
                "(DFØ). Nærings- og fiskeridepartementet skal sammen med DFØ heldigitalisere "
                "anskaffelsesprosessen, fra behov til betaling, med felles standarder og komponenter som "
                "oppdragsgivere og leverandører kan ta i bruk."
            ),
            "contribution": (
                "En heldigital prosess gir sammenhengende data om offentlige innkjøp som kan publiseres og "
                "analyseres. Oppdragsgivere og leverandører sparer tid, og det blir lettere å avdekke feil og "
                "misligheter."
            ),
            "end_date": REVISION_END,
        },
        "supporting": ("dfo",),
        "milestone_changes": ({"order": 2, "values": {"status": "cancelled"}},),
        "new_milestones": (
            _m(
                "Felles katalog over standarder og komponenter for en heldigital anskaffelsesprosess publisert av DFØ",
                date(2021, 9, 1),
                date(2022, 3, 31),
                "on_track",
            ),
            _m(
                "Pilot med heldigital anskaffelsesprosess i minst tre statlige virksomheter; erfaringsrapport",
                date(2021, 9, 1),
                date(2022, 8, 31),
                "not_started",
            ),
        ),
        "progress": (
            _p(
                date(2022, 6, 1),
                "limited",
                "DFØ har publisert første versjon av katalogen over standarder og komponenter. Piloten er utsatt "
                "til høsten 2022.",
            ),
        ),
    },
    {
        "identifier": BENEFICIAL_OWNERSHIP["identifier"],
        "values": {"end_date": REVISION_END},
        "milestone_changes": (
            {"order": 2, "values": {"status": "completed"}},
            {"order": 3, "values": {"end_date": REVISION_END}},
        ),
        "progress": (
            _p(
                date(2022, 6, 1),
                "substantial",
                "Forskriften er fastsatt. Brønnøysundregistrene tester registeret, men åpningen er utsatt til "
                "etter planperioden.",
            ),
        ),
    },
    {
        "identifier": PREVENTING_CORRUPTION["identifier"],
        "values": {"end_date": date(2022, 6, 30)},
        "milestone_changes": (
            {
                "order": 2,
                "values": {
                    "activity": "Digitalt erfaringsseminar om korrupsjonsforebygging for kommuner og statlige "
                    "virksomheter; opptak publisert",
                    "end_date": date(2022, 6, 30),
                    "status": "on_track",
                },
            },
        ),
        "progress": (
            _p(
                date(2022, 6, 1),
                "substantial",
                "Seminaret ble holdt digitalt i mai 2022 med 250 deltakere; opptaket er publisert.",
            ),
        ),
    },
)

REVISION_4B: RevisionData = {
    "revises": PLAN_4["label"],
    "label": "4B",
    "title": "Norges handlingsplan 4B for Open Government Partnership 2021–2022",
    "summary": (
        "Handlingsplan 4B er en oppdatert utgave av handlingsplan 4. Departementene har oppdatert milepælene og "
        "status for forpliktelsene, Interessentforumet har kommentert endringene, og to nye forpliktelser er "
        "lagt til: et ungdomspanel og åpenhet om kunstig intelligens og algoritmer."
    ),
    "start_date": REVISION_START,
    "end_date": REVISION_END,
    "status": "co_creation",
    "final_status": "implementation",
    "revised_plan_final_status": "completed",
    "actor": NORWAY_COORDINATOR_EMAIL,
    "changes": CHANGES_4B,
    "new_commitments": (AI_AND_ALGORITHMS, YOUTH_PANEL),
}
