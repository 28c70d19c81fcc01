"""Search text: one stemmer for the whole site and the database's full-text search where there is one.

On PostgreSQL a query is matched with the database's own stemmers (`danish`, `norwegian`, `english`),
chosen by the language of the jurisdiction the text belongs to. On SQLite (development, tests) the
words are stemmed here, with the common Norwegian and Danish endings stripped, and each stem must
start a word of the text (an approximation: "kommunernes", "kommunenes" and "kommunen" all become
"kommun"). The site search (`kernel.registry.search_sources`) and the consultations' submission
search both use it.
"""

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from django.apps import apps
from django.db import connection, migrations, models, transaction
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

# Endings of Norwegian and Danish nouns, adjectives and verbs (definite, plural, genitive), longest first.
SUFFIXES = (
    "ernes", "enes", "erne", "ene", "ane", "ers", "ets", "ert", "er", "en", "et", "ar", "e", "a",
)  # fmt: skip
MIN_STEM = 4
WORD = re.compile(r"\w+", re.UNICODE)
CONFIGS = {"nb": "norwegian", "nn": "norwegian", "no": "norwegian", "da": "danish", "en": "english"}


@functools.lru_cache(maxsize=1 << 16)  # texts repeat their words: an import of 55,800 rows stems 30 million
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


def distinct_search_words(*texts: str) -> str:
    """`normalise_for_search` with each stem once, in the order first seen: what a `StoredSearchText` row
    stores. A stem is looked for inside one stored word (`contains`, the trigram indexes), never across two,
    so a repeat finds nothing more; without repeats a long text is half as long to store and to index."""
    words: dict[str, None] = {}
    for text in texts:
        # Each word stemmed once: the first of a stem's words comes first among the distinct words too.
        words.update(dict.fromkeys(map(stem, dict.fromkeys(WORD.findall(text or "")))))
    return " " + " ".join(words) + " "


def search_config(language: str) -> str:
    return CONFIGS.get(language, "simple")


#: The `search_config` of a `StoredSearchText` row written by a bulk writer and not indexed yet
#: (`mark_search_pending`): its `search_text` is empty, its PostgreSQL vector NULL, so no search finds it
#: until `index_pending` has filled both. No language's configuration is empty.
PENDING = ""
#: Rows indexed per transaction by `index_pending`.
INDEX_BATCH = 500


def pending_search_index(name: str) -> models.Index:
    """A `StoredSearchText` model's partial index of its pending rows: `index_pending` finds them without
    reading the table (SQLite would otherwise read every row's long texts to reach `search_config`)."""
    return models.Index(fields=["id"], condition=Q(search_config=PENDING), name=name)


