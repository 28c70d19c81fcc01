from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from samskap.accounts.models import RoleGrant
from samskap.core.tasks import send_email
from samskap.organisations.models import Organisation


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email sent by the task worker."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (RoleGrant.Role.EDITOR, _("Institution editor: keeps the organisation's commitments up to date")),
            (RoleGrant.Role.COORDINATOR, _("Coordinator: runs the cycle for the jurisdiction")),
        ],
        widget=forms.RadioSelect,
        initial=RoleGrant.Role.EDITOR,
    )

    def __init__(self, *args: Any, jurisdiction: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(jurisdiction=jurisdiction)  # type: ignore[attr-defined]
