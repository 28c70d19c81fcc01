"""Published submissions for the benchmarks, in bulk: Norwegian text from a word list, so that word forms
such as "kommune", "kommunen", "kommunene" occur (the search's stemming has something to do).
Used by bench/generate.py (the main dataset) and bench/submission_search.py. Django must be set up."""

import datetime
import random
import uuid
from typing import Any

WORDS = [
    "kommune",
    "kommunen",
    "kommunene",
    "kommuner",
    "fylke",
    "fylket",
    "fylkene",
    "departement",
    "departementet",
    "åpenhet",
    "innsyn",
    "postjournal",
    "postjournalen",
    "postjournaler",
    "offentlig",
    "offentlige",
    "data",
    "dataene",
    "åpne",
    "tilgjengelig",
    "innbyggere",
    "innbyggerne",
    "medvirkning",
    "ansvarlighet",
    "korrupsjon",
    "anskaffelser",
    "anskaffelsene",
    "regnskap",
    "budsjett",
    "budsjettet",
    "skole",
    "skolen",
    "helse",
    "helsedata",
    "miljø",
    "klima",
    "veier",
    "trafikk",
    "kart",
    "eiendom",
    "register",
    "registeret",
    "eierskap",
    "reelle",
    "rettighetshavere",
    "algoritmer",
    "kunstig",
    "intelligens",
    "ungdom",
    "ungdommen",
    "frivillige",
    "organisasjoner",
    "lag",
    "foreninger",
    "høring",
    "høringen",
    "handlingsplan",
    "forpliktelse",
    "forpliktelsene",
]
FILLER = [
    "og",
    "i",
    "på",
    "for",
    "at",
    "som",
    "med",
    "til",
    "av",
    "det",
    "er",
    "om",
    "de",
    "ikke",
    "vi",
    "bør",
    "skal",
    "kan",
    "må",
    "mer",
]


def add_submissions(
    consultation: Any, count: int, rng: random.Random, responses: list[Any], *, start: datetime.datetime, first: int = 0
) -> int:
    """Insert `count` published submissions (60 % answered with one of `responses`), 5,000 at a time."""
    from django.db import transaction

    from samskap.consultations.models import Submission
    from samskap.consultations.text import normalise_for_search

    kinds = Submission.RespondentType.values
    batch: list[Submission] = []
    for n in range(first, first + count):
        words = [rng.choice(WORDS if rng.random() < 0.5 else FILLER) for _ in range(rng.randint(25, 90))]
        text = " ".join(words).capitalize() + "."
        when = start + datetime.timedelta(seconds=(n - first) * 25)
        batch.append(
            Submission(
                consultation=consultation,
                form_token=uuid.UUID(int=rng.getrandbits(128)),
                receipt=f"B-{n:09d}",
                confirmation_token=f"bench-{n}",
                name=f"Innsender {n}",
                email=f"innsender{n}@example.no",
                respondent_type=rng.choice(kinds),
                text=text,
                consent="named",
                status=Submission.Status.PUBLISHED,
                response=rng.choice(responses) if responses and rng.random() < 0.6 else None,
                search_text=normalise_for_search(text),
                search_config="norwegian",
                submitted_at=when,
                confirmed_at=when,
                published_at=when,
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Submission.objects.bulk_create(batch)
            batch = []
    if batch:
        Submission.objects.bulk_create(batch)
    return count