class StoredSearchText(models.Model):
    """A model whose searchable text is also stored normalised (`distinct_search_words` of `SEARCH_FIELDS`),
    with the text-search configuration of its government's language (`search_config`, from `SEARCH_LANGUAGE`).

    The one owner of "this row's search text": `save()` fills both, and writers that bypass `save()`
    (`bulk_create`, `bulk_update`, `kernel.bulk`) call `refresh_search_text` on their objects first and write
    the fields it names with the rest; or, for an import of thousands, `mark_search_pending`, and the rows are
    indexed after the import commits (`index_pending`, run by the task `kernel.tasks.index_search`). On
    PostgreSQL a migration adds a trigram index on the text and a generated `search_vector`
    (`search_vector_per_row`: the fields stemmed by the row's own configuration only, GIN-indexed), so
    matching reads stored, indexed values instead of computing a vector per row (see `matching_stored`). A
    change of a government's language is followed with `follow_search_language`. On SQLite the migration
    calls `ensure_fts(connection, table, tokenize=TRIGRAMS)` and the app's `post_migrate` does it again
    (SQLite's table rebuilds drop triggers).
    """

    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ()
    #: The path from a row to its government's language code (e.g. "plan__jurisdiction__default_language").
    SEARCH_LANGUAGE: ClassVar[str] = ""

    search_text = models.TextField(blank=True, editable=False, default="")
    search_config = models.CharField(max_length=20, blank=True, editable=False, default="simple")

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.search_document()
        update_fields = kwargs.get("update_fields")
        relation = self.SEARCH_LANGUAGE.partition("__")[0]
        # A pending row (see `mark_search_pending`) saved by a service is indexed now, whatever it saves.
        pending = "search_config" not in self.get_deferred_fields() and self.search_config == PENDING
        configure = pending or update_fields is None or bool({relation, f"{relation}_id"} & set(update_fields))
        if configure:
            self.search_config = search_config(self.search_language())
        if update_fields is not None:
            more = {"search_text"} if pending or set(update_fields) & set(self.SEARCH_FIELDS) else set()
            if configure:
                more.add("search_config")
            if more:
                kwargs["update_fields"] = {*update_fields, *more}
        super().save(*args, **kwargs)

    def search_document(self) -> str:
        return distinct_search_words(*(str(getattr(self, name) or "") for name in self.SEARCH_FIELDS))

    def search_language(self) -> str:
        """The language code at the end of `SEARCH_LANGUAGE`: read through the relations already loaded,
        else in one query from the first relation's key; "" without a `SEARCH_LANGUAGE` (the "simple" stemmer)."""
        if not self.SEARCH_LANGUAGE:
            return ""
        relation, _, rest = self.SEARCH_LANGUAGE.partition("__")
        field = self._meta.get_field(relation)
        if not field.is_cached(self):  # type: ignore[union-attr]
            key = getattr(self, field.attname)  # type: ignore[union-attr]
            model = field.related_model._default_manager  # type: ignore[union-attr]
            return str(model.filter(pk=key).values_list(rest, flat=True).first() or "")
        value: Any = self
        for name in self.SEARCH_LANGUAGE.split("__"):
            value = getattr(value, name)
        return str(value or "")


def refresh_search_text(objects: Iterable[StoredSearchText]) -> list[str]:
    """Fill the search text and configuration of objects about to be written in bulk; the field names to
    add to a `bulk_update`'s fields. Give the objects their relations loaded (a query per object else)."""
    for item in objects:
        item.search_text = item.search_document()
        item.search_config = search_config(item.search_language())
    return ["search_text", "search_config"]


def mark_search_pending(objects: Iterable[StoredSearchText]) -> list[str]:
    """For a bulk writer (an import), instead of `refresh_search_text`: the objects about to be written are
    stored pending (`PENDING`), which costs the write no stemming and PostgreSQL no vector; the field names
    to add to a `bulk_update`'s fields. The writer enqueues the indexing after its transaction commits
    (`kernel.tasks.index_search_after_commit`). Until then every page, API and download shows the rows;
    only the search does not find them."""
    for item in objects:
        item.search_text = ""
        item.search_config = PENDING
    return ["search_text", "search_config"]


def stored_search_models() -> list[type[StoredSearchText]]:
    return [model for model in apps.get_models() if issubclass(model, StoredSearchText)]


def pending_count() -> int:
    """How many rows of every `StoredSearchText` model wait for `index_pending`."""
    return sum(model._default_manager.filter(search_config=PENDING).count() for model in stored_search_models())


