from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskap.following.models import Frequency
from samskap.kernel.intake import IntakeForm


def _frequency() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.DAILY, widget=forms.RadioSelect
    )


class FollowForm(IntakeForm):
    """Follow without an account: an email address, confirmed by a link before anything is sent."""

    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = _frequency()


class AccountFollowForm(forms.Form):
    """Follow with an account: the account's address, active at once."""

    frequency = _frequency()


class ChangeForm(forms.Form):
    """One row of "What I follow": how often, or stop."""

    subscription = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices, required=False)
    action = forms.ChoiceField(choices=[("save", "save"), ("stop", "stop")], widget=forms.HiddenInput)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, widget=forms.Select(attrs={"class": "ds-input"})
    )


class NoticesForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Email me when"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["wanted"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = kinds
