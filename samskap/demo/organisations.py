# ruff: noqa: RUF001 - the prose uses real en dashes ("2019-2021" typeset with U+2013), as in Norwegian and Danish.
"""Organisations of the demo: Norway's OGP stakeholder forum, Danish actors, and lead agencies.

The Norwegian list is the invitation list of KMD's letters of 2018 and 2021 (about 45 bodies),
plus the agencies that the commitments name as supporting institutions. The Danish list holds
the bodies named in Digitaliseringsstyrelsen's OGP news page and the 2017-2019 plan's leads.
"""

from samskap.demo.types import OrganisationData

NO = "norge"
DK = "danmark"


def _org(slug: str, name: str, type_: str, jurisdiction: str, description: str = "") -> OrganisationData:
    data: OrganisationData = {"slug": slug, "name": name, "type": type_, "jurisdiction": jurisdiction}
    if description:
        data["description"] = description
    return data


# The coordinating bodies come first: the jurisdictions point at them.
NORWAY_COORDINATOR = "kommunal-og-moderniseringsdepartementet"
DENMARK_COORDINATOR = "digitaliseringsstyrelsen"

NORWEGIAN_MINISTRIES: tuple[OrganisationData, ...] = (
    _org(
        NORWAY_COORDINATOR,
        "Kommunal- og moderniseringsdepartementet",
        "ministry",
        NO,
        "Koordinerer Norges arbeid i Open Government Partnership (KMD).",
    ),
    _org("arbeids-og-sosialdepartementet", "Arbeids- og sosialdepartementet", "ministry", NO),
    _org("barne-og-likestillingsdepartementet", "Barne- og likestillingsdepartementet", "ministry", NO),
    _org("finansdepartementet", "Finansdepartementet", "ministry", NO),
    _org("forsvarsdepartementet", "Forsvarsdepartementet", "ministry", NO),
    _org("helse-og-omsorgsdepartementet", "Helse- og omsorgsdepartementet", "ministry", NO),
    _org("justis-og-beredskapsdepartementet", "Justis- og beredskapsdepartementet", "ministry", NO),
    _org("klima-og-miljodepartementet", "Klima- og miljødepartementet", "ministry", NO),
    _org("kulturdepartementet", "Kulturdepartementet", "ministry", NO),
    _org("kunnskapsdepartementet", "Kunnskapsdepartementet", "ministry", NO),
    _org("landbruks-og-matdepartementet", "Landbruks- og matdepartementet", "ministry", NO),
    _org("naerings-og-fiskeridepartementet", "Nærings- og fiskeridepartementet", "ministry", NO),
    _org("olje-og-energidepartementet", "Olje- og energidepartementet", "ministry", NO),
    _org("samferdselsdepartementet", "Samferdselsdepartementet", "ministry", NO),
    _org("statsministerens-kontor", "Statsministerens kontor", "ministry", NO),
    _org("utenriksdepartementet", "Utenriksdepartementet", "ministry", NO),
)

