# ruff: noqa: RUF001 - the prose uses real en dashes ("2019-2021" typeset with U+2013), as in Norwegian and Danish.
"""Denmark: the 2017-2019 plan, coordinated by Digitaliseringsstyrelsen.

Facts from Digitaliseringsstyrelsen's "Nyt om OGP": published 1 December 2017 with 14 initiatives
in four themes; the mid-term self-assessment (published 30 September 2018) found seven completed
to a limited degree, five substantially and two complete. The commitments' texts are written for
the demo; the identifiers follow OGP's DK numbering.
"""

from datetime import date

from samskap.demo.organisations import DENMARK_COORDINATOR
from samskap.demo.types import CommitmentData, JurisdictionData, MilestoneData, PlanData, ProgressData
from samskap.demo.users import DENMARK_COORDINATOR_EMAIL

DENMARK: JurisdictionData = {
    "slug": "danmark",
    "name": "Danmark",
    "kind": "national",
    "parent": None,
    "country_code": "DNK",
    "time_zone": "Europe/Copenhagen",
    "default_language": "da",
    "coordinating_organisation": DENMARK_COORDINATOR,
    "contact_name": "Rune Møller Thomsen",
    "contact_email": "rune.moller.thomsen@example.dk",
    "description": (
        "Danmark har været medlem af Open Government Partnership siden 2011. Digitaliseringsstyrelsen under "
        "Finansministeriet koordinerer arbejdet med de nationale handlingsplaner og det åbne OGP-netværk."
    ),
}

#: The date of the published mid-term self-assessment; every commitment has its status as of then.
MID_TERM = date(2018, 9, 30)

PLAN_START = date(2017, 12, 1)
PLAN_END = date(2019, 6, 30)

THEME_OPEN_DATA = 1
THEME_TAILORED_DATA = 2
THEME_TOGETHER = 3
THEME_GLOBAL = 4


def _m(activity: str, start: date, end: date, status: str) -> MilestoneData:
    return {"activity": activity, "start_date": start, "end_date": end, "status": status}


def _mid_term(completion: str, narrative: str) -> tuple[ProgressData, ...]:
    return ({"as_of": MID_TERM, "completion": completion, "narrative": narrative},)


