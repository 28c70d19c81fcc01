"""Published submissions for the benchmarks, in bulk: Norwegian text from a word list, so that word forms
such as "kommune", "kommunen", "kommunene" occur (the search's stemming has something to do).
Used by bench/generate.py (the main dataset) and bench/submission_search.py. Django must be set up."""

import datetime
import itertools
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


#: Half the words from each list, drawn in one call (`random.choices`), not a call or two per word.
POOL = WORDS + FILLER
CUMULATIVE = list(itertools.accumulate([0.5 / len(WORDS)] * len(WORDS) + [0.5 / len(FILLER)] * len(FILLER)))


def add_submissions(
    consultation: Any, count: int, rng: random.Random, responses: list[Any], *, start: datetime.datetime, first: int = 0
) -> int:
    """Insert `count` published submissions (60 % answered with one of `responses`), 5,000 at a time, as rows
    of values (`kernel.bulk.insert_rows`: no model instance per row, COPY on PostgreSQL)."""
    from django.db import transaction

    from samskap.consultations.models import Submission
    from samskap.consultations.text import normalise_for_search
    from samskap.kernel.bulk import insert_rows

    names = [
        "consultation_id", "form_token", "receipt", "confirmation_token", "name", "email", "respondent_type",
        "text", "consent", "status", "response_id", "search_text", "search_config", "submitted_at",
        "confirmed_at", "published_at",
    ]  # fmt: skip
    kinds = Submission.RespondentType.values
    batch: list[list[Any]] = []

    def flush() -> None:
        with transaction.atomic():
            insert_rows(Submission, names, batch)
        batch.clear()

    for n in range(first, first + count):
        words = rng.choices(POOL, cum_weights=CUMULATIVE, k=rng.randint(25, 90))
        text = " ".join(words).capitalize() + "."
        when = start + datetime.timedelta(seconds=(n - first) * 25)
        response = rng.choice(responses) if responses and rng.random() < 0.6 else None
        batch.append(
            [
                consultation.pk, uuid.UUID(int=rng.getrandbits(128)), f"B-{n:09d}", f"bench-{n}", f"Innsender {n}",
                f"innsender{n}@example.no", rng.choice(kinds), text, "named", Submission.Status.PUBLISHED,
                response.pk if response is not None else None, normalise_for_search(text), "norwegian", when, when,
                when,
            ]
        )  # fmt: skip
        if len(batch) == 5000:
            flush()
    if batch:
        flush()
    return count