def index_pending_batch(model: type[StoredSearchText], batch: int | None = None) -> int:
    """Index up to `batch` pending rows of `model` in one transaction, as `refresh_search_text` would; the
    number of rows written. Only rows still pending are written: a row a service saved meanwhile holds its
    own fresh text. On PostgreSQL the rows read are locked and locked ones skipped, so two workers index
    different rows; elsewhere (SQLite writes one at a time) a second worker's batch is written only where
    still pending."""
    language = model.SEARCH_LANGUAGE
    relations = language.rpartition("__")[0]
    # The batch's GIN entries merged at its end in one sorted pass (see `bulk_search_writes`): with
    # PostgreSQL's 4 MB pending list, the trigram index's merges made an UPDATE of 2,800 rows take twice as
    # long (16.0 s against 5.9 + 2.6 s, measured in psql).
    with transaction.atomic(), bulk_search_writes(model):
        rows = model._default_manager.filter(search_config=PENDING).order_by("pk")
        rows = rows.only("pk", "search_config", *model.SEARCH_FIELDS, *([language] if relations else []))
        if relations:
            rows = rows.select_related(relations)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        items = list(rows[: batch or INDEX_BATCH])
        if not items:
            return 0
        refresh_search_text(items)
        # One UPDATE from a list of values: a `bulk_update`'s CASE of 500 branches per column cost more to
        # build in Python than the stemming. The table is the model's own; the values are parameters.
        # (SQLite and PostgreSQL both name a VALUES list's columns column1, column2 ...)
        table, key = model._meta.db_table, model._meta.pk.column
        rows_sql = ", ".join(["(%s, %s, %s)"] * len(items))
        sql = (
            f"UPDATE {table} SET search_text = v.column2, search_config = v.column3 "  # noqa: S608
            f"FROM (VALUES {rows_sql}) AS v WHERE {table}.{key} = v.column1 AND {table}.search_config = %s"
        )
        params = [value for item in items for value in (item.pk, item.search_text, item.search_config)]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, PENDING])
            return int(cursor.rowcount)


def index_pending(*, batches: int | None = None, batch: int | None = None) -> int:
    """Index the pending rows of every `StoredSearchText` model, `batch` rows per transaction, at most
    `batches` transactions (None: until none is left, or only rows another worker holds); the rows written.
    Idempotent: run twice, or by two workers at once, each row is indexed once."""
    written, done = 0, 0
    for model in stored_search_models():
        while batches is None or done < batches:
            count = index_pending_batch(model, batch)
            if not count:
                break
            written, done = written + count, done + 1
    return written


def follow_search_language(queryset: QuerySet[Any], language: str) -> int:
    """Give the `StoredSearchText` rows of `queryset` (those of one government) the configuration of its
    (new) `language`: one UPDATE of the rows that differ; PostgreSQL recomputes their vectors. Pending rows
    are left pending: `index_pending` reads the language when it indexes them."""
    config = search_config(language)
    return int(queryset.exclude(search_config__in=[config, PENDING]).update(search_config=config))


def fill_search_config(model: type[models.Model], language_path: str) -> None:
    """A data migration's part: every row's `search_config` from its language (one UPDATE per configuration)."""
    configs: dict[str, list[str]] = {}
    for code, config in CONFIGS.items():
        configs.setdefault(config, []).append(code)
    for config, codes in configs.items():
        model._default_manager.filter(**{f"{language_path}__in": codes}).update(search_config=config)


def search_vector_sql(fields: Sequence[str]) -> str:
    """The generated `search_vector` of a table searched with `matching(..., stored_vector=True)` on PostgreSQL:
    the fields stemmed by each configuration (which one applies is decided per row at query time, from its
    government's language)."""
    text = _search_vector_text(fields)
    configs = [*dict.fromkeys(CONFIGS.values()), "simple"]
    return " || ".join(f"to_tsvector('{config}'::regconfig, {text})" for config in configs)


def per_row_search_vector_sql(fields: Sequence[str], *, pending: bool = True) -> str:
    """The generated `search_vector` of a `StoredSearchText` table on PostgreSQL: the fields stemmed by the
    row's own `search_config` only (a quarter of the work of `search_vector_sql` on every write), NULL for
    a pending row (`pending`: nothing to stem until `index_pending` gives it its configuration). A CASE of
    constants, not `search_config::regconfig`: that cast reads the catalogue, and a generated column must be
    immutable."""
    text = _search_vector_text(fields)
    cases = " ".join(
        f"WHEN '{config}' THEN to_tsvector('{config}'::regconfig, {text})" for config in dict.fromkeys(CONFIGS.values())
    )
    if pending:
        cases = f"WHEN '{PENDING}' THEN NULL {cases}"
    return f"CASE search_config {cases} ELSE to_tsvector('simple'::regconfig, {text}) END"


def _search_vector_text(fields: Sequence[str]) -> str:
    return " || ' ' || ".join(f"coalesce({name}, '')" for name in fields)


