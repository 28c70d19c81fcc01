import re

import pytest
from django.core import mail

from samskap.accounts.models import RoleGrant, User
from tests import factories as f


@pytest.mark.django_db
def test_coordinator_invites_an_editor_who_sets_a_password_and_logs_in(client):
    norway = f.jurisdiction(slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Kulturdepartementet")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway, full_name="Kari Koordinator"))
    response = client.post(
        "/nb/organisations/invite/norge/",
        {"full_name": "Ola Redaktør", "email": "ola@example.no", "organisation": ministry.pk, "role": "editor"},
    )
    assert response.status_code == 302
    invited = User.objects.get(email="ola@example.no")
    assert not invited.has_usable_password()
    assert RoleGrant.objects.filter(user=invited, role="editor", organisation=ministry).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ola@example.no"]
    assert "Kari Koordinator" in message.body  # in Norwegian, the language the coordinator used
    link = re.search(r"https?://\S+/password-reset/\S+/\S+/", str(message.body)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    form_page = client.get("/" + path, follow=True)
    assert form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "et-langt-passord-2024", "new_password2": "et-langt-passord-2024"})
    assert done.status_code == 302
    assert (
        client.post(
            "/nb/accounts/login/", {"username": "ola@example.no", "password": "et-langt-passord-2024"}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_editor_cannot_invite(client):
    norway = f.jurisdiction(slug="norge")
    ministry = f.organisation(jurisdiction=norway)
    client.force_login(f.user(role=RoleGrant.Role.EDITOR, scope=ministry))
    response = client.post(
        "/en/organisations/invite/norge/",
        {"full_name": "X", "email": "x@example.no", "organisation": ministry.pk, "role": "coordinator"},
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.no").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_invitation_to_an_organisation_of_another_country_is_refused(client):
    norway = f.jurisdiction(slug="norge")
    danish_agency = f.organisation(jurisdiction=f.jurisdiction())
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway))
    response = client.post(
        "/en/organisations/invite/norge/",
        {"full_name": "X", "email": "x@example.no", "organisation": danish_agency.pk, "role": "editor"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_email_goes_through_the_task_worker(client, settings):
    f.user(email="kari@example.no")
    response = client.post("/en/accounts/password-reset/", {"email": "kari@example.no"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/accounts/password-reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/en/accounts/password-reset/", {"email": "nobody@example.no"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_login_with_a_wrong_password_gets_a_clear_message(client):
    f.user(email="kari@example.no")
    response = client.post("/en/accounts/login/", {"username": "kari@example.no", "password": "wrong"})
    assert response.status_code == 200
    assert "The email address or the password is wrong." in response.content.decode()
