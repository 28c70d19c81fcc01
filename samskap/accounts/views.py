from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from samskap.accounts.forms import QueuedPasswordResetForm
from samskap.kernel import intake

#: Password-reset emails one address may ask for, and one email address may be sent, per hour.
RESETS_PER_ADDRESS = 20
RESETS_PER_EMAIL = 3


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        """Counted per client address and per email address, known or not (the answer tells nothing)."""
        try:
            intake.throttle(
                "password_reset",
                address=intake.client_address(self.request),
                email=form.cleaned_data["email"],
                per_address=RESETS_PER_ADDRESS,
                per_email=RESETS_PER_EMAIL,
            )
        except intake.TooManySubmissions as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
