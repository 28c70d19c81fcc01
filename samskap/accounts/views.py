from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.accounts.forms import InvitationForm, QueuedPasswordResetForm
from samskap.accounts.permissions import Action, require
from samskap.accounts.services import invite_user
from samskap.jurisdictions.models import Jurisdiction


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def invite(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    place = get_object_or_404(Jurisdiction, slug=jurisdiction)
    require(request.user, Action.INVITE_USER, place)
    form = InvitationForm(request.POST or None, jurisdiction=place)
    if request.method == "POST" and form.is_valid():
        user = invite_user(
            inviter=request.user,
            jurisdiction=place,
            site_url=settings.SITE_URL,
            language=get_language() or settings.LANGUAGE_CODE,
            **form.cleaned_data,
        )
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": user.email})
        return redirect("accounts:invite", jurisdiction=place.slug)
    return render(request, "accounts/invite.html", {"form": form, "jurisdiction": place})
