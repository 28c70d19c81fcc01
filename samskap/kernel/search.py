"""Search text: one stemmer for the whole site and the database's full-text search where there is one.

On PostgreSQL a query is matched with the database's own stemmers (`danish`, `norwegian`, `english`),
chosen by the language of the jurisdiction the text belongs to. On SQLite (development, tests) the
words are stemmed here, with the common Norwegian and Danish endings stripped, and each stem must
start a word of the text (an approximation: "kommunernes", "kommunenes" and "kommunen" all become
"kommun"). The site search (`kernel.registry.search_sources`) and the consultations' submission
search both use it.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

# Endings of Norwegian and Danish nouns, adjectives and verbs (definite, plural, genitive), longest first.
SUFFIXES = (
    "ernes", "enes", "erne", "ene", "ane", "ers", "ets", "ert", "er", "en", "et", "ar", "e", "a",
)  # fmt: skip
MIN_STEM = 4
WORD = re.compile(r"\w+", re.UNICODE)
CONFIGS = {"nb": "norwegian", "nn": "norwegian", "no": "norwegian", "da": "danish", "en": "english"}


def stem(word: str) -> str:
    """A word's stem: lower case, the genitive s and then up to two endings stripped, at least 4 letters left."""
    word = word.lower()
    if word.endswith("s") and not word.endswith("ss") and len(word) - 1 >= MIN_STEM:
        word = word[:-1]
    for _pass in range(2):
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def search_words(text: str) -> list[str]:
    return [stem(word) for word in WORD.findall(text or "")]


def normalise_for_search(*texts: str) -> str:
    words = []
    for text in texts:
        words.extend(search_words(text))
    return " " + " ".join(words) + " "


def search_config(language: str) -> str:
    return CONFIGS.get(language, "simple")


def matching(queryset: QuerySet[Any], fields: Sequence[str], query: str, *, language_path: str) -> QuerySet[Any]:
    """The rows of `queryset` whose `fields` match `query` (all of its words).

    `language_path` leads from the row to its language code (e.g. "jurisdiction__default_language").
    Everywhere, a row matches when every stem of the query occurs in one of the fields; on PostgreSQL a
    row also matches through its language's own stemmer (full-text search).
    """
    query = query.strip()[:200]
    words = [word for word in search_words(query) if len(word) > 1][:10]
    if not words:
        return queryset.none()
    stems = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        stems &= any_field
    if connection.vendor == "postgresql":
        # The language's own stemmer, or the Nordic approximation (a Danish form in a Norwegian text).
        condition = stems
        languages: dict[str, list[str]] = {}
        for code, config in CONFIGS.items():
            languages.setdefault(config, []).append(code)
        annotations = {}
        for config, codes in languages.items():
            name = f"_search_{config}"
            annotations[name] = SearchVector(*fields, config=config)
            condition |= Q(**{f"{language_path}__in": codes, name: SearchQuery(query, config=config)})
        known = [code for codes in languages.values() for code in codes]
        annotations["_search_simple"] = SearchVector(*fields, config="simple")
        condition |= ~Q(**{f"{language_path}__in": known}) & Q(_search_simple=SearchQuery(query, config="simple"))
        found: QuerySet[Any] = queryset.alias(**annotations).filter(condition)
        return found
    return queryset.filter(stems)
