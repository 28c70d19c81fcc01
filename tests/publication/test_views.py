"""The pages: who sees a draft's preview, the coordinator's steps, and nothing of a draft in public."""

import datetime

import pytest
from django.core.cache import cache

from samskap.kernel.registry import evidence_sources
from samskap.plans import services as plan_services
from samskap.publication import services
from samskap.publication.models import Approval
from tests import factories as f
from tests.opendata.test_downloads import body
from tests.publication.conftest import SECRET, approve
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def _base(plan) -> str:
    return f"/en/j/{plan.jurisdiction.slug}/{plan.slug}/"


def test_the_preview_is_for_those_who_prepare_the_draft_and_for_the_forum_once_shared(world, client):
    draft = world["draft"]
    preview = _base(draft) + "publication/preview/"
    assert client.get(preview).status_code == 302  # to sign in
    for name in ("coordinator", "editor", "supporting_editor"):
        client.force_login(world[name])
        response = client.get(preview)
        assert response.status_code == 200, name
        assert SECRET.encode() in response.content and b"noindex" in response.content
        assert response["Cache-Control"] == "private, no-store"
    for name in ("forum_editor", "outsider"):
        client.force_login(world[name])
        assert client.get(preview).status_code == 403, name
    services.share_with_forum(actor=world["coordinator"], plan=draft)
    client.force_login(world["forum_editor"])
    assert client.get(preview).status_code == 200
    english = client.get(preview + "en/").content.decode()
    assert "Guidance on keeping journals" in english and 'lang="en"' in english
    assert client.get(preview + "da/").status_code == 404
    client.force_login(world["outsider"])
    assert client.get(preview).status_code == 403
    assert client.get(_base(draft) + "publication/").status_code == 403