def add_search_vector_sql(
    table: str, fields: Sequence[str], *, per_row: bool = False, pending: bool = True
) -> list[str]:
    """PostgreSQL statements of a migration that give `table` a generated, GIN-indexed `search_vector` of
    `fields` (`per_row`: stemmed by the row's `search_config`, see `matching_stored`, with a NULL vector for
    pending rows unless not `pending`; else by every configuration, see `matching(..., stored_vector=True)`).
    PostgreSQL computes it on every write, whatever writes (services, `bulk_create`, raw SQL), so no writer
    has to keep it."""
    vector = per_row_search_vector_sql(fields, pending=pending) if per_row else search_vector_sql(fields)
    return [
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
    ]


def drop_search_vector_sql(table: str) -> str:
    return f"ALTER TABLE {table} DROP COLUMN search_vector"


def add_search_vector(table: str, fields: Sequence[str]) -> migrations.RunPython:
    """A migration's operation: `add_search_vector_sql` on PostgreSQL (undone by dropping the column),
    nothing on SQLite."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in add_search_vector_sql(table, fields):
                schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop_search_vector_sql(table))

    return migrations.RunPython(forwards, backwards)


def search_vector_per_row(app: str, model: str, fields: Sequence[str], *, language_path: str) -> migrations.RunPython:
    """A migration's operation, after the `search_config` field is added to a `StoredSearchText` model: fill
    it for every row (from `language_path`, its `SEARCH_LANGUAGE` as of the migration), and on PostgreSQL
    replace the vector stemmed by every configuration with the one stemmed by the row's own
    (`per_row_search_vector_sql`).
    Backwards: the vector of every configuration again (PostgreSQL); SQLite has no vector."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        stored = apps.get_model(app, model)
        table = stored._meta.db_table
        postgres = schema_editor.connection.vendor == "postgresql"
        if postgres:  # dropped first, so the fill does not recompute the old vector of every row
            schema_editor.execute(drop_search_vector_sql(table))
        fill_search_config(stored, language_path)
        if postgres:
            # As it was made then; `search_vector_pending` (a later migration) adds the pending rows' branch.
            for statement in add_search_vector_sql(table, fields, per_row=True, pending=False):
                schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            table = apps.get_model(app, model)._meta.db_table
            schema_editor.execute(drop_search_vector_sql(table))
            for statement in add_search_vector_sql(table, fields):
                schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)


