"""One demo account per role. All share the password below: demo only, never in production."""

from samskap.demo.organisations import DENMARK_COORDINATOR, NORWAY_COORDINATOR
from samskap.demo.types import UserData

DEMO_PASSWORD = "samskap-demo"  # noqa: S105 - published on purpose, so visitors can try each role

NORWAY_COORDINATOR_EMAIL = "koordinator@example.no"
DENMARK_COORDINATOR_EMAIL = "koordinator@example.dk"
KUD_EDITOR_EMAIL = "redaktor@example.no"
KMD_EDITOR_EMAIL = "redaktor-kmd@example.no"
MUNICIPALITY_COORDINATOR_EMAIL = "kommune@example.no"

USERS: tuple[UserData, ...] = (
    {
        "email": NORWAY_COORDINATOR_EMAIL,
        "full_name": "Kari Nordmann",
        "title": "Seniorrådgiver, Avdeling for IT- og forvaltningspolitikk",
        "organisation": NORWAY_COORDINATOR,
        "role": "coordinator",
        "scope": "norge",
    },
    {
        "email": DENMARK_COORDINATOR_EMAIL,
        "full_name": "Rune Demo",
        "title": "Fuldmægtig",
        "organisation": DENMARK_COORDINATOR,
        "role": "coordinator",
        "scope": "danmark",
    },
    {
        "email": KUD_EDITOR_EMAIL,
        "full_name": "Ola Nordmann",
        "title": "Rådgiver",
        "organisation": "kulturdepartementet",
        "role": "editor",
        "scope": "kulturdepartementet",
    },
    {
        "email": KMD_EDITOR_EMAIL,
        "full_name": "Ingrid Demo",
        "title": "Rådgiver",
        "organisation": NORWAY_COORDINATOR,
        "role": "editor",
        "scope": NORWAY_COORDINATOR,
    },
    {
        "email": MUNICIPALITY_COORDINATOR_EMAIL,
        "full_name": "Siri Demo",
        "title": "Rådgiver, rådmannens stab",
        "organisation": "fjordvik-kommune",
        "role": "coordinator",
        "scope": "fjordvik",
    },
    {
        "email": "reviewer@example.org",
        "full_name": "Pål Demo",
        "title": "Uavhengig forsker (IRM)",
        "organisation": None,
        "role": "reviewer",
        "scope": None,
    },
    {
        "email": "moderator@example.org",
        "full_name": "Mona Demo",
        "organisation": None,
        "role": "moderator",
        "scope": None,  # everywhere
    },
    {
        "email": "admin@example.org",
        "full_name": "Admin Demo",
        "organisation": None,
        "role": None,
        "scope": None,
        "superuser": True,
    },
)
