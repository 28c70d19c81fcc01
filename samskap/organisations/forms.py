from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.accounts.models import RoleGrant
from samskap.organisations.models import Organisation


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


class AliasForm(forms.Form):
    name = forms.CharField(
        label=_("Other name"),
        max_length=200,
        help_text=_("A name in another language, or a short name, as files from elsewhere write it."),
    )
