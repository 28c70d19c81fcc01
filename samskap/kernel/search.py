"""Search text: one stemmer for the whole site and the database's full-text search where there is one.

On PostgreSQL a query is matched with the database's own stemmers (`danish`, `norwegian`, `english`),
chosen by the language of the jurisdiction the text belongs to. On SQLite (development, tests) the
words are stemmed here, with the common Norwegian and Danish endings stripped, and each stem must
start a word of the text (an approximation: "kommunernes", "kommunenes" and "kommunen" all become
"kommun"). The site search (`kernel.registry.search_sources`) and the consultations' submission
search both use it.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, models
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

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


class StoredSearchText(models.Model):
    """A model whose searchable text is also stored normalised (`normalise_for_search` of `SEARCH_FIELDS`).

    The one owner of "this row's search text": `save()` fills it, and writers that bypass `save()`
    (`bulk_create`, `bulk_update`) call `refresh_search_text` on their objects first and write
    `search_text` with the rest. On PostgreSQL a migration adds a trigram index on it and a generated
    `search_vector` (the fields stemmed by every configuration of `CONFIGS`, GIN-indexed), so matching
    reads stored, indexed values instead of computing a vector per row (see `matching_stored`).
    """

    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ()

    search_text = models.TextField(blank=True, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.search_document()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCH_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def search_document(self) -> str:
        return normalise_for_search(*(str(getattr(self, name) or "") for name in self.SEARCH_FIELDS))


def refresh_search_text(objects: Iterable[StoredSearchText]) -> list[str]:
    """Fill the search text of objects about to be written in bulk; the field name(s) to add to a
    `bulk_update`'s fields."""
    for item in objects:
        item.search_text = item.search_document()
    return ["search_text"]


def search_vector_sql(fields: Sequence[str]) -> str:
    """The generated `search_vector` of a `StoredSearchText` table on PostgreSQL: the fields stemmed by each
    configuration (which one applies is decided per row at query time, from its government's language)."""
    text = " || ' ' || ".join(f"coalesce({name}, '')" for name in fields)
    configs = [*dict.fromkeys(CONFIGS.values()), "simple"]
    return " || ".join(f"to_tsvector('{config}'::regconfig, {text})" for config in configs)


def add_stored_search_sql(table: str, fields: Sequence[str]) -> list[str]:
    """PostgreSQL statements of a migration that makes `table` a `StoredSearchText` table."""
    vector = search_vector_sql(fields)
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
        f"CREATE INDEX {table}_search_text_trgm ON {table} USING gin (search_text gin_trgm_ops)",
    ]


def fill_search_text(model: type[models.Model], fields: Sequence[str], *, batch: int = 2000) -> None:
    """A data migration's part: the search text of every existing row, in batches of `batch` rows
    (a historical model has neither `SEARCH_FIELDS` nor `search_document`, hence the fields here)."""
    last = 0
    while True:
        rows = list(model._default_manager.filter(pk__gt=last).order_by("pk").only("pk", *fields)[:batch])
        if not rows:
            return
        for row in rows:
            row.search_text = normalise_for_search(*(str(getattr(row, name) or "") for name in fields))  # type: ignore[attr-defined]
        model._default_manager.bulk_update(rows, ["search_text"])
        last = rows[-1].pk


def matching_stored(queryset: QuerySet[Any], query: str, *, language_path: str) -> QuerySet[Any]:
    """`matching` over a `StoredSearchText` model's stored columns: the same rows, found through indexes.

    Every stem of the query must occur in the stored stems (as `matching` looks for it in the fields; the
    stored text is stemmed the same way); on PostgreSQL a row also matches through its language's own
    stemmer, read from the stored `search_vector` instead of a vector computed per row and request.
    """
    query = query.replace("\x00", "").strip()[:200]
    words = [word for word in search_words(query) if len(word) > 1][:10]
    if not words:
        return queryset.none()
    stems = Q()
    for word in words:
        stems &= Q(search_text__contains=word)
    if connection.vendor != "postgresql":
        return queryset.filter(stems)
    table = queryset.model._meta.db_table
    languages: dict[str, list[str]] = {}
    for code, config in CONFIGS.items():
        languages.setdefault(config, []).append(code)
    known = [code for codes in languages.values() for code in codes]

    def vector_matches(config: str) -> Q:
        # The table name is the model's own, the config and the query are parameters.
        sql = f"{table}.search_vector @@ plainto_tsquery(%s::regconfig, %s)"
        return Q(RawSQL(sql, [config, query], BooleanField()))  # noqa: S611

    # The indexable part first, on the row's own table (a BitmapOr of the trigram and the vector index);
    # then which stemmer applies to the row, from its government's language.
    # The stored vectors are tested before the text: PostgreSQL stops at the first true branch, and a
    # vector is cheaper to test than a long text is to scan.
    any_vector = Q()
    condition = Q()
    for config, codes in languages.items():
        any_vector |= vector_matches(config)
        condition |= Q(**{f"{language_path}__in": codes}) & vector_matches(config)
    any_vector |= vector_matches("simple")
    condition |= ~Q(**{f"{language_path}__in": known}) & vector_matches("simple")
    found: QuerySet[Any] = queryset.filter(any_vector | stems).filter(condition | stems)
    return found


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
