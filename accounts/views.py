"""The portal's own account pages, beside allauth's."""

from __future__ import annotations

from allauth.account.internal.flows.email_verification import (
    consume_email_verification_rate_limit,
)
from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

# Where allauth's adapter notes the address it just wrote to, so the "check your email" page
# can offer to write again without asking for it.
VERIFICATION_EMAIL_SESSION_KEY = "portal_verification_email"


class VerificationResendForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)


@require_POST
def verification_resend(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again. The answer is the same whether or not an account
    waits at the address; allauth's limit for confirmation mails (one per address every few
    minutes) applies, and a link already sent keeps working."""
    form = VerificationResendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the email address you signed up with."))
        return HttpResponseRedirect(reverse("account_email_verification_sent"))
    email = form.cleaned_data["email"].strip().lower()
    request.session[VERIFICATION_EMAIL_SESSION_KEY] = email
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=False)
        .select_related("user")
        .first()
    )
    if address is not None and consume_email_verification_rate_limit(request, email):
        # Someone who never signed in gets the sign-up wording again.
        address.send_confirmation(request, signup=address.user.last_login is None)
    messages.info(
        request,
        _(
            "If an account waits for confirmation at %(email)s, a new link is on its way. "
            "Links already sent keep working."
        )
        % {"email": email},
    )
    return HttpResponseRedirect(reverse("account_email_verification_sent"))
