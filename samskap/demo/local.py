"""Demo local governments taking part, as KS' ethics committee encourages (seed 004): municipalities and
counties report their own openness activities to KMD as OGP activities, or make their own plan.

Fjordvik kommune (samskap/demo/municipality.py) has its own plan. Here a made-up county, Vestfjord
fylkeskommune, and a made-up municipality, Havøy kommune, join through the request flow and report
activities on the topics KS names: openness when elected bodies meet digitally (accepted), public data
made available to municipalities (waiting for review); and Havøy's journal in eInnsyn, a good example
linked to the national eInnsyn commitment (plan 4, NO0056). A third, Nordli kommune, has asked to take part
and waits for an answer. The places are made up, so that no real municipality is credited with work it
never did; the coordinators' addresses are at the reserved example.no domain.

Everything goes through the local app's services, so the history records it. Idempotent: a request is
found by its form token (a UUID derived from the name), an activity by its local government and title. The
county's activity carries one small text document, a summary of its guidelines written for the demo.
"""

import datetime
import uuid
from collections import Counter
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from samskap.accounts.models import User
from samskap.commitments.models import Commitment
from samskap.demo.users import DEMO_PASSWORD, NORWAY_COORDINATOR_EMAIL
from samskap.jurisdictions.models import Jurisdiction
from samskap.local import services
from samskap.local.models import Activity, JoinRequest, OgpValue
from samskap.plans.models import Theme

NAMESPACE = uuid.UUID("8d6f3b0a-7f4e-4c1e-9a7d-2b5e1c0f4a61")  # form tokens of the demo's requests

REQUESTS: tuple[dict[str, Any], ...] = (
    {
        "name": "Vestfjord fylkeskommune",
        "kind": "county",
        "organisation_number": "974000001",
        "contact_name": "Eirik Demo",
        "email": "post@vestfjord.example.no",
        "coordinator_name": "Eirik Demo",
        "coordinator_email": "fylke@example.no",
        "motivation": (
            "Fylkestinget møtes nå ofte digitalt. Vi vil melde inn arbeidet med åpne digitale møter som en "
            "OGP-aktivitet."
        ),
        "accept": True,
    },
    {
        "name": "Havøy kommune",
        "kind": "municipality",
        "organisation_number": "964000002",
        "contact_name": "Nina Demo",
        "email": "postmottak@havoy.example.no",
        "coordinator_name": "Nina Demo",
        "coordinator_email": "havoy@example.no",
        "motivation": "Vi har tatt i bruk eInnsyn og vil dele erfaringene som et eksempel for andre kommuner.",
        "accept": True,
    },
    {
        "name": "Nordli kommune",
        "kind": "municipality",
        "organisation_number": "964000003",
        "contact_name": "Tor Demo",
        "email": "postmottak@nordli.example.no",
        "coordinator_name": "Tor Demo",
        "coordinator_email": "nordli@example.no",
        "motivation": (
            "Kommunestyret har vedtatt å arbeide for mer åpenhet og innbyggermedvirkning. Vi vurderer å lage en "
            "egen OGP-handlingsplan, en tilpasset variant av Norges handlingsplan."
        ),
        "accept": False,  # waits for the national coordinator's answer
    },
)