def search_vector_pending(app: str, model: str, fields: Sequence[str], *, language_path: str) -> migrations.RunPython:
    """A migration's operation: on PostgreSQL the per-row vector again with a NULL for pending rows
    (`per_row_search_vector_sql`), so a bulk writer's pending rows cost no stemming; every other row's vector
    is computed as before. Backwards: pending rows are indexed here first (the code before knows no pending
    rows), from `fields` and `language_path` as of the migration, then the vector without the branch."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            table = apps.get_model(app, model)._meta.db_table
            schema_editor.execute(drop_search_vector_sql(table))
            for statement in add_search_vector_sql(table, fields, per_row=True):
                schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        stored = apps.get_model(app, model)
        table = stored._meta.db_table
        relations = language_path.rpartition("__")[0]
        rows = stored._default_manager.filter(search_config=PENDING).select_related(relations)
        for row in rows.iterator(chunk_size=2000):
            row.search_text = distinct_search_words(*(str(getattr(row, name) or "") for name in fields))
            language: Any = row
            for name in language_path.split("__"):
                language = getattr(language, name)
            row.search_config = search_config(str(language or ""))
            row.save(update_fields=["search_text", "search_config"])
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop_search_vector_sql(table))
            for statement in add_search_vector_sql(table, fields, per_row=True, pending=False):
                schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)


def add_stored_search_sql(table: str, fields: Sequence[str]) -> list[str]:
    """PostgreSQL statements of a migration that makes `table` a `StoredSearchText` table."""
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        *add_search_vector_sql(table, fields),
        f"CREATE INDEX {table}_search_text_trgm ON {table} USING gin (search_text gin_trgm_ops)",
    ]


#: The GIN pending list a bulk write gathers before merging it into the index (PostgreSQL's default: 4 MB).
BULK_PENDING_LIST = "64MB"


@contextlib.contextmanager
def bulk_search_writes(*models_written: type[models.Model]) -> Iterator[None]:
    """Around many rows of `StoredSearchText` models written in the current transaction (a batch of `index_pending`).

    PostgreSQL: their GIN indexes (the stemmed vector, the trigrams) gather new entries in a pending list of
    `BULK_PENDING_LIST` instead of 4 MB, merged into the index in fewer, larger, sorted passes; at the end the
    list is merged (`gin_clean_pending_list`), so searches do not scan a long list until the next vacuum.
    Settings are the transaction's own (`set_config(..., true)`: a failed import's rollback undoes them too),
    put back at the end. SQLite: nothing to do (its FTS5 indexes are kept by triggers, see `ensure_fts`).
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models_written]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('gin_pending_list_limit'), current_setting('work_mem')")
        limit, memory = cursor.fetchone()
        # work_mem bounds what one merge of the pending list sorts in memory.
        cursor.execute(
            "SELECT set_config('gin_pending_list_limit', %s, true), set_config('work_mem', %s, true)",
            [BULK_PENDING_LIST, BULK_PENDING_LIST],
        )
        cursor.execute(
            "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[]) "
            # Only an index's owner may merge its list; another's is left to the next (auto)vacuum.
            "AND pg_has_role(current_user, c.relowner, 'USAGE')",
            [tables],
        )
        indexes = [name for (name,) in cursor.fetchall()]
    yield
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute(
            "SELECT set_config('gin_pending_list_limit', %s, true), set_config('work_mem', %s, true)", [limit, memory]
        )


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