def test_the_coordinator_walks_the_steps_on_one_page(world, client):
    draft = world["draft"]
    manage = _base(draft) + "publication/"
    client.force_login(world["coordinator"])
    page = client.get(manage)
    assert page.status_code == 200 and b"Share the draft with the forum" in page.content
    assert b"6.2" in page.content  # the completeness check names the commitment lacking English texts
    refused = client.post(manage, {"step": "publish"})
    assert refused.status_code == 400 and b"government" in refused.content
    assert client.post(manage, {"step": "share"}).status_code == 302
    bad = client.post(
        manage, {"step": "endorse", "endorse-forum_endorsed_on": "2025-13-45", "endorse-forum_minutes": ""}
    )
    assert bad.status_code == 400 and b"Enter a valid date" in bad.content
    nul = client.post(
        manage,
        {"step": "approve", "approve-government_approved_on": "2025-12-12", "approve-government_reference": "a\x00b"},
    )
    assert nul.status_code == 400
    assert client.post(manage, {"step": "unknown"}).status_code == 400
    assert (
        client.post(
            manage, {"step": "endorse", "endorse-forum_endorsed_on": "2025-12-01", "endorse-forum_minutes": "Enige."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            manage,
            {"step": "approve", "approve-government_approved_on": "2025-12-12", "approve-government_reference": "25/1"},
        ).status_code
        == 302
    )
    approval = Approval.objects.get(plan=draft)
    assert approval.forum_endorsed_on == datetime.date(2025, 12, 1) and approval.government_reference == "25/1"
    # Texts: the English introduction through its form.
    texts = client.post(
        _base(draft) + "publication/texts/en/",
        {"title": "Sixth plan", "summary": "", "introduction": "Intro.", "process": "Process."},
    )
    assert texts.status_code == 302
    assert client.get(_base(draft) + "publication/texts/da/").status_code == 404


def test_the_lead_institution_writes_its_commitment_in_english(world, client):
    second = world["second"]
    url = _base(world["draft"]) + f"publication/commitments/{second.slug}/"
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 403
    client.force_login(world["editor"])
    assert client.get(url).status_code == 200
    missing = client.post(url, {"title": "", "description": "x"})
    assert missing.status_code == 400
    saved = client.post(url, {"title": "Openness on algorithms", "description": "Openness."})
    assert saved.status_code == 302
    assert second.texts.get(language="en").title == "Openness on algorithms"
    assert client.get(_base(world["draft"]) + "publication/commitments/nope/").status_code == 404


def public_outputs(client, draft) -> dict[str, tuple[int, bytes]]:
    cache.clear()
    base = f"/nb/j/{draft.jurisdiction.slug}/{draft.slug}/"
    urls = [
        "/api/v1/plan-versions/",
        "/nb/data/download/samskap.json",
        "/nb/data/feeds/plans/versions/rss/",
        f"/nb/data/feeds/{draft.jurisdiction.slug}/plans/versions/rss/",
        base,
        base + "versions/",
        base + "versions/1/",
        base + "versions/1/plan-nb.pdf",
        base + "versions/1/plan-en.docx",
        base + "publication/preview/",
    ]
    outputs = {url: (response.status_code, body(response)) for url in urls for response in [client.get(url)]}
    outputs["/sitemap.xml"] = (200, sitemap_text(client).encode())  # the index and every section's pages
    return outputs


def test_nothing_of_a_draft_is_in_any_public_output(world, client):
    other = f.plan(jurisdiction=world["norway"], label="5", title="Offentlig plan")
    approve(world)
    outputs = public_outputs(client, world["draft"])
    for url, (status, content) in outputs.items():
        assert SECRET.encode() not in content, url
        if world["draft"].slug in url and "preview" not in url:
            assert status == 404, url
    assert not evidence_sources["publication"](None)
    # Once published, the same addresses answer; the other plan has no version and shows none.
    plan_services.update_plan(actor=world["coordinator"], plan=world["draft"], values={"revises": other})
    services.publish(actor=world["coordinator"], plan=world["draft"])
    # A revision's frozen version leads to the comparison Samskap draws of the two plans.
    version_page = client.get(f"/nb/j/norge/{world['draft'].slug}/versions/1/").content.decode()
    assert f"/j/norge/{other.slug}/compare/{world['draft'].slug}/" in version_page
    outputs = public_outputs(client, world["draft"])
    for url in ("/api/v1/plan-versions/", "/nb/data/feeds/plans/versions/rss/", "/sitemap.xml"):
        assert f"/{world['draft'].slug}/versions/1/".encode() in outputs[url][1], url
    assert outputs[f"/nb/j/norge/{world['draft'].slug}/versions/1/plan-nb.pdf"][1].startswith(b"%PDF-")
    version = world["draft"].published_versions.get()
    assert version.content_hash.encode() in outputs["/nb/data/download/samskap.json"][1]
    assert outputs[f"/nb/j/norge/{world['draft'].slug}/publication/preview/"][0] == 302  # still not public
    assert f"/{other.slug}/versions/".encode() not in outputs["/sitemap.xml"][1]
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/2/").status_code == 404
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/1/plan-xx.pdf").status_code == 404
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/1/plan-nb.exe").status_code == 404
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/1/xx/").status_code == 404
    huge = "9" * 30
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/{huge}/").status_code == 404
    assert client.get(f"/nb/j/norge/{world['draft'].slug}/versions/{huge}/plan-nb.pdf").status_code == 404


def test_the_plan_and_commitment_pages_lead_to_the_steps_for_those_who_may_take_them(world, client):
    draft, second = world["draft"], world["second"]
    client.force_login(world["coordinator"])
    page = client.get(_base(draft)).content.decode()
    assert "publication/" in page and "publication/preview/" in page
    assert f"publication/commitments/{second.slug}/" in client.get(f"{_base(draft)}{second.slug}/").content.decode()
    # On a published plan, the lead institution's editors are led to the English texts; others are not.
    published = f.plan(jurisdiction=world["norway"], label="5")
    theirs = f.commitment(published, lead_institution=world["ministry"])
    link = f"publication/commitments/{theirs.slug}/"
    client.force_login(world["editor"])
    assert link in client.get(theirs.get_absolute_url()).content.decode()
    client.force_login(world["outsider"])
    assert link not in client.get(theirs.get_absolute_url()).content.decode()


def test_the_versions_are_read_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    from samskap.publication.selectors import versions_of

    approve(world)
    services.publish(actor=world["coordinator"], plan=world["draft"])
    with django_assert_num_queries(2):
        versions = versions_of(world["draft"])
        assert [d.language for v in versions for d in v.documents.all()] == ["nb", "en"]


def test_my_work_lists_the_drafts_an_editor_may_read(world, client):
    client.force_login(world["forum_editor"])
    assert b"publication/preview/" not in client.get("/en/dashboard/").content
    services.share_with_forum(actor=world["coordinator"], plan=world["draft"])
    assert (
        _base(world["draft"]).removeprefix("/en").encode() + b"publication/preview/"
        in client.get("/en/dashboard/").content
    )
    client.force_login(world["editor"])
    assert b"publication/preview/" in client.get("/en/dashboard/").content
    client.force_login(world["outsider"])
    assert b"publication/preview/" not in client.get("/en/dashboard/").content


def test_two_published_versions_are_compared_section_by_section(world, client):
    from samskap.commitments import services as commitment_services

    approve(world)
    coordinator, draft = world["coordinator"], world["draft"]
    first = services.publish(actor=coordinator, plan=draft)
    commitment_services.update_commitment(
        actor=coordinator, commitment=world["first"], values={"title": f"{SECRET} veileder om arkivering"}
    )
    second = services.publish_new_version(actor=coordinator, plan=draft)
    base = f"{_base(draft)}versions/"
    page = client.get(f"{base}{second.number}/compare/{first.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<del>journalføring</del>" in html and "<ins>arkivering</ins>" in html  # in the plan's language
    assert 'lang="nb"' in html  # the Norwegian document inside the English interface
    english = client.get(f"{base}{second.number}/compare/{first.number}/en/").content.decode()
    assert "same text in this language" in english  # its English texts did not change
    # Reached from the version and from the list of versions.
    assert f"{base}{second.number}/compare/{first.number}/nb/" in client.get(second.get_absolute_url()).content.decode()
    assert f"{base}{second.number}/compare/{first.number}/" in client.get(base).content.decode()
    # Only what exists, in a language both have, and only of a published plan.
    for missing in ("2/compare/2/", "2/compare/3/", "9/compare/1/", "2/compare/1/da/", "2/compare/1/xx/"):
        assert client.get(f"{base}{missing}").status_code == 404, missing
    unpublished = plan_services.create_plan(
        actor=coordinator,
        jurisdiction=world["norway"],
        values={
            "label": "7",
            "title": "Utkast",
            "start_date": datetime.date(2028, 1, 1),
            "end_date": datetime.date(2029, 12, 31),
        },
    )
    assert client.get(f"{_base(unpublished)}versions/2/compare/1/").status_code == 404


def test_the_milestones_are_written_in_english_too_and_shown_once_all_have_it(world, client):
    from django.core.exceptions import ValidationError

    from samskap.publication.documents import build

    draft, second, first = world["draft"], world["second"], world["first"]
    milestone = second.milestones.get()
    url = _base(draft) + f"publication/commitments/{second.slug}/"
    client.force_login(world["editor"])
    form = client.get(url).content.decode()
    assert f'name="milestone_{milestone.pk}"' in form and f"{SECRET} leveranse 6.2" in form  # the original beside it
    saved = client.post(
        url,
        {"title": "Openness on algorithms", "description": "Openness.", f"milestone_{milestone.pk}": " Delivery 6.2 "},
    )
    assert saved.status_code == 302
    assert second.texts.get(language="en").milestones == {str(milestone.pk): "Delivery 6.2"}

    def milestone_tables(language: str) -> dict[str, tuple[str, str]]:
        doc = build(draft, language, version=1, published_on=datetime.date(2026, 1, 1))
        commitments = next(s for s in doc.sections if s.subsections and s.subsections[0].heading.startswith("6."))
        return {
            c.heading.split()[0]: (c.subsections[-1].blocks[0].rows[1][0], c.subsections[-1].blocks[0].language)
            for c in commitments.subsections
        }

    english = milestone_tables("en")
    assert english["6.2"] == ("Delivery 6.2", "")  # in the document's language
    assert english["6.1"] == (f"{SECRET} leveranse 6.1", "nb")  # not given: the original, marked as Norwegian
    assert milestone_tables("nb")["6.2"] == (f"{SECRET} leveranse 6.2", "")  # the plan's own language as it is
    warnings = [m.text for m in services.completeness(draft) if m.commitment == first]
    assert any("not every milestone has its English text" in text for text in warnings)
    assert not any("milestone" in m.text for m in services.completeness(draft) if m.commitment == second)
    # Only the commitment's own milestones take a text.
    other = first.milestones.get()
    with pytest.raises(ValidationError):
        services.save_commitment_text(
            actor=world["coordinator"], commitment=second, language="en", values={"milestones": {str(other.pk): "X"}}
        )
