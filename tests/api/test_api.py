"""The read API: every endpoint answers what the OpenAPI description says, with filters, stable pages,
ETag/Last-Modified (304), CORS, rate limits (429 + Retry-After) and token writes under the page rules."""

import datetime
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from schemathesis.core.transport import Response as SchemaResponse
from werkzeug.test import Client as WsgiClient

from samskap.commitments.models import Commitment
from samskap.kernel.links import absolute
from tests import factories as f

LISTS = [
    "/api/v1/jurisdictions/",
    "/api/v1/organisations/",
    "/api/v1/plans/",
    "/api/v1/themes/",
    "/api/v1/policy-areas/",
    "/api/v1/commitments/",
    "/api/v1/milestones/",
    "/api/v1/progress-updates/",
    "/api/v1/changes/",
    "/api/v1/assessments/",
    "/api/v1/consultations/",
    "/api/v1/submissions/",
    "/api/v1/answers/",
    "/api/v1/local-activities/",
]


@pytest.fixture
def openapi(db):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture
def wsgi():
    return WsgiClient(WSGIHandler())


def conforms(openapi, wsgi, path: str, template: str | None = None, method: str = "GET") -> Any:
    """Call the API for real and validate the answer against its OpenAPI description."""
    response = wsgi.open(path, method=method)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    operation = openapi[template or path.split("?")[0]][method]
    operation.validate_response(SchemaResponse.from_any(response))
    return response.get_json()


@pytest.mark.parametrize("path", LISTS)
def test_every_list_and_detail_matches_the_openapi_description(world, openapi, wsgi, path):
    page = conforms(openapi, wsgi, path)
    assert page["count"] >= 1
    first = page["results"][0]
    conforms(openapi, wsgi, f"{path}{first['id']}/", template=f"{path}{{id}}/")


def test_a_local_activity_lists_its_documents(world, openapi, wsgi):
    document = world["local_document"]
    path = f"/api/v1/local-activities/{world['local_activity'].pk}/"
    found = conforms(openapi, wsgi, path, template="/api/v1/local-activities/{id}/")
    assert found["documents"] == [
        {
            "title": "Rutiner for skjerming",
            "url": absolute(document.get_absolute_url()),
            "content_type": "text/plain",
            "size": 23,
        }
    ]


def test_the_openapi_description_lists_every_endpoint(client):
    description = client.get("/api/openapi.json").json()
    assert description["openapi"].startswith("3.")
    for path in LISTS:
        assert path in description["paths"]
    assert "post" in description["paths"]["/api/v1/commitments/{id}/progress-updates/"]


def test_lists_are_filtered(world, client):
    plan = world["plan"]
    other = f.commitment(f.plan(), identifier="SE0001")
    found = client.get("/api/v1/commitments/", {"plan": plan.pk}).json()
    assert [c["identifier"] for c in found["results"]] == ["NO0063"]
    assert client.get("/api/v1/commitments/", {"jurisdiction": other.plan.jurisdiction_id}).json()["count"] == 1
    assert client.get("/api/v1/commitments/", {"theme": world["theme"].pk}).json()["count"] == 1
    assert client.get("/api/v1/commitments/", {"institution": world["ministry"].pk}).json()["count"] == 1
    assert client.get("/api/v1/commitments/", {"completion": "complete"}).json()["count"] == 0
    assert client.get("/api/v1/commitments/", {"completion": "not_started"}).json()["count"] == 2
    later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/commitments/", {"updated_since": later}).json()["count"] == 0
    assert client.get("/api/v1/commitments/", {"completion": "bogus"}).status_code == 400
    assert client.get("/api/v1/commitments/", {"plan": "99999999999999999999999"}).status_code == 400


