"""Forms of the public site: the network finder, the request for a new network, the
verification lookup, and the platform admins' decline form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .directory import country_name
from .network_requests import network_request_slug_check, network_slug_suggest

# The field bots fill in and people never see (the same name as on the sign-up form).
HONEYPOT_FIELD = "company_website"
COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


class NetworkFinderForm(forms.Form):
    q = forms.CharField(
        label=_("City, postal code, state or network name"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "postal-code"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, countries: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field: Any = self.fields["country"]
        choice_field.choices = [("", _("All countries"))] + [
            (code, country_name(code)) for code in countries
        ]

    def clean_q(self) -> str:
        # Long input is cut, not refused: a search box should always answer.
        return str(self.cleaned_data.get("q", ""))[:100]


class CountryField(forms.ChoiceField):
    """Every country, named in the reader's language (django-countries), stored as its ISO
    3166 code; a code typed in lower case ("us", from a link) is the same country."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_country_choices, **kwargs)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


def _country_choices() -> list[tuple[str, str]]:
    # A callable: the names and their order follow the language active when the form shows.
    return [("", str(_("Choose a country"))), *((c.code, str(c.name)) for c in countries)]


class NetworkRequestForm(forms.Form):
    organiser_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organiser_email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We write to this address with the decision, and invite you from it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organiser_phone = forms.CharField(
        label=_("Your phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    network_name = forms.CharField(
        label=_("Name of the network"),
        max_length=200,
        help_text=_("For example: Tri-County Jewelers Network."),
    )
    # Left empty, it is made from the network's name (static/js/network_request.js fills it
    # in while the name is typed, and checks it live; without the script the server does).
    slug = forms.CharField(
        label=_("Web address"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    country = CountryField(
        label=_("Country"), widget=forms.Select(attrs={"autocomplete": "country"})
    )
    region = forms.CharField(label=_("State or province"), max_length=100, required=False)
    cities = forms.CharField(
        label=_("Cities covered"),
        max_length=500,
        required=False,
        help_text=_("Separate them with commas, for example: Long Beach, Pasadena."),
    )
    expected_members = forms.IntegerField(
        label=_("How many stores do you expect to join?"),
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    message = forms.CharField(
        label=_("Anything else we should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Rendered by hand in the template, out of sight (see .hp-field in portal.css).
    company_website = forms.CharField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = _(
            "Made from the network's name; change it if you like. Lowercase letters, digits "
            "and hyphens: your network's site will be at <address>.%(domain)s, for example "
            "tri-county.%(domain)s."
        ) % {"domain": settings.PORTAL_DOMAIN}
        if self.is_bound and not str(self.data.get("slug", "")).strip():
            # Sent without an address (no script): the one the name gives, shown if refused.
            data = dict(self.data.items())
            data["slug"] = network_slug_suggest(str(data.get("network_name", "")))
            self.data = data

    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if not slug.strip():
            raise ValidationError(_("Choose a web address for the network."), code="required")
        return network_request_slug_check(slug)

    def request_fields(self) -> dict[str, Any]:
        """The cleaned values, as pledges.network_requests.network_request_create takes them."""
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT_FIELD}

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError beside the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class VerificationForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_(
            "Eight letters and digits, for example 7KQ4-MZ3P. Case and spaces do not matter."
        ),
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "code-text",
            }
        ),
    )


class NetworkRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("The organiser reads this in their email."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