COMMITMENTS: tuple[CommitmentData, ...] = (
    # 1) Flere og bedre åbne data
    {
        "identifier": "DK0060",
        "title": "Flere åbne data til borgere og medier",
        "short_title": "Åbne arkivdata",
        "theme": THEME_OPEN_DATA,
        "lead": "rigsarkivet",
        "problem": (
            "Rigsarkivet opbevarer store mængder data fra offentlige myndigheder, men meget af det er kun "
            "tilgængeligt på læsesalen eller efter ansøgning. Journalister, forskere og borgere har derfor svært "
            "ved at bruge arkivernes data til at belyse samfundsforhold."
        ),
        "description": (
            "Rigsarkivet gør flere arkiverede datasamlinger tilgængelige som åbne data, der kan hentes direkte fra "
            "Rigsarkivets hjemmeside, og udarbejder en vejledning til medier og borgere om, hvordan data findes "
            "og bruges."
        ),
        "contribution": (
            "Når arkiverede data kan hentes frit og i maskinlæsbare formater, kan medier og borgere lave egne "
            "analyser uden at skulle søge om adgang. Vejledningen sænker tærsklen for nye brugere."
        ),
        "relevance": (
            "Initiativet øger adgangen til offentlig information og bruger teknologi til at gøre arkivernes data "
            "tilgængelige."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Open Data", "Right To Information"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "De første 20 arkiverede datasamlinger udstillet som åbne data på Rigsarkivets hjemmeside",
                date(2018, 1, 1),
                date(2018, 12, 31),
                "on_track",
            ),
            _m(
                "Vejledning til medier og borgere om brug af arkivdata offentliggjort",
                date(2018, 6, 1),
                date(2019, 6, 30),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Datasamlingerne er udvalgt, og de første otte er udstillet. Arbejdet med vejledningen er ikke påbegyndt.",
        ),
    },
    {
        "identifier": "DK0061",
        "title": "Grunddata på en fælles offentlig distributionsplatform",
        "short_title": "Grunddata på Datafordeleren",
        "theme": THEME_OPEN_DATA,
        "lead": DENMARK_COORDINATOR,
        "supporting": ("styrelsen-for-dataforsyning-og-effektivisering",),
        "problem": (
            "Offentlige grunddata om fx personer, virksomheder, adresser, ejendomme og geografi er hidtil blevet "
            "udstillet fra forskellige systemer med hver sine vilkår. Det gør det besværligt og dyrt for "
            "myndigheder, virksomheder og borgere at bruge dem sammen."
        ),
        "description": (
            "Grunddata fra de store registre samles på Datafordeleren, en fælles offentlig distributionsplatform, "
            "hvor data stilles gratis til rådighed med ensartede vilkår og snitflader."
        ),
        "contribution": (
            "Én indgang til grunddata gør det lettere at genbruge og kombinere data, så myndigheder og "
            "virksomheder kan udvikle bedre løsninger. Fælles kvalitetskrav giver mere retvisende data."
        ),
        "relevance": (
            "Initiativet giver bedre adgang til offentlig information og er et teknologisk fundament for genbrug "
            "af data."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Open Data", "Digital Transformation"),
        "start_date": PLAN_START,
        "end_date": PLAN_END,
        "milestones": (
            _m("Adresse- og geodata udstillet på Datafordeleren", date(2017, 12, 1), date(2018, 6, 30), "completed"),
            _m(
                "Ejendoms- og virksomhedsdata udstillet på Datafordeleren",
                date(2018, 1, 1),
                date(2019, 6, 30),
                "on_track",
            ),
        ),
        "progress": _mid_term(
            "substantial",
            "En række grundlæggende data er udstillet på grunddatafordeleren, herunder adresser og geodata. "
            "Ejendomsdata følger i 2019.",
        ),
    },
    {
        "identifier": "DK0062",
        "title": "Open Data DK – flere kommuner og regioner deler åbne data",
        "short_title": "Open Data DK",
        "theme": THEME_OPEN_DATA,
        "lead": "open-data-dk",
        "supporting": ("aarhus-kommune", "kl"),
        "problem": (
            "Kommuner og regioner har mange data om fx trafik, miljø og kultur, som kan skabe værdi lokalt, men "
            "kun få kommuner deler dem systematisk. Data ligger spredt og i forskellige formater."
        ),
        "description": (
            "Open Data DK udbreder den fælles dataportal for kommuner og regioner, så flere tilslutter sig og "
            "publicerer data efter fælles standarder. Der udarbejdes vejledning, og der holdes netværksmøder for "
            "kommunernes datafolk."
        ),
        "contribution": (
            "En fælles portal gør det nemt for borgere og virksomheder at finde lokale data på tværs af "
            "kommunegrænser, og fælles standarder gør dem lettere at kombinere."
        ),
        "relevance": (
            "Initiativet øger adgangen til offentlig information på lokalt niveau og bruger teknologi til at dele data."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Open Data", "Subnational"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Fælles vejledning om publicering af kommunale datasæt offentliggjort",
                date(2018, 1, 1),
                date(2018, 6, 30),
                "completed",
            ),
            _m("Mindst 20 nye kommuner tilsluttet Open Data DK", date(2018, 1, 1), date(2019, 6, 30), "on_track"),
        ),
        "progress": _mid_term(
            "substantial",
            "Vejledningen er offentliggjort, og 14 nye kommuner har tilsluttet sig portalen siden planens start.",
        ),
    },
    {
        "identifier": "DK0063",
        "title": "Åbne miljødata via Danmarks Miljøportal",
        "short_title": "Åbne miljødata",
        "theme": THEME_OPEN_DATA,
        "lead": "miljostyrelsen",
        "problem": (
            "Data om natur, vand og miljø indsamles af stat og kommuner, men er ikke altid lette at finde eller "
            "hente for borgere, foreninger og virksomheder. Det gør det svært at følge tilstanden i naturen og at "
            "deltage i debatten om miljøindsatsen."
        ),
        "description": (
            "Miljøstyrelsen udstiller sammen med Danmarks Miljøportal flere miljødata som åbne data med "
            "dokumentation og gør dem tilgængelige via åbne snitflader."
        ),
        "contribution": (
            "Åbne miljødata gør det muligt for borgere, grønne organisationer og virksomheder at lave egne "
            "analyser og bidrage til bedre beslutninger om natur og miljø."
        ),
        "relevance": (
            "Initiativet øger adgangen til information og bruger teknologi til at gøre den tilgængelig for alle."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Open Data", "Environment & Climate"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Oversigt over miljødatasæt og deres vilkår offentliggjort",
                date(2018, 1, 1),
                date(2018, 9, 30),
                "on_track",
            ),
            _m(
                "Udvalgte datasæt om vandmiljø udstillet via åbne snitflader",
                date(2018, 6, 1),
                date(2019, 6, 30),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Oversigten over miljødatasæt er under udarbejdelse. Udstillingen af vandmiljødata afventer en ny "
            "version af Miljøportalens snitflader.",
        ),
    },
    # 2) Skræddersyede data skal skabe grundlag for inddragelse
    {
        "identifier": "DK0064",
        "title": "Mit Overblik – borgernes overblik over egne sager og ydelser",
        "short_title": "Mit Overblik",
        "theme": THEME_TAILORED_DATA,
        "lead": DENMARK_COORDINATOR,
        "problem": (
            "Borgere har sager hos mange forskellige myndigheder og har svært ved at få overblik over, hvad "
            "myndighederne ved om dem, og hvor langt deres sager er."
        ),
        "description": (
            "Digitaliseringsstyrelsen udvikler på borger.dk et samlet overblik, hvor borgeren kan se egne sager, "
            "ydelser og registrerede oplysninger fra flere myndigheder ét sted."
        ),
        "contribution": (
            "Et samlet overblik gør det lettere for borgerne at følge egne sager og at få rettet fejl i "
            "oplysninger om dem selv. Det styrker tilliden til, at myndighederne bruger data korrekt."
        ),
        "relevance": (
            "Initiativet giver borgerne adgang til information om sig selv og bruger teknologi til at gøre den "
            "tilgængelig."
        ),
        "values": ("access_to_information", "technology_innovation"),
        "policy_areas": ("Public Service Delivery", "Data Stewardship and Privacy"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Prototype af overblik over egne sager testet med borgere",
                date(2018, 1, 1),
                date(2018, 12, 31),
                "on_track",
            ),
            _m(
                "Første version af Mit Overblik lanceret på borger.dk",
                date(2018, 6, 1),
                date(2019, 6, 30),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "En prototype er udviklet og testet med 25 borgere. Aftaler om data fra de første myndigheder er "
            "under forhandling.",
        ),
    },
    {
        "identifier": "DK0065",
        "title": "Indsigt i egne sundhedsdata",
        "short_title": "Egne sundhedsdata",
        "theme": THEME_TAILORED_DATA,
        "lead": "sundhedsdatastyrelsen",
        "problem": (
            "Mange borgere ved ikke, hvilke sundhedsoplysninger der registreres om dem, og hvem der har set dem. "
            "Det kan svække tilliden til sundhedsvæsenets brug af data."
        ),
        "description": (
            "Sundhedsdatastyrelsen udvider borgernes adgang til egne sundhedsdata på sundhed.dk, herunder et "
            "overblik over, hvilke myndigheder og fagpersoner der har slået oplysningerne op."
        ),
        "contribution": (
            "Når borgerne kan se egne data og hvem der har brugt dem, kan de selv opdage fejl og misbrug. Det "
            "giver et bedre grundlag for at inddrage patienterne i egen behandling."
        ),
        "relevance": (
            "Initiativet giver adgang til information og gør myndighedernes brug af persondata mere ansvarlig "
            "over for borgerne."
        ),
        "values": ("access_to_information", "public_accountability", "technology_innovation"),
        "policy_areas": ("Health & Nutrition", "Data Stewardship and Privacy"),
        "start_date": date(2018, 1, 1),
        "end_date": date(2019, 3, 31),
        "milestones": (
            _m(
                "Log over opslag i egne sundhedsdata tilgængelig for borgerne på sundhed.dk",
                date(2018, 1, 1),
                date(2019, 3, 31),
                "on_track",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Den tekniske løsning til log over opslag er udviklet og testes med to regioner.",
        ),
    },
    {
        "identifier": "DK0066",
        "title": "Uddannelsesdata til borgere og skoler",
        "short_title": "Åbne uddannelsesdata",
        "theme": THEME_TAILORED_DATA,
        "lead": "styrelsen-for-it-og-laering",
        "problem": (
            "Data om skoler og uddannelser, fx karakterer, trivsel og frafald, findes hos Undervisningsministeriet, "
            "men er svære at finde og sammenligne for forældre, elever og skoler."
        ),
        "description": (
            "Styrelsen for It og Læring udstiller nøgletal for grundskoler og ungdomsuddannelser i en samlet, "
            "brugervenlig løsning og som åbne data, der kan hentes og genbruges."
        ),
        "contribution": (
            "Forældre og elever får et bedre grundlag for at vælge skole og deltage i skolebestyrelsernes arbejde, "
            "og skolerne kan sammenligne sig med andre."
        ),
        "relevance": (
            "Initiativet øger adgangen til information og bruger data til at inddrage borgerne i skolernes udvikling."
        ),
        "values": ("access_to_information", "civic_participation", "technology_innovation"),
        "policy_areas": ("Education", "Open Data (Education)"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m("Nøgletal for grundskoler udstillet som åbne data", date(2018, 1, 1), date(2018, 12, 31), "on_track"),
            _m(
                "Brugerundersøgelse blandt forældre og elever offentliggjort",
                date(2018, 6, 1),
                date(2019, 3, 31),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Nøgletal for karakterer og trivsel er udstillet; data om fravær og frafald følger.",
        ),
    },
    {
        "identifier": "DK0067",
        "title": "Dashboards om brugen af digitale selvbetjeningsløsninger",
        "short_title": "Dashboards om digitalisering",
        "theme": THEME_TAILORED_DATA,
        "lead": DENMARK_COORDINATOR,
        "supporting": ("kl",),
        "problem": (
            "Borgere, medier og politikere har begrænset indsigt i, hvor godt de offentlige digitale løsninger "
            "virker, og hvor mange der bruger dem."
        ),
        "description": (
            "Digitaliseringsstyrelsen offentliggør løbende og letforståelige dashboards om brugen af digitale "
            "selvbetjeningsløsninger og Digital Post, med data fra stat, kommuner og regioner."
        ),
        "contribution": (
            "Regelmæssig rapportering gør fremdriften i digitaliseringen synlig, så borgere, medier og politikere "
            "kan følge med og stille krav."
        ),
        "relevance": (
            "Initiativet øger gennemsigtigheden om den offentlige sektors resultater og styrker ansvarligheden."
        ),
        "values": ("access_to_information", "public_accountability", "technology_innovation"),
        "policy_areas": ("Digital Governance", "Public Service Delivery"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Første dashboard over brugen af selvbetjeningsløsninger offentliggjort",
                date(2018, 1, 1),
                date(2018, 12, 31),
                "on_track",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Datagrundlaget fra stat og kommuner er samlet, og det første dashboard er under test.",
        ),
    },
    # 3) Sammen om en bedre offentlig sektor
    {
        "identifier": "DK0068",
        "title": "Meld en regel",
        "short_title": "Meld en regel",
        "theme": THEME_TOGETHER,
        "lead": "erhvervsstyrelsen",
        "supporting": ("erhvervsministeriet",),
        "problem": (
            "Virksomheder og borgere oplever regler, der er unødigt byrdefulde, forældede eller svære at "
            "efterleve. Myndighederne mangler en enkel måde at få at vide, hvilke regler der skaber problemer i "
            "praksis."
        ),
        "description": (
            "Erhvervsstyrelsen driver en digital indgang, hvor virksomheder, borgere og organisationer kan melde "
            "regler, de finder overflødige eller byrdefulde. Alle forslag behandles, og myndighedernes svar "
            "offentliggøres."
        ),
        "contribution": (
            "Viden fra dem, der skal efterleve reglerne, giver et bedre grundlag for at forenkle dem. Når svarene "
            "offentliggøres, kan alle se, hvad der er sket med forslagene."
        ),
        "relevance": (
            "Borgere og virksomheder får en direkte kanal til at deltage i regelforenkling, og offentliggørelsen "
            "af svarene styrker ansvarligheden."
        ),
        "values": ("civic_participation", "public_accountability"),
        "policy_areas": ("Regulatory Governance", "Public Participation"),
        "start_date": PLAN_START,
        "end_date": PLAN_END,
        "milestones": (
            _m("Indgangen «Meld en regel» åbnet for forslag", date(2017, 12, 1), date(2018, 3, 31), "completed"),
            _m(
                "Alle modtagne forslag behandlet og svarene offentliggjort",
                date(2018, 3, 1),
                date(2019, 6, 30),
                "on_track",
            ),
        ),
        "progress": _mid_term(
            "substantial",
            "Der er modtaget 984 forslag om overflødige regler, som nu er under behandling. Svar på de første "
            "forslag er offentliggjort.",
        ),
    },
    {
        "identifier": "DK0069",
        "title": "OGP-forum: et åbent netværk for dialog om åben forvaltning",
        "short_title": "OGP-forum",
        "theme": THEME_TOGETHER,
        "lead": DENMARK_COORDINATOR,
        "other_actors": "Transparency International Danmark\nOpen Knowledge Danmark",
        "problem": (
            "Dialogen mellem myndigheder og civilsamfund om åben forvaltning har hidtil været knyttet til "
            "udarbejdelsen af handlingsplanerne og har ikke været løbende."
        ),
        "description": (
            "Digitaliseringsstyrelsen etablerer et åbent OGP-netværk for initiativejere, borgere og "
            "organisationer, som mødes jævnligt for at drøfte gennemførelsen af handlingsplanen og kommende "
            "initiativer."
        ),
        "contribution": (
            "Et fast forum giver civilsamfundet mulighed for at følge og påvirke arbejdet løbende, ikke kun når "
            "en ny plan skal skrives."
        ),
        "relevance": (
            "Initiativet styrker borgerdeltagelsen og giver civilsamfundet mulighed for at holde myndighederne "
            "ansvarlige for fremdriften."
        ),
        "values": ("civic_participation", "public_accountability"),
        "policy_areas": ("Public Participation", "Mainstreaming Participation"),
        "start_date": date(2018, 6, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Første åbne OGP-netværksmøde afholdt med drøftelse af midtvejsevalueringen (22. august 2018)",
                date(2018, 6, 1),
                date(2018, 8, 22),
                "completed",
            ),
            _m(
                "Kommissorium for netværket og plan for inddragelse i den næste handlingsplan offentliggjort",
                date(2018, 9, 1),
                date(2019, 3, 31),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "substantial",
            "Det første åbne netværksmøde blev holdt 22. august 2018 med initiativejere, borgere og "
            "organisationer, og midtvejsevalueringen blev drøftet.",
        ),
    },
    {
        "identifier": "DK0070",
        "title": "National strategi for et stærkere civilsamfund",
        "short_title": "Stærkere civilsamfund",
        "theme": THEME_TOGETHER,
        "lead": "borne-og-socialministeriet",
        "problem": (
            "Frivillige og foreninger løser mange opgaver i samfundet, men samarbejdet med kommuner og "
            "myndigheder er ofte tilfældigt og afhænger af enkeltpersoner."
        ),
        "description": (
            "Regeringen lancerer en national strategi for et stærkere civilsamfund, som skal styrke samarbejdet "
            "mellem frivillige, foreninger og offentlige myndigheder om at løse sociale opgaver."
        ),
        "contribution": (
            "En fælles strategi giver kommuner og foreninger klare rammer for samarbejde og gør det lettere at "
            "bruge civilsamfundets viden og engagement."
        ),
        "relevance": (
            "Initiativet styrker borgerdeltagelsen ved at give civilsamfundet en større og mere systematisk rolle "
            "i løsningen af offentlige opgaver."
        ),
        "values": ("civic_participation",),
        "policy_areas": ("Civic Space and Enabling Environment", "Public Participation"),
        "start_date": PLAN_START,
        "end_date": date(2018, 6, 30),
        "milestones": (
            _m("National civilsamfundsstrategi lanceret", date(2017, 12, 1), date(2018, 6, 30), "completed"),
        ),
        "progress": _mid_term(
            "complete",
            "Den nationale strategi for et stærkere civilsamfund er lanceret, og de første partnerskaber mellem "
            "kommuner og foreninger er etableret.",
        ),
    },
    {
        "identifier": "DK0071",
        "title": "Borgerinddragelse i offentlig innovation",
        "short_title": "Inddragelse i innovation",
        "theme": THEME_TOGETHER,
        "lead": "center-for-offentlig-innovation",
        "supporting": ("aarhus-kommune",),
        "problem": (
            "Offentlige innovationsprojekter udvikles ofte uden at inddrage de borgere, der skal bruge "
            "løsningerne, selv om borgernes erfaringer kan gøre løsningerne bedre."
        ),
        "description": (
            "Center for Offentlig Innovation udvikler og udbreder metoder og værktøjer til at inddrage borgere og "
            "civilsamfund i innovation i kommuner, regioner og stat, og samler erfaringerne i en åben vidensbank."
        ),
        "contribution": (
            "Gennemprøvede metoder gør det lettere for myndighederne at inddrage borgerne tidligt, så løsningerne "
            "passer bedre til de behov, de skal dække."
        ),
        "relevance": (
            "Initiativet styrker borgerdeltagelsen i udviklingen af den offentlige sektor og bruger nye metoder og "
            "teknologier til at gøre det."
        ),
        "values": ("civic_participation", "technology_innovation"),
        "policy_areas": ("Public Participation", "Public Service Delivery"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Værktøjskasse om borgerinddragelse i innovation offentliggjort",
                date(2018, 1, 1),
                date(2018, 12, 31),
                "on_track",
            ),
            _m(
                "Erfaringer fra mindst fem kommuner samlet i en åben vidensbank",
                date(2018, 6, 1),
                date(2019, 6, 30),
                "not_started",
            ),
        ),
        "progress": _mid_term(
            "limited",
            "Værktøjskassen er under udvikling i samarbejde med Aarhus Kommune; de første metoder er afprøvet.",
        ),
    },
    {
        "identifier": "DK0072",
        "title": "Åbenhed om udviklingsbistand gennem IATI-standarden",
        "short_title": "IATI",
        "theme": THEME_GLOBAL,
        "lead": "udenrigsministeriet",
        "problem": (
            "Det har været svært for modtagerlande, civilsamfund og skatteydere at få et samlet og aktuelt "
            "overblik over, hvad dansk udviklingsbistand bruges til."
        ),
        "description": (
            "Udenrigsministeriet offentliggør data om dansk udviklingsbistand efter den internationale "
            "IATI-standard (International Aid Transparency Initiative), med hyppigere opdateringer og flere "
            "detaljer om projekter og resultater."
        ),
        "contribution": (
            "Data efter en fælles standard kan sammenholdes med andre donorers bistand, så modtagerlande og "
            "civilsamfund kan følge pengene og planlægge bedre."
        ),
        "relevance": (
            "Initiativet øger gennemsigtigheden om offentlige midler og styrker ansvarligheden over for både "
            "danske skatteydere og modtagerlandene."
        ),
        "values": ("access_to_information", "public_accountability"),
        "policy_areas": ("Aid", "Fiscal Openness", "Open Data"),
        "start_date": date(2018, 1, 1),
        "end_date": PLAN_END,
        "milestones": (
            _m(
                "Data om alle bilaterale projekter offentliggjort efter IATI-standarden og opdateret månedligt",
                date(2018, 1, 1),
                date(2019, 6, 30),
                "on_track",
            ),
            _m(
                "Udenrigsministeriets portal om bistandsdata viser projekternes resultater",
                date(2018, 1, 1),
                date(2018, 12, 31),
                "on_track",
            ),
        ),
        "progress": _mid_term(
            "substantial",
            "Data om de bilaterale projekter offentliggøres nu månedligt efter IATI-standarden. Visningen af "
            "resultater er under udvikling.",
        ),
    },
    {
        "identifier": "DK0073",
        "title": "Offentlige oplysninger om selskabers reelle ejere",
        "short_title": "Reelle ejere",
        "theme": THEME_GLOBAL,
        "lead": "erhvervsstyrelsen",
        "other_actors": "Transparency International Danmark",
        "problem": (
            "Anonyme selskabskonstruktioner kan bruges til at skjule hvidvask, skatteunddragelse og korruption, "
            "også på tværs af landegrænser."
        ),
        "description": (
            "Erhvervsstyrelsen gør oplysninger om selskabers reelle ejere offentligt og gratis tilgængelige i Det "
            "Centrale Virksomhedsregister (CVR), og Danmark deler sine erfaringer med åbne ejerskabsdata "
            "internationalt."
        ),
        "contribution": (
            "Åbne ejerskabsdata gør det muligt for myndigheder, medier og civilsamfund i ind- og udland at se, "
            "hvem der står bag danske selskaber, og gør det sværere at misbruge dem."
        ),
        "relevance": (
            "Initiativet giver adgang til information om ejerskab og styrker ansvarligheden i erhvervslivet."
        ),
        "values": ("access_to_information", "public_accountability"),
        "policy_areas": ("Beneficial Ownership", "Anti-Corruption and Integrity"),
        "start_date": PLAN_START,
        "end_date": date(2018, 9, 30),
        "milestones": (
            _m("Oplysninger om reelle ejere tilgængelige i CVR", date(2017, 12, 1), date(2018, 3, 31), "completed"),
            _m(
                "Erfaringer med åbne ejerskabsdata præsenteret på et internationalt OGP-møde",
                date(2018, 1, 1),
                date(2018, 9, 30),
                "completed",
            ),
        ),
        "progress": _mid_term(
            "complete",
            "Oplysningerne om reelle ejere er offentligt tilgængelige i CVR, og erfaringerne er præsenteret for "
            "andre OGP-lande.",
        ),
    },
)

PLAN_2017_2019: PlanData = {
    "jurisdiction": "danmark",
    "label": "2017-2019",
    "title": "Danmarks nationale handlingsplan for Open Government Partnership 2017–2019",
    "summary": (
        "Handlingsplanen indeholder 14 initiativer fordelt på fire temaer. Den bygger på en offentlig høring i "
        "sommeren 2017, dialogmøder med civilsamfundet og en høring om temaerne i september 2017, og blev "
        "offentliggjort 1. december 2017."
    ),
    "start_date": PLAN_START,
    "end_date": PLAN_END,
    "status": "implementation",
    "final_status": "completed",
    "actor": DENMARK_COORDINATOR_EMAIL,
    "themes": (
        {
            "title": "Flere og bedre åbne data",
            "description": (
                "Offentlige myndigheder indsamler store mængder værdifulde data. Arbejdet med at frigive data "
                "fortsætter, og der arbejdes for, at data er af god kvalitet og kan kobles med andre åbne data."
            ),
        },
        {
            "title": "Skræddersyede data skal skabe grundlag for inddragelse",
            "description": (
                "Data skal være overskuelige og tilgængelige for de borgere, der har brug for dem, og kunne bruges "
                "til at inddrage borgerne i myndighedernes arbejde."
            ),
        },
        {
            "title": "Sammen om en bedre offentlig sektor",
            "description": (
                "Civilsamfundets idéer og viden skal i spil, både til at løse konkrete problemer og i en løbende "
                "dialog om den offentlige service."
            ),
        },
        {
            "title": "En global indsats for åbenhed",
            "description": (
                "Danmark deler sin viden om åbenhed og inddragelse med andre lande, fx om korruptionsbekæmpelse og "
                "kapacitetsopbygning."
            ),
        },
    ),
    "commitments": COMMITMENTS,
}