ACTIVITIES: tuple[dict[str, Any], ...] = (
    {
        "place": "Vestfjord fylkeskommune",
        "title": "Åpenhet når fylkestinget møtes digitalt",
        "description": (
            "Fylkestinget og hovedutvalgene holdt under pandemien mange møter helt eller delvis digitalt. "
            "Fylkeskommunen har laget retningslinjer som sikrer møteoffentlighet også i digitale møter: alle åpne "
            "møter strømmes, opptakene legges ut sammen med sakspapirene, og det er klare regler for når og "
            "hvordan et møte kan lukkes. KS' etikkutvalg pekte på åpenhet i beslutningsprosesser ved økt bruk av "
            "digitale møter i folkevalgte organer som et aktuelt tema."
        ),
        "ogp_value": OgpValue.ACCESS_TO_INFORMATION,
        "pillar": "Integritet og åpenhet i forvaltningen",
        "start_date": datetime.date(2020, 9, 1),
        "end_date": datetime.date(2021, 12, 31),
        "results": (
            "Retningslinjene ble vedtatt av fylkestinget. Alle åpne møter i 2021 ble strømmet og opptakene publisert."
        ),
        "links": ["https://vestfjord.example.no/politikk/digitale-moter"],
        "contact_name": "Eirik Demo",
        "review": "accept",
        # Written for the demo from the activity's own facts above: no real county's guidelines.
        "document": (
            "Retningslinjer for digitale møter i Vestfjord fylkeskommune, sammendrag.txt",
            "Retningslinjer for digitale møter i folkevalgte organer (sammendrag)\n\n"
            "Skrevet for demoen av Samskap; Vestfjord fylkeskommune er oppdiktet.\n\n"
            "1. Alle åpne møter i fylkestinget og hovedutvalgene strømmes direkte.\n"
            "2. Opptaket legges ut sammen med sakspapirene innen tre virkedager.\n"
            "3. Et møte kan bare lukkes etter kommuneloven § 11-5, og vedtaket om å lukke møtet tas i åpent møte.\n"
            "4. Innbyggere som vil følge et møte, finner lenken i møtekalenderen.\n",
        ),
    },
    {
        "place": "Havøy kommune",
        "title": "Postjournalen i eInnsyn",
        "description": (
            "Havøy kommune publiserer postjournalen i eInnsyn, slik at innbyggere og presse kan søke i kommunens "
            "journal og be om innsyn i dokumentene på samme sted som hos statlige virksomheter. Kommunen deler "
            "erfaringene med integrasjonen mot sak- og arkivsystemet og med rutinene for skjerming."
        ),
        "ogp_value": OgpValue.ACCESS_TO_INFORMATION,
        "pillar": "Integritet og åpenhet i forvaltningen",
        "commitment": "NO0056",
        "start_date": datetime.date(2020, 3, 1),
        "end_date": datetime.date(2021, 6, 30),
        "results": "Journalen publiseres daglig; innsynskravene behandles raskere enn før.",
        "links": ["https://einnsyn.no/"],
        "contact_name": "Nina Demo",
        "review": "accept",
        "good_example": True,
    },
    {
        "place": "Havøy kommune",
        "title": "Data staten samler inn, tilgjengelig for kommunen",
        "description": (
            "Kommunen ber om tilgang til data som statlige etater samler inn om kommunens innbyggere og "
            "næringsliv, slik at de kan brukes i planlegging og tjenesteutvikling. Aktiviteten kartlegger hvilke "
            "data kommunen trenger, og hvordan de kan gjøres tilgjengelige."
        ),
        "ogp_value": OgpValue.TECHNOLOGY_INNOVATION,
        "pillar": "Åpne data og viderebruk av offentlige data",
        "start_date": datetime.date(2021, 9, 1),
        "end_date": None,
        "results": "",
        "links": [],
        "contact_name": "Nina Demo",
        "review": None,  # sent; waits for the national coordinator's review
    },
)


def load_local(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    norway = jurisdictions["norge"]
    national = users[NORWAY_COORDINATOR_EMAIL]
    places: dict[str, Jurisdiction] = {}
    for data in REQUESTS:
        values = {k: v for k, v in data.items() if k != "accept"}
        values.update(time_zone="Europe/Oslo", default_language="nb", contact_phone="")
        token = uuid.uuid5(NAMESPACE, data["name"])
        request = JoinRequest.objects.filter(form_token=token).first()
        if request is None:
            request = services.ask_to_join(country=norway, form_token=token, values=values)
            services.confirm_join_request(request=request)
            created["requests to take part"] += 1
        if data["accept"] and request.status == JoinRequest.Status.PENDING:
            request = services.decide_join_request(actor=national, request=request, accept=True, reason="")
            # The invitation lets the coordinator choose a password; the demo gives its shared one.
            invited = User.objects.get(email=data["coordinator_email"])
            invited.set_password(DEMO_PASSWORD)
            invited.save(update_fields=["password"])
            created["local governments"] += 1
        if request.jurisdiction is not None:
            places[data["name"]] = request.jurisdiction
    plan4 = norway.plans.filter(label="4").first()
    for data in ACTIVITIES:
        place = places.get(data["place"])
        if place is None or Activity.objects.filter(jurisdiction=place, title=data["title"]).exists():
            continue
        coordinator = User.objects.filter(role_grants__jurisdiction=place, role_grants__role="coordinator").first()
        pillar = Theme.objects.filter(plan=plan4, title=data["pillar"]).first() if plan4 else None
        commitment = (
            Commitment.objects.filter(plan=plan4, identifier=data["commitment"]).first()
            if plan4 and data.get("commitment")
            else None
        )
        activity = services.save_activity(
            actor=coordinator,
            jurisdiction=place,
            values={
                **{k: data[k] for k in ("title", "description", "ogp_value", "start_date", "end_date", "results")},
                "links": data["links"],
                "contact_name": data["contact_name"],
                "contact_email": "",
                "pillar": pillar,
                "commitment": commitment,
            },
        )
        if "document" in data:
            name, text = data["document"]
            services.add_document(
                actor=coordinator,
                activity=activity,
                title=name.removesuffix(".txt"),
                upload=SimpleUploadedFile(name, text.encode(), content_type="text/plain"),
            )
            created["local activity documents"] += 1
        services.submit_activity(actor=coordinator, activity=activity)
        if data["review"] == "accept":
            services.review_activity(
                actor=national,
                activity=activity,
                decision=services.Decision.ACCEPT,
                good_example=data.get("good_example", False),
            )
        created["local activities"] += 1
