"""A municipality or county asks to join; only a confirmed request reaches the national coordinator, who
accepts (a local jurisdiction, its organisation, an invited coordinator) or declines with a reason."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskap.accounts.models import RoleGrant, User
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.local import services
from samskap.local.models import JoinRequest

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "form_token": str(uuid.uuid4()),
        "name": "Havøy kommune",
        "kind": "municipality",
        "organisation_number": "964 123 456",
        "contact_name": "Per Demo",
        "email": "post@havoy.example.no",
        "contact_phone": "",
        "coordinator_name": "Liv Demo",
        "coordinator_email": "liv@havoy.example.no",
        "time_zone": "Europe/Oslo",
        "default_language": "nb",
        "motivation": "Vi vil melde inn åpenhetsaktiviteter.",
    }
    data.update(changes)
    return data


def ask(client, norway, **changes):
    return client.post(reverse("local:join", kwargs={"country": norway.slug}), form_data(**changes))


def confirm(client, request):
    return client.post(reverse("local:join_confirm", kwargs={"token": request.confirmation_token}))


def test_a_request_is_stored_once_and_only_shown_after_the_email_is_confirmed(client, norway, national):
    data = form_data()
    url = reverse("local:join", kwargs={"country": norway.slug})
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double click
    request = JoinRequest.objects.get()
    assert request.organisation_number == "964123456"
    assert len(mail.outbox) == 1 and request.confirmation_token in mail.outbox[0].body

    client.force_login(national)
    overview = reverse("local:overview", kwargs={"country": norway.slug})
    assert "Havøy kommune" not in client.get(overview).content.decode()
    assert client.get(reverse("local:decide", kwargs={"country": "norge", "pk": request.pk})).status_code == 404
    client.logout()

    assert client.get(reverse("local:join_confirm", kwargs={"token": request.confirmation_token})).status_code == 200
    request.refresh_from_db()
    assert request.confirmed_at is None  # a mail scanner's GET confirms nothing
    confirm(client, request)
    client.force_login(national)
    assert "Havøy kommune" in client.get(overview).content.decode()


def test_bad_input_gets_form_errors_not_a_500(client, norway):
    assert ask(client, norway, organisation_number="12ab").status_code == 400
    assert ask(client, norway, name="x" * 5000).status_code == 400
    assert ask(client, norway, name="Havøy\x00").status_code == 400
    assert ask(client, norway, coordinator_email="not an address").status_code == 400
    assert ask(client, norway, time_zone="Mars/Olympus").status_code == 400
    assert not JoinRequest.objects.exists()
    assert client.get(reverse("local:join", kwargs={"country": "nowhere"})).status_code == 404
    assert client.get(reverse("local:join_confirm", kwargs={"token": "nope"})).status_code == 404


def test_a_local_government_cannot_be_asked_to_take_part_under_another(client, fjordvik):
    assert client.get(reverse("local:join", kwargs={"country": fjordvik.slug})).status_code == 404


def _confirmed(norway, **changes):
    data = form_data(**changes)
    token = uuid.UUID(data.pop("form_token"))
    data["organisation_number"] = "964123456"
    request = services.ask_to_join(country=norway, form_token=token, values=data)
    return services.confirm_join_request(request=request)


def test_accepting_makes_a_local_jurisdiction_and_invites_its_coordinator(client, norway, national):
    request = _confirmed(norway, time_zone="Europe/Oslo", default_language="nb")
    mail.outbox.clear()
    client.force_login(national)
    url = reverse("local:decide", kwargs={"country": "norge", "pk": request.pk})
    assert client.post(url, {"decision": "accept", "reason": ""}).status_code == 302

    place = Jurisdiction.objects.get(name="Havøy kommune")
    assert place.parent == norway and place.kind == "municipality" and place.time_zone == "Europe/Oslo"
    assert place.coordinating_organisation is not None and place.coordinating_organisation.type == "municipality"
    coordinator = User.objects.get(email="liv@havoy.example.no")
    assert not coordinator.has_usable_password()  # invited to choose one, never given one
    assert RoleGrant.objects.filter(user=coordinator, role="coordinator", jurisdiction=place).exists()
    assert not RoleGrant.objects.filter(user=coordinator, jurisdiction=norway).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["liv@havoy.example.no", "post@havoy.example.no"]
    request.refresh_from_db()
    assert request.status == "accepted" and request.jurisdiction == place
    assert ChangeRecord.objects.filter(object_repr="Havøy kommune", action="updated").exists()

    # Answered once: a second answer changes nothing and sends nothing.
    mail.outbox.clear()
    client.post(url, {"decision": "decline", "reason": "Nei"})
    request.refresh_from_db()
    assert request.status == "accepted" and not mail.outbox
    # Public on the country's page.
    client.logout()
    assert "Havøy kommune" in client.get(norway.get_absolute_url()).content.decode()


def test_declining_needs_a_reason_and_tells_the_sender_once(client, norway, national):
    request = _confirmed(norway)
    mail.outbox.clear()
    client.force_login(national)
    url = reverse("local:decide", kwargs={"country": "norge", "pk": request.pk})
    response = client.post(url, {"decision": "decline", "reason": "  "})
    assert response.status_code == 400 and "Give the reason for declining." in response.content.decode()
    with pytest.raises(ValidationError):
        services.decide_join_request(actor=national, request=request, accept=False, reason="")
    client.post(url, {"decision": "decline", "reason": "Send en ny forespørsel fra rådmannen."})
    request.refresh_from_db()
    assert request.status == "declined" and request.jurisdiction is None
    assert not Jurisdiction.objects.filter(name="Havøy kommune").exists()
    assert [m.to for m in mail.outbox] == [["post@havoy.example.no"]]
    assert "Send en ny forespørsel fra rådmannen." in mail.outbox[0].body
    with pytest.raises(services.WrongStep):
        services.decide_join_request(actor=national, request=request, accept=True, reason="")


def test_an_unconfirmed_request_cannot_be_answered(norway, national):
    data = form_data()
    token = uuid.UUID(data.pop("form_token"))
    request = services.ask_to_join(country=norway, form_token=token, values=data)
    with pytest.raises(services.WrongStep):
        services.decide_join_request(actor=national, request=request, accept=True, reason="")


def test_only_the_countrys_coordinator_answers(client, norway, fjordvik, local_coordinator):
    request = _confirmed(norway)
    url = reverse("local:decide", kwargs={"country": "norge", "pk": request.pk})
    client.force_login(local_coordinator)
    assert client.post(url, {"decision": "accept"}).status_code == 403
    assert client.get(reverse("local:overview", kwargs={"country": "norge"})).status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"
