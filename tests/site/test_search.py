"""The site search: every registered source, grouped by kind, with filters; only what is public."""

import pytest
from django.db import connection

from samskap.consultations.models import Submission
from samskap.kernel import registry
from samskap.kernel.search import stem
from tests import factories as f
from tests.queries import stamp_queries

pytestmark = pytest.mark.django_db


def kinds(response) -> list[str]:
    return [group.key for group in response.context["groups"]]


def titles(response) -> list[str]:
    return [hit.title for group in response.context["groups"] for hit in group.hits]


@pytest.mark.parametrize(
    "word", ["kommune", "kommunen", "kommuner", "kommunene", "kommunerne", "kommunenes", "kommunernes", "kommunes"]
)
def test_norwegian_and_danish_forms_share_a_stem(word):
    assert stem(word) == "kommun"


def test_the_sources_registered_by_the_apps_are_searched():
    assert {"plans", "commitments", "milestones", "consultations", "submissions", "organisations"} <= set(
        registry.search_sources.keys()
    )


@pytest.mark.parametrize("query", ["kommunernes", "kommunenes", "Kommunene"])
def test_inflected_forms_find_every_kind(client, query):
    norway = f.jurisdiction(name="Norge", slug="norge")
    plan = f.plan(jurisdiction=norway, title="Åpenhet i kommunen")
    commitment = f.commitment(plan, title="Åpne data fra kommuner")
    f.milestone(commitment, activity="Veileder for kommunenes innsyn")
    consultation = f.consultation(jurisdiction=norway, title="Høring om kommunal åpenhet", body="Om kommunenes arbeid")
    f.submission(consultation, text="Kommunen bør publisere postlister.")
    f.organisation(jurisdiction=norway, name="Kommunenes sentralforbund", slug="ks")
    response = client.get("/nb/search/", {"q": query})
    assert response.status_code == 200
    expected = ["plans", "commitments", "milestones", "consultations", "submissions", "organisations"]
    if connection.vendor == "postgresql" and query == "kommunernes":
        # Submissions are searched through their indexed vector, stemmed in the government's language
        # (Norwegian here): the Danish form is not a Norwegian word. The other kinds also match the stems.
        expected.remove("submissions")
    assert kinds(response) == expected


def test_hidden_unpublished_and_unconsented_submissions_are_never_found(client):
    consultation = f.consultation()
    f.submission(consultation, text="Synlig innspill om postjournaler")
    for status in [Submission.Status.HIDDEN, Submission.Status.PENDING, Submission.Status.UNCONFIRMED]:
        f.submission(consultation, text=f"Skjult innspill om postjournaler {status}", status=status)
    f.submission(
        consultation,
        text="Innspill om postjournaler uten samtykke",
        status=Submission.Status.NOT_PUBLISHED,
        consent=Submission.Consent.NONE,
    )
    response = client.get("/en/search/", {"q": "postjournaler", "kind": "submissions"})
    found = titles(response)
    assert len(found) == 1
    assert "Synlig" in found[0]


def test_a_draft_plan_and_its_commitments_are_never_found(client):
    draft = f.plan(title="Hemmelig utkast om arkiv", published_at=None)
    commitment = f.commitment(draft, title="Arkivløftet")
    f.milestone(commitment, activity="Arkivplan vedtatt")
    response = client.get("/en/search/", {"q": "arkiv"})
    assert response.context["groups"] == []
    assert b"Arkiv" not in response.content


