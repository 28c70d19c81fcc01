"""Self-assessments: the drafting equals the record, the comment window, the frozen versions."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.commitments.models import CompletionLevel
from samskap.evaluation import services
from samskap.evaluation.drafting import gather, summary_sentence, totals_in_words
from samskap.evaluation.models import Comment, PublishedVersion, Section, SelfAssessment
from samskap.history.models import ChangeRecord
from tests import factories as f

pytestmark = pytest.mark.django_db

SEED_LEVELS = ["limited"] * 7 + ["substantial"] * 5 + ["complete"] * 2


@pytest.fixture
def denmark():
    place = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK", default_language="da")
    plan = f.plan(jurisdiction=place, slug="2017-2019", title="Handlingsplan 2017-2019")
    commitments = [f.commitment(plan, completion=level, order=i) for i, level in enumerate(SEED_LEVELS, 1)]
    coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=place)
    return {"place": place, "plan": plan, "commitments": commitments, "coordinator": coordinator}


def _comment_values(**extra):
    return {"name": "Ida Holm", "email": "ida@example.dk", "text": "Mere om grunddata, tak.", **extra}


def test_totals_are_computed_from_the_record_in_the_seeds_words(denmark):
    record = gather(denmark["plan"])
    assert record.totals == {"limited": 7, "substantial": 5, "complete": 2}
    assert totals_in_words(record.totals) == "7 limited, 5 substantial, 2 complete"
    assert summary_sentence(record) == "Of the plan's 14 commitments: 7 limited, 5 substantial, 2 complete."


def test_totals_follow_the_record_not_a_typed_number(denmark):
    first = denmark["commitments"][0]
    first.completion = CompletionLevel.COMPLETE
    first.save()
    assert gather(denmark["plan"]).totals == {"limited": 6, "substantial": 5, "complete": 3}


def test_withdrawn_commitments_are_not_counted(denmark):
    f.commitment(denmark["plan"], status="withdrawn", completion="not_started")
    assert sum(gather(denmark["plan"]).totals.values()) == 14


def test_the_record_is_read_in_a_fixed_number_of_queries(denmark):
    """The same number of queries however much the record holds (the registered sources, such as the
    proposals' and the status rounds', add theirs, each a fixed number)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        gather(denmark["plan"])
    for c in denmark["commitments"][:3]:
        f.milestone(c, evidence_links=["https://example.dk/rapport.pdf"])
        f.progress_update(c)
    f.consultation(jurisdiction=denmark["place"], plan=denmark["plan"])
    f.meeting(jurisdiction=denmark["place"], plan=denmark["plan"])
    f.meeting(jurisdiction=denmark["place"], plan=denmark["plan"])
    with CaptureQueriesContext(connection) as large:
        record = gather(denmark["plan"])
    assert len(record.commitments) == 14 and len(record.meetings) == 2
    assert len(large) == len(small)


def test_starting_drafts_a_section_per_commitment_and_records_it(denmark):
    assessment = services.start_self_assessment(
        actor=denmark["coordinator"], plan=denmark["plan"], kind=SelfAssessment.Kind.MID_TERM
    )
    kinds = list(assessment.sections.values_list("kind", flat=True))
    assert kinds.count("commitment") == 14
    assert kinds[0] == "introduction" and kinds[-1] == "conclusion"
    assert assessment.language == "da"
    assert ChangeRecord.objects.filter(plan=denmark["plan"], object_repr__startswith="Mid-term").exists()
    with pytest.raises(ValidationError):
        services.start_self_assessment(
            actor=denmark["coordinator"], plan=denmark["plan"], kind=SelfAssessment.Kind.MID_TERM
        )


def test_the_draft_document_says_what_the_record_says(denmark):
    c = denmark["commitments"][0]
    f.milestone(c, activity="Grunddata på fordeleren", status="completed", evidence_links=["https://datafordeler.dk"])
    assessment = services.start_self_assessment(actor=denmark["coordinator"], plan=denmark["plan"], kind="mid_term")
    document = services.draft_document(assessment)
    assert document.language == "da"
    texts = [b.text for s in document.sections for b in s.blocks]
    assert "Af planens 14 forpligtelser: 7 begrænset, 5 væsentlig, 2 afsluttet." in texts
    section = next(s for s in document.sections if s.heading == str(c))
    table = next(b for b in section.blocks if b.kind == "table")
    assert table.rows[1] == ("Grunddata på fordeleren", "Afsluttet", "https://datafordeler.dk")


