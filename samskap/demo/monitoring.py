"""Demo status round: KMD asks the ministries for the status of plan 4 as of 1 December 2020.

Facts from seed 003 (KMD's letter of 12 April 2021): "KMD har bedt departementene om å oppdatere milepælene
og å angi status for arbeidet med sine respektive forpliktelser"; Kulturdepartementet updated the status of
the guidance on record-keeping "pr. 1.12.2020" and had reported that the open cultural data strategy was
finished; KMD updated eInnsyn and the digital planning and building processes; Justisdepartementet the
anti-corruption commitment; Finansdepartementet the register of beneficial owners; Nærings- og
fiskeridepartementet reformulated the procurement commitment. Written for the demo: the dates of the round
(started 16 November, due 15 December 2020), Nærings- og fiskeridepartementet answering three days late,
Olje- og energidepartementet (not named in the letter) not answering, and evidence links on example.no.

The round is left collecting answers, not published: the coordinator's demo account reviews the answers and
can publish them. (Plan 4's demo data already holds progress updates dated 1 December 2020 for two of its
commitments; publishing on load would give them a second one.)
"""

import datetime
import zoneinfo
from collections import Counter

from samskap.accounts.models import RoleGrant, User
from samskap.monitoring import services
from samskap.monitoring.models import StatusRequest, StatusRound
from samskap.monitoring.services import CommitmentValues, MilestoneValues
from samskap.plans.models import ActionPlan

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
AS_OF = datetime.date(2020, 12, 1)
DUE = datetime.date(2020, 12, 15)
STARTED = datetime.datetime(2020, 11, 16, 10, 0, tzinfo=OSLO)

LETTER = (
    "Handlingsplan 4 skal jevnlig oppdateres. Kommunal- og moderniseringsdepartementet ber derfor departementene "
    "om å oppdatere milepælene og å angi status for arbeidet med sine respektive forpliktelser per 1. desember "
    "2020, innen 15. desember. Oppdateringene sendes samlet til Interessentforumet."
)

# Identifier -> (completion, what was done, what is late and why, what comes next)
ANSWERS: dict[str, tuple[str, str, str, str]] = {
    "NO0055": (
        "limited",
        "Kartleggingen er gjennomført sammen med Arkivverket, og et utkast til veiledning er skrevet.",
        "Høringen av utkastet er utsatt til 2021 fordi arkivmiljøet har hatt mindre kapasitet under covid-19.",
        "Utkastet sendes på høring til arkivmiljøet, pressen og sivilsamfunnet.",
    ),
    "NO0057": (
        "complete",
        "Arbeidet med å gjennomføre strategien for åpne kulturdata er avsluttet.",
        "",
        "Kulturdepartementet foreslår ikke å videreføre forpliktelsen i neste plan.",
    ),
    "NO0056": (
        "substantial",
        "Flere kommuner og fylkeskommuner er koblet til eInnsyn, og forpliktelsen er oppdatert og justert.",
        "Tilkoblingen av de siste kommunene tar lengre tid enn planlagt.",
        "Arbeidet med å koble til flere kommuner fortsetter i 2021.",
    ),
    "NO0059": (
        "limited",
        "Oversikten over milepælene er oppdatert.",
        "",
        "Videre arbeid med digitale plan- og byggesaksprosesser er skissert for 2021.",
    ),
    "NO0060": (
        "limited",
        "Forpliktelsen er omformulert etter innspill fra Direktoratet for økonomistyring: anskaffelsesprosessen "
        "skal heldigitaliseres.",
        "Omformuleringen tok tid, og svaret kommer derfor etter fristen.",
        "Den omformulerte forpliktelsen legges fram for Interessentforumet.",
    ),
    "NO0061": (
        "substantial",
        "Forpliktelsen om å etablere et register over reelle rettighetshavere er oppdatert.",
        "",
        "Arbeidet med registeret fortsetter.",
    ),
    "NO0062": (
        "substantial",
        "Forpliktelsen om å forebygge korrupsjon er oppdatert.",
        "",
        "Arbeidet fortsetter som planlagt.",
    ),
}

# Institution slug -> when it answered (NFD three days late; OED, not in the list, never does).
ANSWERED: dict[str, datetime.datetime] = {
    "kulturdepartementet": datetime.datetime(2020, 12, 10, 14, 0, tzinfo=OSLO),
    "finansdepartementet": datetime.datetime(2020, 12, 11, 9, 30, tzinfo=OSLO),
    "kommunal-og-moderniseringsdepartementet": datetime.datetime(2020, 12, 14, 16, 0, tzinfo=OSLO),
    "justis-og-beredskapsdepartementet": datetime.datetime(2020, 12, 15, 15, 0, tzinfo=OSLO),
    "naerings-og-fiskeridepartementet": datetime.datetime(2020, 12, 18, 11, 0, tzinfo=OSLO),
}


def load_monitoring(*, users: dict[str, User], created: Counter[str]) -> None:
    """Load KMD's status round for plan 4 unless it is there."""
    coordinator = users["koordinator@example.no"]
    plan = ActionPlan.objects.get(jurisdiction__slug="norge", label="4")
    if StatusRound.objects.filter(plan=plan, as_of=AS_OF).exists():
        return
    status_round = services.start_round(
        actor=coordinator,
        plan=plan,
        values={"as_of": AS_OF, "due_date": DUE, "letter": LETTER, "reminder_offsets": "7,1,-3"},
        organisations=list(services.default_institutions(plan)),
        now=STARTED,
    )
    created["status rounds"] += 1
    for request in status_round.requests.select_related("organisation", "round__plan"):
        moment = ANSWERED.get(request.organisation.slug)
        if moment is None:
            continue
        _answer(request, moment, coordinator)
        created["status answers"] += 1


def _answer(request: StatusRequest, moment: datetime.datetime, coordinator: User) -> None:
    # The institution's demo editor answers; a ministry without one sent its answer to KMD, who entered it.
    editor = User.objects.filter(
        role_grants__role=RoleGrant.Role.EDITOR, role_grants__organisation=request.organisation
    ).first()
    milestones: dict[int, MilestoneValues] = {}
    commitments: dict[int, CommitmentValues] = {}
    for commitment in services.commitments_of(request):
        for milestone in commitment.milestones.all():
            links = list(milestone.evidence_links)
            if milestone.status == "completed" and not links:
                links = [f"https://example.no/dokumentasjon/{commitment.identifier.lower()}-{milestone.order}"]
            milestones[milestone.pk] = MilestoneValues(milestone.status, links)
        completion, done, delayed, next_steps = ANSWERS[commitment.identifier]
        commitments[commitment.pk] = CommitmentValues(completion, done, delayed, next_steps)
    services.save_answers(
        actor=editor or coordinator,
        request=request,
        milestones=milestones,
        commitments=commitments,
        submit=True,
        now=moment,
    )
