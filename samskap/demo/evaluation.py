# ruff: noqa: RUF001 - the prose uses real en dashes, as in Danish and Norwegian.
"""Demo evaluation: Denmark's mid-term self-assessment of the 2017-2019 plan and the IRM's design report
on Norway's plan 4 out for public comment.

Seed 000 (Digitaliseringsstyrelsen's "Nyt om OGP"): the draft was written 1 June - 1 August 2018, put out
for public comment 1-22 August 2018, discussed at the network's first meeting on 22 August and published
30 September 2018: of the 14 initiatives, seven implemented to a limited degree, five substantially and
two complete. Those totals are not typed here: the self-assessment drafts them from the commitments'
recorded completion. Seed 003 (KMD's letter of 12 April 2021): the IRM's design report on plan 4, written by
Pål W. Skedsmo, was put out for public comment on ogp.civicomment.org. The seed gives no dates for the
comment period; the demo opens it on the day the demo is loaded, so that the comment form can be tried.
"""

import datetime
from collections import Counter

from django.utils import timezone

from samskap.accounts.models import User
from samskap.evaluation import services
from samskap.evaluation.models import SelfAssessment
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan
from samskap.review.models import Report
from samskap.review.services import save_report

COPENHAGEN = datetime.timezone(datetime.timedelta(hours=2))  # summer time, enough for the demo's moments

NARRATIVES: dict[str, tuple[str, str]] = {
    "introduction": (
        "Generelt skrider initiativerne frem som forventet og har allerede i det første år ført til en række "
        "konkrete resultater. Eksempelvis er en række grundlæggende data blevet udstillet på "
        "grunddatafordeleren, der er lanceret en national strategi for et stærkere civilsamfund, og der er "
        "modtaget 984 forslag om overflødige regler, som nu er under behandling.",
        "In general the initiatives are progressing as expected and have already led to concrete results in "
        "the first year. For example, basic data have been made available on the Data Distributor, a "
        "national strategy for a stronger civil society has been launched, and 984 proposals about "
        "superfluous rules have been received and are being considered.",
    ),
    "process": (
        "Udkastet til midtvejsselvevalueringen blev udarbejdet fra 1. juni til 1. august 2018 og var i "
        "offentlig høring på høringsportalen.dk fra 1. til 22. august 2018. Den 22. august 2018 blev "
        "udkastet drøftet på det første møde i det åbne OGP-netværk, sammen med implementeringen af "
        "handlingsplanen.",
        "The draft mid-term self-assessment was written from 1 June to 1 August 2018 and was open for public "
        "comment on høringsportalen.dk from 1 to 22 August 2018. On 22 August 2018 the draft was discussed "
        "at the first meeting of the open OGP network, together with the implementation of the plan.",
    ),
    "conclusion": (
        "Mange indsatser for åbenhed foregår uden for rammerne af handlingsplanen. Eksempelvis fremhæves "
        "Silkeborg Kommune for »Min sag«, hvor borgere let og hurtigt kan søge om indsigt i egen sag, mens "
        "Aarhus Kommune har oprettet et frivilligudvalg, udarbejdet en medborgerskabspolitik og er europæisk "
        "frivillighovedstad i 2018.",
        "Much work for openness happens outside the action plan. Silkeborg Municipality, for example, is "
        "highlighted for “Min sag”, where citizens can quickly and easily ask for access to their own case, "
        "while Aarhus Municipality has set up a volunteering committee, written a citizenship policy and is "
        "European Volunteering Capital in 2018.",
    ),
}


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), COPENHAGEN)


def _danish_mid_term(coordinator: User, plan: ActionPlan, created: Counter[str]) -> None:
    if SelfAssessment.objects.filter(plan=plan, kind=SelfAssessment.Kind.MID_TERM).exists():
        return
    assessment = services.start_self_assessment(actor=coordinator, plan=plan, kind=SelfAssessment.Kind.MID_TERM)
    for section in assessment.sections.all():
        if section.kind in NARRATIVES:
            danish, english = NARRATIVES[section.kind]
            services.save_section(actor=coordinator, section=section, narrative=danish, narrative_en=english)
    services.set_comment_window(
        actor=coordinator,
        assessment=assessment,
        opens_on=datetime.date(2018, 8, 1),
        closes_on=datetime.date(2018, 8, 22),
    )
    services.publish(actor=coordinator, assessment=assessment, now=_at(datetime.date(2018, 9, 30)))
    created["self-assessments"] += 1


def _norwegian_design_report(reviewer: User, plan: ActionPlan, created: Counter[str]) -> None:
    title = "Norway Design Report 2019–2021"
    if Report.objects.filter(plan=plan, title=title).exists():
        return
    today = timezone.localdate()
    save_report(
        actor=reviewer,
        plan=plan,
        values={
            "report_type": "design",
            "title": title,
            "stage": Report.Stage.DRAFT,
            "language": "en",
            "summary": (
                "The IRM's assessment of the design of Norway's fourth action plan, written by Pål W. Skedsmo. "
                "Among its findings: there was not enough contact between the administration and civil society "
                "while the plan was being written. The draft is open for public comment."
            ),
            "comments_open_on": today - datetime.timedelta(days=2),
            "comments_close_on": today + datetime.timedelta(days=12),
            "draft_url": "https://ogp.civicomment.org/norway-design-report-2019-2021-public-comment",
            "ogp_url": "https://www.opengovpartnership.org/members/norway/",
        },
    )
    created["IRM reports"] += 1


def load_evaluation(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    """Load the part of the demo evaluation that is missing (see the module's docstring)."""
    denmark, norway = jurisdictions["danmark"], jurisdictions["norge"]
    _danish_mid_term(
        users["koordinator@example.dk"], ActionPlan.objects.get(jurisdiction=denmark, label="2017-2019"), created
    )
    _norwegian_design_report(
        users["reviewer@example.org"], ActionPlan.objects.get(jurisdiction=norway, label="4"), created
    )