def _opened(denmark, days=22):
    assessment = services.start_self_assessment(actor=denmark["coordinator"], plan=denmark["plan"], kind="mid_term")
    today = timezone.localdate()
    short = services.set_comment_window(
        actor=denmark["coordinator"],
        assessment=assessment,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=days - 1),
    )
    return assessment, short


def test_a_window_of_two_weeks_is_fine_a_shorter_one_warns(denmark):
    assessment, short = _opened(denmark, days=14)
    assert not short
    short = services.set_comment_window(
        actor=denmark["coordinator"],
        assessment=assessment,
        opens_on=datetime.date(2018, 8, 1),
        closes_on=datetime.date(2018, 8, 10),
    )
    assert short and assessment.comment_days == 10


def test_a_window_that_ends_before_it_starts_is_refused(denmark):
    assessment = services.start_self_assessment(actor=denmark["coordinator"], plan=denmark["plan"], kind="mid_term")
    with pytest.raises(ValidationError):
        services.set_comment_window(
            actor=denmark["coordinator"],
            assessment=assessment,
            opens_on=datetime.date(2018, 8, 22),
            closes_on=datetime.date(2018, 8, 1),
        )


def test_comments_are_taken_only_in_the_window_once_per_form(denmark):
    assessment = services.start_self_assessment(actor=denmark["coordinator"], plan=denmark["plan"], kind="mid_term")
    section = assessment.sections.get(kind="introduction")
    token = uuid.uuid4()
    with pytest.raises(services.CommentsClosed):  # no window yet: a draft, not public
        services.comment(target=section, form_token=token, values=_comment_values())
    services.set_comment_window(
        actor=denmark["coordinator"],
        assessment=assessment,
        opens_on=datetime.date(2018, 8, 1),
        closes_on=datetime.date(2018, 8, 22),
    )
    first_day = timezone.make_aware(datetime.datetime(2018, 8, 1, 9))
    last_day = timezone.make_aware(datetime.datetime(2018, 8, 22, 23))
    after = timezone.make_aware(datetime.datetime(2018, 8, 23, 0, 30))
    sent = services.comment(target=section, form_token=token, values=_comment_values(), now=first_day)
    again = services.comment(target=section, form_token=token, values=_comment_values(), now=first_day)
    assert sent.created and not again.created and again.comment.pk == sent.comment.pk
    assert services.comment(target=section, form_token=uuid.uuid4(), values=_comment_values(), now=last_day).created
    with pytest.raises(services.CommentsClosed):
        services.comment(target=section, form_token=uuid.uuid4(), values=_comment_values(), now=after)
    assert Comment.objects.count() == 2
    assert len(mail.outbox) == 2 and sent.comment.confirmation_token in mail.outbox[0].body


def test_the_coordinator_answers_with_a_reasoned_response(denmark):
    assessment, _short = _opened(denmark)
    section = assessment.sections.get(kind="process")
    sent = services.comment(target=section, form_token=uuid.uuid4(), values=_comment_values())
    services.confirm_comment(comment=sent.comment)
    with pytest.raises(ValidationError):
        services.answer_comment(actor=denmark["coordinator"], comment=sent.comment, outcome="taken_up", reason=" ")
    services.answer_comment(
        actor=denmark["coordinator"], comment=sent.comment, outcome="partly", reason="Vi tilføjer et afsnit."
    )
    sent.comment.refresh_from_db()
    assert sent.comment.get_outcome_display() == "Partly taken up"
    record = ChangeRecord.objects.filter(object_repr=sent.comment.receipt).last()
    assert record is not None and "email" not in record.changes and "confirmation_token" not in record.changes


def _published(denmark):
    assessment, _short = _opened(denmark)
    intro = assessment.sections.get(kind="introduction")
    services.save_section(
        actor=denmark["coordinator"],
        section=intro,
        narrative="Initiativerne skrider frem som forventet.",
        narrative_en="The initiatives progress as expected.",
    )
    sent = services.comment(target=intro, form_token=uuid.uuid4(), values=_comment_values())
    services.confirm_comment(comment=sent.comment)
    services.answer_comment(actor=denmark["coordinator"], comment=sent.comment, outcome="taken_up", reason="Ja.")
    later = timezone.now() + datetime.timedelta(days=40)
    return services.publish(actor=denmark["coordinator"], assessment=assessment, now=later), assessment


