"""The Nu Html Checker over the pages of a status round, in Norwegian (the content's language) and English
(content in another language than the interface's: `lang` must say so), with and without form errors."""

import pytest
from django.urls import reverse

from tests.monitoring.test_views import _answer_data, _form
from tests.site.test_html_checker import check, page


@pytest.mark.django_db
@pytest.mark.html_checker
def test_the_round_pages_pass_the_checker(client, world, settings):
    settings.DEBUG = False
    world.plan.jurisdiction.default_language = "nb"
    world.plan.jurisdiction.save()
    status_round = world.start()
    answer_url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    create_url = reverse(
        "monitoring:create", kwargs={"jurisdiction": world.plan.jurisdiction.slug, "plan": world.plan.slug}
    )
    pages = {}
    client.force_login(world.kud_editor)
    for language in ("nb", "en"):
        pages[f"answer {language}"] = page(client, f"/{language}{answer_url[3:]}")
    pages["answer with errors"] = page(
        client, answer_url, _answer_data(world, "submit", **{f"c{world.journal.pk}-done": ""})
    )
    pages["dashboard editor"] = page(client, "/en/dashboard/")
    client.post(answer_url, _answer_data(world, "submit"))
    client.force_login(world.coordinator)
    pages["create"] = page(client, create_url)
    pages["create with errors"] = page(client, create_url, _form(world, reminder_offsets="x", organisations=[]))
    manage = reverse("monitoring:manage", kwargs={"pk": status_round.pk})
    pages["manage"] = page(client, manage)
    pages["dashboard coordinator"] = page(client, "/en/dashboard/")
    client.post(manage, {"action": "publish"})
    client.logout()
    for language in ("nb", "en"):
        pages[f"round {language}"] = page(client, f"/{language}/status/{status_round.pk}/")
        pages[f"plan {language}"] = page(client, f"/{language}{world.plan.get_absolute_url()[3:]}")
    assert "Hva er gjort?" in pages["answer nb"] and "Say what was done" in pages["answer with errors"]
    assert "Status rounds" in pages["plan en"] and "Ikke svart" in pages["round nb"]
    assert check(pages) == {}
