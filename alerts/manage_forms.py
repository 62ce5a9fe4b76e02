"""Forms of the senders' pages: contacts, webhooks, deputies. They check what people type and
say what is wrong beside the field; the rules themselves live in alerts.manage_services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from networks.models import Membership
from pledges.forms import PlainTextField

from .inbox_forms import MobilePhoneField
from .manage_services import webhook_url_error
from .models import LawEnforcementContact, Webhook


class ContactForm(forms.Form):
    name = PlainTextField(label=gettext_lazy("Name"), max_length=150, needs_letters=True)
    agency = PlainTextField(
        label=gettext_lazy("Agency"),
        max_length=200,
        needs_letters=True,
        help_text=gettext_lazy("For example: Springfield Police Department, Robbery Unit."),
    )
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254, required=False)
    phone = forms.CharField(label=gettext_lazy("Mobile phone"), required=False)
    email_on = forms.BooleanField(label=gettext_lazy("Send alerts by email"), required=False)
    sms_on = forms.BooleanField(
        label=gettext_lazy("Send alerts by text message (SMS)"), required=False
    )
    consent_note = PlainTextField(
        label=gettext_lazy("How and when they agreed to receive alerts"),
        max_length=300,
        help_text=gettext_lazy(
            "For example: “Asked in person at the March meeting, agreed to email and SMS.” "
            "The date it is saved is kept with it."
        ),
    )

    def __init__(self, *args: Any, region: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"] = MobilePhoneField(
            region=region,
            label=gettext_lazy("Mobile phone"),
            required=False,
            help_text=gettext_lazy("Numbers without a country code are read as this network's."),
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "dir": "ltr"})

    @classmethod
    def initial_of(cls, contact: LawEnforcementContact) -> dict[str, Any]:
        return {
            name: getattr(contact, name)
            for name in ("name", "agency", "email", "phone", "email_on", "sms_on", "consent_note")
        }


class WebhookForm(forms.Form):
    name = PlainTextField(
        label=gettext_lazy("Name"),
        max_length=100,
        needs_letters=True,
        help_text=gettext_lazy("For you: where it goes, e.g. “Police dispatch Slack channel”."),
    )
    url = forms.CharField(
        label=gettext_lazy("Address (URL)"),
        max_length=Webhook._meta.get_field("url").max_length,
        help_text=gettext_lazy("Starts with https://. The receiver gives you this address."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["url"].widget = forms.URLInput(
            attrs={"dir": "ltr", "autocomplete": "off", "inputmode": "url"}
        )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"].strip()
        error = webhook_url_error(url)
        if error is not None:
            raise ValidationError(error, code="url")
        return url


class DeputyAppointForm(forms.Form):
    user_id = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int)

    def __init__(self, *args: Any, candidates: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.TypedChoiceField = self.fields["user_id"]  # type: ignore[assignment]
        field.choices = [("", _("Choose a member…"))] + [
            (
                member.user_id,
                f"{member.user.full_name or member.user.email} · "
                f"{member.store.display_name if member.store else ''} · "
                f"{member.get_role_display()}",
            )
            for member in candidates
        ]