def test_publishing_freezes_a_version_per_language_with_its_hash(denmark):
    versions, assessment = _published(denmark)
    assert [v.language for v in versions] == ["da", "en"]
    assessment.refresh_from_db()
    assert assessment.is_published
    danish = PublishedVersion.objects.get(assessment=assessment, language="da")
    from samskap.kernel.documents import content_hash, from_dict

    document = from_dict(danish.document)
    assert danish.sha256 == content_hash(document)
    assert document.title == "Midtvejsselvevaluering"
    assert any("Initiativerne skrider frem" in b.text for s in document.sections for b in s.blocks)
    english = from_dict(PublishedVersion.objects.get(assessment=assessment, language="en").document)
    texts = [b.text for s in english.sections for b in s.blocks]
    assert "The initiatives progress as expected." in texts
    assert "Of the plan's 14 commitments: 7 limited, 5 substantial, 2 complete." in texts
    answered = english.sections[-1]
    assert "Ida Holm" in answered.blocks[0].items[0] and "Taken up: Ja." in answered.blocks[0].items[0]


def test_editing_the_record_later_never_changes_a_published_assessment(denmark, client):
    _versions, assessment = _published(denmark)
    stored = {v.language: (v.document, v.sha256) for v in PublishedVersion.objects.filter(assessment=assessment)}
    first = denmark["commitments"][0]
    first.completion = "complete"
    first.title = "Et nyt navn"
    first.save()
    f.milestone(first, activity="Ny milepæl")
    for version in PublishedVersion.objects.filter(assessment=assessment):
        assert (version.document, version.sha256) == stored[version.language]
    page = client.get(assessment.url() + "?language=da")
    html = page.content.decode()
    assert "7 begrænset, 5 væsentlig, 2 afsluttet" in html and "Et nyt navn" not in html
    # The draft, built now, would say otherwise: proof that the page reads the frozen version.
    glance = services.draft_document(assessment).sections[1]
    assert "6 begrænset" in glance.blocks[0].text


def test_a_published_assessment_cannot_change(denmark):
    versions, assessment = _published(denmark)
    with pytest.raises(services.AlreadyPublished):
        services.publish(actor=denmark["coordinator"], assessment=assessment)
    with pytest.raises(services.AlreadyPublished):
        services.save_section(actor=denmark["coordinator"], section=assessment.sections.first(), narrative="Nyt")
    version = versions[0]
    version.sha256 = "0" * 64
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()


def test_publishing_waits_for_the_end_of_the_comment_period(denmark):
    assessment, _short = _opened(denmark)
    with pytest.raises(ValidationError):
        services.publish(actor=denmark["coordinator"], assessment=assessment)
    assert not PublishedVersion.objects.exists()


def test_the_frozen_html_is_rendered_from_the_stored_document(denmark):
    versions, _assessment = _published(denmark)
    html = services.render_file(versions[1], "html").decode()
    assert '<article lang="en"' in html and "7 limited, 5 substantial, 2 complete" in html


def test_section_kinds_are_labelled():
    assert str(Section.Kind.PROCESS.label) == "The process"


def test_the_published_files_are_served_from_the_stored_document(denmark, client):
    versions, _assessment = _published(denmark)
    url = reverse(
        "evaluation:file",
        kwargs={"jurisdiction": "danmark", "plan": "2017-2019", "kind": "mid_term", "language": "en", "fmt": "html"},
    )
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Disposition"].endswith('-en.html"')
    assert b"".join(page.streaming_content) == services.render_file(versions[1], "html")
    pdf = b"".join(client.get(url.replace(".html", ".pdf")).streaming_content)
    again = b"".join(client.get(url.replace(".html", ".pdf")).streaming_content)
    assert pdf == again  # rendered once, then the same file
    import io

    import docx
    import pdfplumber
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.Root.Lang) == "en" and "/StructTreeRoot" in document.Root  # tagged, in English
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "7 limited, 5 substantial, 2 complete" in "".join(page.extract_text() for page in document.pages)
    word = docx.Document(io.BytesIO(b"".join(client.get(url.replace(".html", ".docx")).streaming_content)))
    assert any("7 limited, 5 substantial, 2 complete" in p.text for p in word.paragraphs)
    assert client.get(url.replace("/en.html", "/fr.html")).status_code == 404
    assert client.get(url.replace(".html", ".exe")).status_code == 404
