"""The Nu Html Checker over the local app's pages and forms, with their errors showing, in all three languages
(valid HTML, and no "this looks Norwegian but lang=en": content in another language carries its `lang`)."""

import pytest
from django.core.management import call_command
from django.test import Client

from samskap.accounts.models import User
from samskap.local.models import Activity, JoinRequest
from samskap.plans.models import ActionPlan
from tests.site.test_html_checker import check, page

pytestmark = [pytest.mark.django_db, pytest.mark.html_checker]


def test_the_local_pages_and_forms_pass_the_checker(settings):
    settings.DEBUG = False
    call_command("load_demo", force=True, verbosity=0)
    accepted = Activity.objects.public().select_related("jurisdiction").order_by("pk").first()
    waiting = Activity.objects.get(status="submitted")
    request = JoinRequest.objects.get(status="pending")
    havoy = waiting.jurisdiction.slug
    plan4 = ActionPlan.objects.get(jurisdiction__slug="norge", label="4")
    pages: dict[str, str] = {}
    anonymous, national, local = Client(), Client(), Client()
    national.force_login(User.objects.get(email="koordinator@example.no"))
    local.force_login(User.objects.get(email="havoy@example.no"))
    for language in ("nb", "da", "en"):
        base = f"/{language}"
        pages[f"{language} country"] = page(anonymous, f"{base}/j/norge/")
        pages[f"{language} municipality"] = page(local, f"{base}/j/{havoy}/")
        pages[f"{language} activity"] = page(anonymous, f"{base}{accepted.get_absolute_url()[3:]}")
        pages[f"{language} activities"] = page(anonymous, f"{base}/local/norge/activities/")
        pages[f"{language} join, every field wrong"] = page(
            anonymous, f"{base}/local/norge/join/", {"name": "", "organisation_number": "12", "email": "x"}
        )
        pages[f"{language} decide, no reason"] = page(
            national, f"{base}/local/norge/requests/{request.pk}/", {"decision": "decline", "reason": ""}
        )
        pages[f"{language} overview"] = page(national, f"{base}/local/norge/overview/")
        pages[f"{language} review, no comment"] = page(
            national, f"{base}/local/{havoy}/activities/{waiting.pk}/review/", {"decision": "changes", "note": ""}
        )
        pages[f"{language} new activity, every field wrong"] = page(
            local,
            f"{base}/local/{havoy}/activities/new/",
            {"title": "", "start_date": "2025-01-01", "end_date": "2024-01-01", "links": "x"},
        )
        pages[f"{language} start plan"] = page(local, f"{base}/local/{havoy}/start-plan/")
        pages[f"{language} start plan, end before start"] = page(
            local,
            f"{base}/local/{havoy}/start-plan/{plan4.pk}/",
            {"label": "", "start_date": "2026-01-01", "end_date": "2025-01-01"},
        )
        pages[f"{language} my work"] = page(national, f"{base}/my-work/")
    assert "Nordli kommune" in pages["en overview"] and "Postjournalen i eInnsyn" in pages["en country"]
    assert check(pages) == {}