@contextlib.contextmanager
def planned_for_each_query() -> Iterator[None]:
    """PostgreSQL: the queries run inside are planned for their own parameters every time, never prepared.

    A statement run five times on a connection is otherwise prepared (settings: `prepare_threshold`), and
    PostgreSQL may then keep one generic plan for every word: planned without the word, it guesses how many
    rows match, and for a word in nearly every commitment it walked the GIN indexes for each (a search
    went from 60 ms to 750 ms). Planning a search costs well under a millisecond.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold


def matching_stored(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    """`matching` over a `StoredSearchText` model's stored columns: the same rows, found through indexes.

    Every stem of the query must occur in the stored stems (as `matching` looks for it in the fields; the
    stored text is stemmed the same way); on PostgreSQL a row also matches through its language's own
    stemmer (its `search_config`), read from the stored `search_vector` instead of a vector computed per row
    and request.
    """
    query = query.replace("\x00", "").strip()[:200]
    words = [word for word in search_words(query) if len(word) > 1][:10]
    if not words:
        return queryset.none()
    stems = Q()
    for word in words:
        stems &= Q(search_text__contains=word)
    if connection.vendor != "postgresql":
        # The trigram index (`ensure_fts(..., tokenize=TRIGRAMS)`) matches a stem anywhere in the stored text,
        # as `contains` does, without reading every row's text; a stem shorter than three characters it
        # cannot hold is matched on the text.
        long = [word for word in words if len(word) >= 3]
        for word in words:
            if word not in long:
                queryset = queryset.filter(search_text__contains=word)
        if long:
            fts = f"{queryset.model._meta.db_table}_fts"
            match = "search_text : (" + " AND ".join(f'"{word}"' for word in long) + ")"
            sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608 - the model's own table
            # `pk + 0`, not `pk`: SQLite then walks the rows in the caller's order through its indexes and
            # tests each against the matches (stopping at a page), instead of fetching every match by its
            # key and sorting them all (4,961 of 5,000 commitments hold "kommun").
            queryset = queryset.alias(_fts_key=F("pk") + 0).filter(_fts_key__in=RawSQL(sql, [match]))  # noqa: S611
        return queryset
    # Each configuration's query against the rows stemmed by it (a BitmapOr of the vector index's scans,
    # each row then checked for its configuration) or the stems (the trigram index). The stored vectors
    # are tested before the text: PostgreSQL stops at the first true branch, and a vector is cheaper to
    # test than a long text is to scan.
    table = queryset.model._meta.db_table
    configs = [*dict.fromkeys(CONFIGS.values())]
    own_config = ~Q(search_config__in=configs) & _vector_matches(table, "simple", query)  # the CASE's ELSE
    for config in configs:
        own_config |= Q(search_config=config) & _vector_matches(table, config, query)
    found: QuerySet[Any] = queryset.filter(own_config | stems)
    return found


def _vector_matches(table: str, config: str, query: str) -> Q:
    # The table name is the model's own, the config and the query are parameters.
    sql = f"{table}.search_vector @@ plainto_tsquery(%s::regconfig, %s)"
    return Q(RawSQL(sql, [config, query], BooleanField()))  # noqa: S611


def _languages() -> dict[str, list[str]]:
    """Each stemmer and the language codes it stems."""
    languages: dict[str, list[str]] = {}
    for code, config in CONFIGS.items():
        languages.setdefault(config, []).append(code)
    return languages


class _InLanguage(Expression):
    """PostgreSQL: the row's text matches the query under its language's stemmer (`simple` for another or no
    language). The text is the stored `search_vector` of `table`, or the vector of `fields` computed here.

    One CASE over the language (joined once) whose branches test constant queries, so each `plainto_tsquery`
    is computed once per statement, not per row, and only one vector per row. The same condition as an OR of
    (language IN codes AND vector @@ query) per stemmer, or as a `SearchVector` and a `SearchQuery` with a
    `Case` of the configuration, at a fraction of the ORM's work per request (a search builds and compiles
    its statements anew every time).
    """

    conditional = True

    def __init__(self, language: Any, query: str, *, table: str = "", fields: Sequence[str] = ()) -> None:
        super().__init__(output_field=BooleanField())
        self.language, self.query, self.table = language, query, table
        self.fields = [F(name) for name in fields]

    def get_source_expressions(self) -> list[Any]:
        return [self.language, *self.fields]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.language, *self.fields = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        language, language_params = compiler.compile(self.language)
        texts = [compiler.compile(field) for field in self.fields]
        text = " || ' ' || ".join(f"COALESCE({sql}, '')" for sql, _params in texts)
        text_params = [param for _sql, params in texts for param in params]

        def matches(config: str) -> tuple[str, list[Any]]:
            # The table is the model's own; the configuration and the query are parameters.
            if self.table:
                return f"{self.table}.search_vector @@ plainto_tsquery(%s::regconfig, %s)", [config, self.query]
            return (
                f"to_tsvector(%s::regconfig, {text}) @@ plainto_tsquery(%s::regconfig, %s)",
                [config, *text_params, config, self.query],
            )

        branches, params = [], []
        for config, codes in _languages().items():
            sql, branch_params = matches(config)
            branches.append(f"WHEN {language} IN ({', '.join(['%s'] * len(codes))}) THEN {sql}")
            params += [*language_params, *codes, *branch_params]
        sql, otherwise = matches("simple")
        return f"(CASE {' '.join(branches)} ELSE {sql} END)", [*params, *otherwise]


def _through_stored_vectors(queryset: QuerySet[Any], stems: Q, query: str, language_path: str) -> QuerySet[Any]:
    """PostgreSQL: the rows whose stems match (`stems`) or whose stored `search_vector` matches the query,
    first under any stemmer (the indexable pre-filter on the row's own table: one condition, a BitmapOr
    over the vector index), then under the stemmer of the row's language (the exact condition)."""
    table = queryset.model._meta.db_table
    configs = [*_languages(), "simple"]
    # The table name is the model's own, the configurations and the query are parameters.
    any_sql = " OR ".join([f"{table}.search_vector @@ plainto_tsquery(%s::regconfig, %s)"] * len(configs))
    any_vector = Q(RawSQL(f"({any_sql})", [value for config in configs for value in (config, query)], BooleanField()))  # noqa: S611
    condition = Q(_InLanguage(F(language_path), query, table=table))
    found: QuerySet[Any] = queryset.filter(any_vector | stems).filter(condition | stems)
    return found