NORWEGIAN_STAKEHOLDERS: tuple[OrganisationData, ...] = (
    # Business and employers' associations
    _org("abelia", "Abelia", "business_association", NO),
    _org("arbeidsgiverforeningen-spekter", "Arbeidsgiverforeningen Spekter", "business_association", NO),
    _org("finans-norge", "Finans Norge", "business_association", NO),
    _org("ikt-norge", "IKT Norge", "business_association", NO),
    _org("mediebedriftenes-landsforening", "Mediebedriftenes landsforening", "business_association", NO),
    _org("nho", "Næringslivets hovedorganisasjon (NHO)", "business_association", NO),
    # Trade unions
    _org("lo", "Landsorganisasjonen i Norge (LO)", "trade_union", NO),
    _org("unio", "Unio – Hovedorganisasjonen for universitets- og høyskoleutdannede", "trade_union", NO),
    _org("ys", "Yrkesorganisasjonenes Sentralforbund (YS)", "trade_union", NO),
    # Civil society
    _org("amnesty-international-norge", "Amnesty International Norge", "civil_society", NO),
    _org("frivillighet-norge", "Frivillighet Norge", "civil_society", NO),
    _org("funksjonshemmedes-fellesforbund", "Funksjonshemmedes fellesforbund", "civil_society", NO),
    _org("kun-senter-for-kunnskap-og-likestilling", "KUN senter for kunnskap og likestilling", "civil_society", NO),
    _org("norsk-arkivrad", "Norsk arkivråd", "civil_society", NO),
    _org("publish-what-you-pay-norge", "Publish What You Pay Norge", "civil_society", NO),
    _org("regnskogfondet", "Regnskogfondet", "civil_society", NO),
    _org("rode-kors-norge", "Røde Kors Norge", "civil_society", NO),
    _org("stiftelsen-fritt-ord", "Stiftelsen Fritt Ord", "civil_society", NO),
    _org("tax-justice-network-norge", "Tax Justice Network – Norge", "civil_society", NO),
    _org("transparency-international-norge", "Transparency International Norge", "civil_society", NO),
    _org("wikimedia-norge", "Wikimedia Norge", "civil_society", NO),
    _org("wwf-norge", "WWF Norge", "civil_society", NO),
    # Press and media
    _org("fagpressen", "Fagpressen", "media", NO),
    _org("landslaget-for-lokalaviser", "Landslaget for lokalaviser", "media", NO),
    _org("norsk-journalistlag", "Norsk Journalistlag", "media", NO),
    _org("norsk-redaktorforening", "Norsk Redaktørforening", "media", NO),
    # International
    _org("eiti-international-secretariat", "EITI International Secretariat", "international", NO),
    # Observers in the stakeholder forum (KMD's letter of 12 April 2021)
    _org(
        "ogp-radet",
        "OGP-rådet",
        "other",
        NO,
        "Rådet er oppnevnt av Kommunal- og moderniseringsdepartementet og deltar i interessentforumet.",
    ),
    _org(
        "irm",
        "Independent Reporting Mechanism (IRM)",
        "international",
        NO,
        "OGPs uavhengige evalueringsmekanisme; den nasjonale IRM-forskeren deltar i interessentforumet.",
    ),
    # Others: a consultancy, professional associations and the municipal sector's organisation
    _org("advokatforeningen", "Advokatforeningen", "other", NO),
    _org("kommunikasjonsforeningen", "Kommunikasjonsforeningen", "other", NO),
    _org("scanteam", "Scanteam", "other", NO),
    _org(
        "ks",
        "KS – Kommunesektorens interesse- og arbeidsgiverorganisasjon",
        "other",
        NO,
        "Kommunesektorens organisasjon. KS' etikkutvalg oppfordrer kommunene til å engasjere seg i OGP.",
    ),
)

# Agencies that the Norwegian commitments name as supporting institutions.
NORWEGIAN_AGENCIES: tuple[OrganisationData, ...] = (
    _org("arkivverket", "Arkivverket", "agency", NO),
    _org("bronnoysundregistrene", "Brønnøysundregistrene", "agency", NO),
    _org("digitaliseringsdirektoratet", "Digitaliseringsdirektoratet (Digdir)", "agency", NO),
    _org("direktoratet-for-byggkvalitet", "Direktoratet for byggkvalitet (DiBK)", "agency", NO),
    _org("dfo", "Direktoratet for forvaltning og økonomistyring (DFØ)", "agency", NO),
    _org("kartverket", "Kartverket", "agency", NO),
    _org("nve", "Norges vassdrags- og energidirektorat (NVE)", "agency", NO),
    _org("statistisk-sentralbyra", "Statistisk sentralbyrå (SSB)", "agency", NO),
    _org("datatilsynet", "Datatilsynet", "agency", NO),
)