def test_pages_are_stable_and_ordered_by_id(world, client):
    for n in range(5):
        f.commitment(world["plan"], identifier=f"NO1{n:03d}")
    first = client.get("/api/v1/commitments/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    ids = [c["id"] for c in first["results"] + second["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert client.get("/api/v1/commitments/", {"page_size": 100}).json()["count"] == 6


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("page=0", {"page": ["Must be a whole number from 1 to 4611686018427387904."]}),
        ("page=-1", {"page": ["Must be a whole number from 1 to 4611686018427387904."]}),
        ("page_size=0", {"page_size": ["Must be a whole number from 1 to 100."]}),
        ("page_size=101", {"page_size": ["Must be a whole number from 1 to 100."]}),
        ("page_size=null", {"page_size": ["Must be a whole number from 1 to 100."]}),
        ("page_size=5&page_size=6", {"page_size": ["Given more than once."]}),
        ("plan=", {"plan": ["Empty; leave the parameter out instead."]}),
        ("plan=1.5", {"plan": ["Enter a whole number."]}),
        ("plan=-1", {"plan": ["Ensure this value is greater than or equal to 0."]}),
    ],
)
def test_parameters_are_bounded_and_refused_in_english(world, client, query, problem):
    response = client.get(f"/api/v1/commitments/?{query}", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json() == problem and response["Content-Language"] == "en"


def test_a_page_after_the_last_and_unknown_addresses_are_json_404s(world, client):
    assert client.get("/api/v1/commitments/?page=2").json() == {"detail": "Invalid page."}
    for address in ("/api/v1/nothing/", "/api/v1/commitments/-1/", "/api/v1/commitments/abc/", "/api/v2/"):
        response = client.get(address, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 404 and response.json() == {"detail": "Not found."}, address
    assert client.post("/api/v1/nothing/", {}, enforce_csrf_checks=True).status_code == 404


def test_the_description_is_english_and_documents_every_status(client):
    description = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="nb").json()
    text = str(description)
    assert "'oneOf'" not in text and "Gjennomføring" not in text and "English" in description["info"]["description"]
    for methods in description["paths"].values():
        for method, operation in methods.items():
            expected = {"400", "404", "429"} | ({"200", "304"} if method == "get" else {"201", "401", "403"})
            assert expected <= set(operation["responses"]), (method, operation["operationId"])
    parameters = {p["name"]: p for p in description["paths"]["/api/v1/commitments/"]["get"]["parameters"]}
    assert parameters["page"]["schema"]["minimum"] == 1
    assert (parameters["page_size"]["schema"]["minimum"], parameters["page_size"]["schema"]["maximum"]) == (1, 100)
    assert parameters["plan"]["schema"] == {"type": "integer", "minimum": 0, "maximum": 2**62}
    assert parameters["institution"]["schema"]["type"] == "integer"
    email = description["components"]["schemas"]["Commitment"]["properties"]["contact_email"]
    assert [branch.get("format") for branch in email["anyOf"]] == ["email", None]


def test_unchanged_answers_are_304(world, client):
    response = client.get("/api/v1/commitments/")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/api/v1/commitments/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/commitments/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    detail = client.get(f"/api/v1/commitments/{world['commitment'].pk}/")
    assert (
        client.get(f"/api/v1/commitments/{world['commitment'].pk}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code
        == 304
    )
    Commitment.objects.filter(pk=world["commitment"].pk).update(title="Changed")
    assert client.get("/api/v1/commitments/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_reads_are_open_to_other_origins(world, client):
    response = client.get("/api/v1/plans/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/plans/", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 200 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.get("/api/openapi.json")["Access-Control-Allow-Origin"] == "*"
    post = client.post(
        f"/api/v1/commitments/{world['commitment'].pk}/progress-updates/", {}, content_type="application/json"
    )
    assert not post.has_header("Access-Control-Allow-Origin")


def test_anonymous_clients_are_rate_limited(world, client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}
    for _n in range(3):
        assert client.get("/api/v1/plans/").status_code == 200
    response = client.get("/api/v1/plans/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["retry_after"] == int(response["Retry-After"])
    assert str(body["retry_after"]) in body["detail"]  # "Too many requests. Try again in N seconds." in any language


@pytest.fixture
def full_path(monkeypatch):
    """Counts the requests DRF's full path handles (the others were answered from the cache before it)."""
    from rest_framework.views import APIView

    calls: list[str] = []
    initial = APIView.initial

    def counted(self, request, *args, **kwargs):
        calls.append(request.path)
        return initial(self, request, *args, **kwargs)

    monkeypatch.setattr(APIView, "initial", counted)
    return calls


@pytest.mark.parametrize("path", ["/api/v1/commitments/?page_size=5", "commitment", "/api/v1/plans/"])
def test_a_cached_answer_is_the_one_drf_gives(world, client, full_path, path):
    if path == "commitment":
        path = f"/api/v1/commitments/{world['commitment'].pk}/"
    first = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_ORIGIN="https://example.org")
    again = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_ORIGIN="https://example.org")
    assert len(full_path) == 1  # the second answer came from the cache, before DRF
    assert (again.status_code, again.content) == (first.status_code, first.content) == (200, first.content)
    assert dict(again.headers) == dict(first.headers)
    assert again["Allow"] == "GET, HEAD, OPTIONS" and again["Access-Control-Allow-Origin"] == "*"
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304
    head = client.head(path)
    assert head.status_code == 200 and head["ETag"] == client.get(path)["ETag"]
    assert len(full_path) == 1


def test_a_cached_address_still_refuses_what_drf_refuses(world, client, full_path):
    path = "/api/v1/plans/"
    assert client.get(path).status_code == 200  # kept
    assert client.get(path, HTTP_ACCEPT="text/html").status_code == 406
    assert client.get(path, HTTP_AUTHORIZATION="Token not-a-token").status_code == 401
    token = Token.objects.create(user=world["editor"])
    authorised = client.get(path, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert authorised.status_code == 200 and authorised.content == client.get(path).content
    # An Accept that DRF's JSON renderer honours with a parameter is DRF's to answer.
    assert client.get(path, HTTP_ACCEPT="application/json; indent=2").status_code == 200
    assert len(full_path) == 5  # all but the first plain read went the full way


def test_cached_answers_count_towards_the_rate_limit(world, client, settings, full_path):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min"}}
    for _n in range(3):
        assert client.get("/api/v1/plans/").status_code == 200
    assert len(full_path) == 1
    refused = client.get("/api/v1/plans/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # Another client (address) is not limited by the first's reads; a client with a token is not limited.
    assert client.get("/api/v1/plans/", REMOTE_ADDR="192.0.2.7").status_code == 200
    token = Token.objects.create(user=world["editor"])
    assert client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


def test_query_count_does_not_grow_with_page_size(world, client):
    plan = world["plan"]
    for n in range(30):
        commitment = f.commitment(plan, identifier=f"NO2{n:03d}", lead_institution=world["ministry"])
        commitment.supporting_institutions.add(f.organisation(jurisdiction=plan.jurisdiction))
        f.milestone(commitment)
        f.progress_update(commitment)
    for path in LISTS:
        counts = []
        for size in (2, 25):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, {"page_size": size}).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], f"{path}: {counts}"


# --- Writes -------------------------------------------------------------------------------------


def progress_post(client, commitment, token=None, **data):
    body = {"as_of": "2021-12-01", "completion": "substantial", "narrative": "Mostly done.", **data}
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return client.post(
        f"/api/v1/commitments/{commitment.pk}/progress-updates/", body, content_type="application/json", **headers
    )


def test_a_progress_update_needs_a_token(world, client):
    assert progress_post(client, world["commitment"]).status_code == 401
    assert progress_post(client, world["commitment"], token="not-a-token").status_code == 401
    assert progress_post(client, world["commitment"], token="0" * 40).status_code == 401


def test_the_lead_institutions_editor_reports_progress_with_a_token(world, client):
    token = Token.objects.create(user=world["editor"])
    response = progress_post(client, world["commitment"], token=token.key, evidence_links=["https://example.org/r"])
    assert response.status_code == 201, response.content
    assert response.json()["author_name"] == "Eva Editor"
    world["commitment"].refresh_from_db()
    assert world["commitment"].completion == "substantial"


def test_the_same_rules_as_the_pages_apply_to_writes(world, client):
    outsider = Token.objects.create(user=f.user())
    assert progress_post(client, world["commitment"], token=outsider.key).status_code == 403
    token = Token.objects.create(user=world["editor"])
    other = f.commitment(world["plan"], identifier="NO9999")  # led by another ministry
    assert progress_post(client, other, token=token.key).status_code == 403
    assert progress_post(client, world["commitment"], token=token.key, completion="done").status_code == 400
    assert progress_post(client, world["commitment"], token=token.key, evidence_links=["ftp://x"]).status_code == 400


def test_a_progress_update_dated_in_the_future_is_refused_and_changes_nothing(world, client):
    token = Token.objects.create(user=world["editor"])
    before = Commitment.objects.get(pk=world["commitment"].pk).completion
    response = progress_post(client, world["commitment"], token=token.key, as_of="2099-01-15", completion="complete")
    assert response.status_code == 400, response.content
    assert "as_of" in response.json()
    assert Commitment.objects.get(pk=world["commitment"].pk).completion == before
    assert not world["commitment"].progress_updates.filter(as_of=datetime.date(2099, 1, 15)).exists()


def test_users_create_and_revoke_their_token(world, client):
    client.force_login(world["editor"])
    assert client.get("/en/accounts/api-token/").status_code == 200
    page = client.post("/en/accounts/api-token/", {"action": "create"}).content.decode()
    key = Token.objects.get(user=world["editor"]).key
    assert key in page
    replaced = client.post("/en/accounts/api-token/", {"action": "create"})
    assert replaced.status_code == 200 and Token.objects.get(user=world["editor"]).key != key
    client.post("/en/accounts/api-token/", {"action": "revoke"})
    assert not Token.objects.filter(user=world["editor"]).exists()
    client.logout()
    assert client.get("/en/accounts/api-token/").status_code == 302


def test_the_documentation_page_lists_endpoints_parameters_and_examples(world, client):
    page = client.get("/en/api/").content.decode()
    assert "GET /api/v1/commitments/" in page
    assert "POST /api/v1/commitments/{id}/progress-updates/" in page
    assert "updated_since" in page and "page_size" in page
    assert "&quot;identifier&quot;" in page  # an example response


def test_published_submissions_show_only_what_the_sender_agreed(world, client):
    results = client.get("/api/v1/submissions/").json()["results"]
    by_id = {s["id"]: s for s in results}
    assert set(by_id) == {world["named"].pk, world["anonymous"].pk}
    assert by_id[world["named"].pk]["name"] == "Ola Navn"
    assert by_id[world["anonymous"].pk]["name"] is None
    assert by_id[world["anonymous"].pk]["organisation"] is None
    assert client.get(f"/api/v1/submissions/{world['unpublished'].pk}/").status_code == 404