def test_filters_by_kind_and_government(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    denmark = f.jurisdiction(name="Danmark", slug="danmark", default_language="da")
    f.plan(jurisdiction=norway, title="Norsk plan om innsyn")
    f.plan(jurisdiction=denmark, title="Dansk plan om innsyn")
    f.organisation(jurisdiction=denmark, name="Innsynsrådet", slug="innsyn")
    response = client.get("/en/search/", {"q": "innsyn", "jurisdiction": "danmark"})
    assert titles(response) and all("Dansk" in t or "Innsyn" in t for t in titles(response))
    response = client.get("/en/search/", {"q": "innsyn", "kind": "plans"})
    assert kinds(response) == ["plans"]
    assert len(titles(response)) == 2


def test_bad_filters_get_a_form_error_not_a_500(client):
    response = client.get("/nb/search/", {"q": "x" * 500, "kind": "nonsense", "jurisdiction": "atlantis"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"q", "kind", "jurisdiction"}
    assert "Velg" in str(errors["kind"])  # translated


def test_the_empty_form_searches_nothing_and_works_without_javascript(client):
    response = client.get("/da/search/")
    assert response.status_code == 200
    assert b'method="get"' in response.content
    assert not response.context["searched"]


@pytest.mark.postgres
def test_postgresql_stems_with_the_language_of_the_government(client):
    assert connection.vendor == "postgresql"
    denmark = f.jurisdiction(name="Danmark", slug="danmark", default_language="da", country_code="DNK")
    norway = f.jurisdiction(name="Norge", slug="norge")
    f.plan(jurisdiction=denmark, title="Borgerinddragelse i kommunerne")
    f.plan(jurisdiction=norway, title="Medvirkning i kommunene")
    consultation = f.consultation(jurisdiction=denmark)
    f.submission(consultation, text="Kommunernes åbenhed er vigtig", search_config="danish")
    response = client.get("/en/search/", {"q": "kommunernes"})
    assert {"plans", "submissions"} <= set(kinds(response))
    plan_titles = [hit.title for group in response.context["groups"] if group.key == "plans" for hit in group.hits]
    assert any("kommunerne" in title for title in plan_titles)
    assert any("kommunene" in title for title in plan_titles)


def test_a_search_is_kept_until_the_data_changes(client, django_assert_num_queries):
    plan = f.plan(title="Plan om åpenhet")
    f.commitment(plan, title="Åpne postjournaler")
    first = client.get("/en/search/", {"q": "postjournaler"})
    assert "Åpne postjournaler" in first.content.decode()
    with django_assert_num_queries(stamp_queries()):  # the data's version; the page is the one kept
        again = client.get("/en/search/", {"q": "postjournaler"})
    assert again.content == first.content

    f.commitment(plan, title="Flere postjournaler")
    assert "Flere postjournaler" in client.get("/en/search/", {"q": "postjournaler"}).content.decode()


@pytest.mark.postgres
def test_postgresql_plans_every_search_for_its_own_words(client):
    # Prepared after five runs, a search could keep one generic plan for every word (guessed without it).
    assert connection.vendor == "postgresql"
    plan = f.plan(title="Plan om åpenhet")
    f.commitment(plan, title="Åpne postjournaler")
    words = ["postjournaler", "åpenhet", "innsyn", "arkiv", "kommunene", "data", "plan", "tilgang"]
    for word in words:  # different words: the page cache does not answer, the same statements run again
        assert client.get("/en/search/", {"q": word}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert not [sql for sql in prepared if "search_vector" in sql or "search_text" in sql]
    assert connection.connection.prepare_threshold == 5  # restored for everything else


# The hits as the page's template loop wrote them before `search_hits` (the markup must stay the same).
LANG = '{% if hit.language and hit.language != LANGUAGE_CODE %} lang="{{ hit.language }}"{% endif %}'
HITS_AS_A_LOOP = (
    "{% for hit in hits %}<li>"
    f'<a class="ds-link" href="{{{{ hit.url }}}}"{LANG}>{{{{ hit.title }}}}</a>\n'
    '{% if hit.context %}<p class="ds-paragraph" data-size="sm">{{ hit.context }}</p>{% endif %}\n'
    f'{{% if hit.snippet %}}<p class="ds-paragraph" data-size="sm"{LANG}>{{{{ hit.snippet }}}}</p>{{% endif %}}'
    "</li>\n{% endfor %}"
)


def test_the_hits_are_written_as_the_template_loop_wrote_them():
    import re

    from django.template import Context, Template

    hits = [
        registry.SearchHit("plans", "Plan <b>&</b>", "/nb/plans/norge/p/?a=1&b=2", 'Om "innsyn"', "Norge · 2024", "nb"),
        registry.SearchHit("plans", "Danish plan", "/nb/plans/danmark/p/", "Åbenhed", "Danmark", "da"),
        registry.SearchHit("milestones", "No snippet", "/nb/x/#milestones-heading", "", "Kontekst", "en"),
        registry.SearchHit("organisations", "Nothing else", "/nb/organisations/x/"),
    ]
    for language in ["nb", "en"]:
        context = {"hits": hits, "LANGUAGE_CODE": language}
        tag = Template("{% load samskap %}{% search_hits hits %}").render(Context(context))
        loop = Template(HITS_AS_A_LOOP).render(Context(context))
        assert re.sub(r">\s+<", "><", tag).strip() == re.sub(r">\s+<", "><", loop).strip()
        assert "<b>" not in tag and "Plan &lt;b&gt;&amp;&lt;/b&gt;" in tag
        assert tag.count(' lang="da"') == 2 and tag.count(' lang="nb"') == (0 if language == "nb" else 2)


@pytest.mark.django_db
def test_the_kind_of_hit_is_not_called_a_level_of_government(client):
    """ "Kind" on the search form is the kind of page found; it shared its translation with a
    government's kind ("Forvaltningsnivå", "Forvaltningsniveau")."""
    for language, label in (("nb", "Type"), ("da", "Type"), ("en", "Kind")):
        page = client.get(f"/{language}/search/").content.decode()
        assert f'for="id_kind">{label}</label>' in page, language
        assert "Forvaltningsniv" not in page.split('for="id_kind">')[1].split("</label>")[0]