DANISH_ORGANISATIONS: tuple[OrganisationData, ...] = (
    _org(
        DENMARK_COORDINATOR,
        "Digitaliseringsstyrelsen",
        "agency",
        DK,
        "Koordinerer Danmarks arbejde i Open Government Partnership under Finansministeriet.",
    ),
    _org("finansministeriet", "Finansministeriet", "ministry", DK),
    _org("udenrigsministeriet", "Udenrigsministeriet", "ministry", DK),
    _org("erhvervsministeriet", "Erhvervsministeriet", "ministry", DK),
    _org("borne-og-socialministeriet", "Børne- og Socialministeriet", "ministry", DK),
    _org("erhvervsstyrelsen", "Erhvervsstyrelsen", "agency", DK),
    _org("rigsarkivet", "Rigsarkivet", "agency", DK),
    _org("miljostyrelsen", "Miljøstyrelsen", "agency", DK),
    _org("sundhedsdatastyrelsen", "Sundhedsdatastyrelsen", "agency", DK),
    _org("styrelsen-for-it-og-laering", "Styrelsen for It og Læring", "agency", DK),
    _org(
        "styrelsen-for-dataforsyning-og-effektivisering", "Styrelsen for Dataforsyning og Effektivisering", "agency", DK
    ),
    _org("center-for-offentlig-innovation", "Center for Offentlig Innovation", "agency", DK),
    _org("aarhus-kommune", "Aarhus Kommune", "municipality", DK),
    _org("silkeborg-kommune", "Silkeborg Kommune", "municipality", DK),
    _org("kl", "KL – Kommunernes Landsforening", "other", DK),
    _org(
        "open-data-dk",
        "Open Data DK",
        "other",
        DK,
        "Forening af danske kommuner og regioner, der deler åbne data på en fælles portal.",
    ),
    _org("transparency-international-danmark", "Transparency International Danmark", "civil_society", DK),
    _org("open-knowledge-danmark", "Open Knowledge Danmark", "civil_society", DK),
)

# In creation order (the municipality's own organisation is in samskap.demo.municipality).
ORGANISATIONS: tuple[OrganisationData, ...] = (
    NORWEGIAN_MINISTRIES + NORWEGIAN_STAKEHOLDERS + NORWEGIAN_AGENCIES + DANISH_ORGANISATIONS
)

# Other names (organisation slug, name): the English names OGP's commitment spreadsheet uses (its rows
# for Norway and Denmark name "Ministry of Local Government and Modernisation", "Ministry of Finance",
# "Ministry of Foreign Affairs" and "Danish Business Agency"), and the usual abbreviations.
ALIASES: tuple[tuple[str, str], ...] = (
    (NORWAY_COORDINATOR, "Ministry of Local Government and Modernisation"),
    (NORWAY_COORDINATOR, "KMD"),
    ("finansdepartementet", "Ministry of Finance"),
    ("finansdepartementet", "FIN"),
    ("utenriksdepartementet", "Ministry of Foreign Affairs"),
    ("utenriksdepartementet", "UD"),
    ("kulturdepartementet", "Ministry of Culture"),
    ("kulturdepartementet", "KUD"),
    ("justis-og-beredskapsdepartementet", "Ministry of Justice and Public Security"),
    ("justis-og-beredskapsdepartementet", "JD"),
    ("naerings-og-fiskeridepartementet", "Ministry of Trade, Industry and Fisheries"),
    ("naerings-og-fiskeridepartementet", "NFD"),
    ("olje-og-energidepartementet", "Ministry of Petroleum and Energy"),
    ("olje-og-energidepartementet", "OED"),
    (DENMARK_COORDINATOR, "Danish Agency for Digitisation"),
    (DENMARK_COORDINATOR, "Agency for Digitisation"),
    ("finansministeriet", "Ministry of Finance"),
    ("udenrigsministeriet", "Ministry of Foreign Affairs"),
    ("udenrigsministeriet", "Ministry of Foreign Affairs of Denmark"),
    ("erhvervsministeriet", "Ministry of Industry, Business and Financial Affairs"),
    ("erhvervsstyrelsen", "Danish Business Agency"),
)