def first_found(
    rows: QuerySet[Any], found: QuerySet[Any], ordering: Sequence[str], limit: int, *, first: Q | None = None
) -> list[Any]:
    """The first `limit` of `found` (a filtered `rows`) in `ordering`, read whole from `rows`: the sort sees
    only the keys of the thousands that match, not their long texts (SQLite's sorter copies every column
    it returns). One query, two when `first` is not enough. `first` (PostgreSQL) picks a prefix of `rows`
    in `ordering` (e.g. the commitments of the first plans, when they are ordered by plan first).

    On PostgreSQL `found` is read directly: `matching_stored`'s conditions name the model's table, which a
    subquery would alias (and PostgreSQL does not copy long texts into a sort)."""
    if connection.vendor == "postgresql":
        # For a common word (4,961 of 5,000 commitments hold "kommun") the page is full within the first rows
        # in order, and PostgreSQL need not fetch and test every match (detoasting each vector) before
        # sorting. Those are the page's first rows whatever comes after, so the answer is the same; a rarer
        # word falls back to the whole search, where the indexes find few rows.
        if first is not None:
            early = list(found.filter(first).order_by(*ordering)[:limit])
            if len(early) >= limit:
                return early
        return list(found.order_by(*ordering)[:limit])
    keys = found.order_by(*ordering).values("pk")[:limit]
    return list(rows.filter(pk__in=keys).order_by(*ordering))


def matching(
    queryset: QuerySet[Any], fields: Sequence[str], query: str, *, language_path: str, stored_vector: bool = False
) -> QuerySet[Any]:
    """The rows of `queryset` whose `fields` match `query` (all of its words).

    `language_path` leads from the row to its language code (e.g. "jurisdiction__default_language").
    Everywhere, a row matches when every stem of the query occurs in one of the fields; on PostgreSQL a
    row also matches through its language's own stemmer (full-text search). With `stored_vector` the
    table has a generated `search_vector` of `fields` (`add_search_vector_sql`), read instead of a vector
    computed for every row on every search.
    """
    query = query.replace("\x00", "").strip()[:200]
    words = [word for word in search_words(query) if len(word) > 1][:10]
    if not words:
        return queryset.none()
    stems = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        stems &= any_field
    if connection.vendor == "postgresql" and stored_vector:
        return _through_stored_vectors(queryset, stems, query, language_path)
    if connection.vendor == "postgresql":
        # The language's own stemmer, or the Nordic approximation (a Danish form in a Norwegian text); the
        # stemmer is chosen per row, so each row's vector is computed once (as four ORed conditions,
        # PostgreSQL computed all four vectors of every row: 40 ms over 200 organisations).
        return queryset.filter(stems | Q(_InLanguage(F(language_path), query, fields=fields)))
    return queryset.filter(stems)


# --- SQLite: FTS5 indexes over stored search text --------------------------------------------------
# SQLite has no index a `LIKE '% kommun%'` can use, so a search over 200,000 submissions read every row.
# A contentless FTS5 table indexes a table's stored `search_text` (and, optionally, a scope token per row,
# such as the consultation it belongs to); triggers keep it in step with every write (services,
# bulk_create, raw SQL alike). PostgreSQL has its own indexes and never gets one.
# The table and column names below are always the models' own, never input.

#: Word tokens, as `search_words` splits them (`\w` keeps the underscore), for word-prefix matching; with
#: prefix indexes, so a common stem ("kommun"*) is read from one list instead of merged from every word.
WORD_TOKENS = "unicode61 remove_diacritics 0 tokenchars '_'"
PREFIXES = "3 4 5 6 7 8"
#: Every three characters, for `matching_stored`: a stem is found anywhere in the stored text, as before.
TRIGRAMS = "trigram"


def _fts_statements(table: str, scope_column: str, scope_prefix: str, tokenize: str) -> dict[str, str]:
    fts = f"{table}_fts"
    scope = f"'{scope_prefix}' || {{row}}.{scope_column}" if scope_column else "NULL"
    values = f"{{row}}.id, {{row}}.search_text, {scope}"
    insert = f"INSERT INTO {fts}(rowid, search_text, scope) VALUES ({values.format(row='new')});"  # noqa: S608
    delete = f"INSERT INTO {fts}({fts}, rowid, search_text, scope) VALUES ('delete', {values.format(row='old')});"  # noqa: S608
    watched = ", ".join(["search_text", *([scope_column] if scope_column else [])])
    options = f'tokenize="{tokenize}"' + (f", prefix='{PREFIXES}'" if tokenize == WORD_TOKENS else "")
    return {
        fts: f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, scope, content='', {options})",
        f"{fts}_insert": f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"{fts}_delete": f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"{fts}_update": f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {delete} {insert} END",
        "fill": f"INSERT INTO {fts}(rowid, search_text, scope) SELECT {values.format(row=table)} FROM {table}",  # noqa: S608
    }


def ensure_fts(
    connection: Any, table: str, *, scope_column: str = "", scope_prefix: str = "", tokenize: str = WORD_TOKENS
) -> bool:
    """On SQLite, make `{table}_fts` index `table.search_text` (and `scope_prefix` + `scope_column` as the
    row's scope token, see `newest_matching`) and keep it right; elsewhere nothing. Idempotent.

    Called by the migration that adds the index and after every `migrate`: SQLite's schema editor rebuilds
    a table to alter it, and dropping the old table drops its triggers. When anything is missing the index
    is made again from the table, so it is never stale. True when it was (re)made.
    """
    if connection.vendor != "sqlite":
        return False
    statements = _fts_statements(table, scope_column, scope_prefix, tokenize)
    wanted = sorted(name for name in statements if name != "fill")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", wanted)
        if len(cursor.fetchall()) == len(wanted):
            return False
        drop_fts(connection, table)
        for statement in statements.values():
            cursor.execute(statement)
    return True


def drop_fts(connection: Any, table: str) -> None:
    if connection.vendor != "sqlite":
        return
    fts = f"{table}_fts"
    with connection.cursor() as cursor:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {fts}")


def newest_matching(
    queryset: QuerySet[Any], words: Sequence[str], limit: int, *, scopes: Sequence[str] | None = None
) -> QuerySet[Any]:
    """SQLite: the newest (highest pk) `limit` rows of `queryset` whose index (`ensure_fts`) holds every word
    at the start of a stored word and, when `scopes` are given, one of those scope tokens; to be ordered by
    `-pk` by the caller.

    The index is walked newest first and each entry checked against the queryset's own conditions, so a
    stem in 166,000 of 200,000 rows costs a few lookups and a rare one only its few entries. A condition
    that leaves few of the matches (one government's consultations) belongs in `scopes`: the index then
    intersects it with the words instead of the walk trying every match.
    """
    # `words` come from `search_words` and scopes from the caller: only word characters, safe to quote.
    match = "search_text : (" + " AND ".join(f'"{word}"*' for word in words) + ")"
    if scopes is not None:
        match += " AND scope : (" + " OR ".join(f'"{scope}"' for scope in scopes) + ")"
    table = queryset.model._meta.db_table
    fts = f"{table}_fts"
    # The queryset's conditions for the index entry at hand (`found` is the index's alias below).
    inner = queryset.filter(pk=RawSQL("found.rowid", ())).values("pk").order_by()
    sql, params = inner.query.get_compiler(using=queryset.db).as_sql()
    walk = (
        f"SELECT found.rowid FROM {fts} AS found WHERE found.{fts} MATCH %s "  # noqa: S608
        f"AND EXISTS ({sql}) ORDER BY found.rowid DESC LIMIT %s"
    )
    return queryset.filter(pk__in=RawSQL(walk, (match, *params, limit)))  # noqa: S611
