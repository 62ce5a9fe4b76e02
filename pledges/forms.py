"""Forms of the network's pledge pages. They check what people type and say what is wrong next
to the field; every rule about pledges themselves lives in pledges.services."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from networks.models import Store
from toolkit import logos

from .models import PledgeStatus, PledgeVersion
from .services import REASON_REQUIRED, StoreDetails, logo_prepare

# --- Text as people type it ------------------------------------------------------------------

# Invisible characters with a job in real names: joiners (emoji sequences, Persian, Indic
# scripts), the left-to-right and right-to-left marks, and the tags of regional flag emoji.
ALLOWED_FORMAT_CHARACTERS = frozenset({"\u200c", "\u200d", "\u200e", "\u200f"})
# Scripts whose letters look alike: one word mixing them is how a name imitates another.
CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
WORD_RE = re.compile(r"\w+")
STORE_PHONE_MAX_LENGTH = 32  # Store.phone's column


def _is_hidden_control(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category in ("Cc", "Co", "Cs"):
        return True
    if category == "Cf":
        return ch not in ALLOWED_FORMAT_CHARACTERS and not 0xE0020 <= ord(ch) <= 0xE007F
    return False


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def _mixes_lookalike_scripts(value: str) -> bool:
    for word in WORD_RE.findall(value):
        scripts = {_script(ch) for ch in word if ch.isalpha()} & CONFUSABLE_SCRIPTS
        if len(scripts) > 1:
            return True
    return False


class PlainTextField(forms.CharField):
    """Text as it will be shown to other people: Unicode-normalised, spaces tidied, no hidden
    control characters, and (for names) at least one letter or digit and no word that mixes
    look-alike alphabets. Any language and script, emoji included, is welcome."""

    def __init__(
        self,
        *,
        needs_letters: bool = False,
        multiline: bool = False,
        autocomplete: str = "",
        **kwargs: Any,
    ) -> None:
        self.needs_letters = needs_letters
        self.multiline = multiline
        if "widget" not in kwargs:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("dir", "auto")
        if autocomplete:
            self.widget.attrs["autocomplete"] = autocomplete

    def to_python(self, value: Any) -> str:
        text = unicodedata.normalize("NFC", super().to_python(value) or "")
        if self.multiline:
            lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
            return "\n".join(lines).strip()
        return " ".join(text.split())

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not value:
            return
        allowed = "\n" if self.multiline else ""
        if any(_is_hidden_control(ch) for ch in value if ch not in allowed):
            raise ValidationError(
                _("Remove the invisible control characters from this text."), code="control"
            )
        if self.needs_letters and not any(ch.isalnum() for ch in value):
            raise ValidationError(_("Use at least one letter or digit."), code="no_letters")
        if self.needs_letters and _mixes_lookalike_scripts(value):
            raise ValidationError(
                _(
                    "A word here mixes look-alike letters of different alphabets (for example "
                    "a Cyrillic letter inside a Latin word). Type each word in one alphabet."
                ),
                code="mixed_script",
            )


class PhoneField(forms.CharField):
    """A phone number people can dial, checked with phonenumbers and kept in international
    format; numbers without a country code are read as the network's country's."""

    def __init__(self, *, region: str, **kwargs: Any) -> None:
        self.region = (region or "").upper() or None
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        invalid = ValidationError(
            _("Enter a phone number that can be dialled, with its area code, e.g. %(example)s.")
            % {"example": self.example()},
            code="invalid_phone",
        )
        try:
            number = phonenumbers.parse(text, self.region)
        except phonenumbers.NumberParseException:
            raise invalid from None
        if not phonenumbers.is_valid_number(number):
            raise invalid
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if len(formatted) > STORE_PHONE_MAX_LENGTH:
            raise invalid
        return formatted

    def example(self) -> str:
        number = phonenumbers.example_number(self.region or "US")
        if number is None:
            return "+1 201-555-0123"
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class WebsiteField(forms.URLField):
    """A web address people can open: http or https only."""

    default_validators = [URLValidator(schemes=["http", "https"])]


def _text(label: Any, max_length: int, **kwargs: Any) -> PlainTextField:
    return PlainTextField(label=label, max_length=max_length, **kwargs)


# --- Signing ---------------------------------------------------------------------------------


class SignatureFields(forms.Form):
    """The pledge itself: every commitment ticked, a typed name, consent to the data terms.
    Commitment boxes are built from the version being signed, one required box each."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    signature_name = PlainTextField(
        label=gettext_lazy("Your full name, as your signature"),
        max_length=150,
        needs_letters=True,
        autocomplete="name",
    )
    consent = forms.BooleanField(
        label=gettext_lazy("I agree to the network's data terms above."),
        error_messages={"required": gettext_lazy("Agree to the data terms to take the pledge.")},
    )

    def __init__(self, *args: Any, pledge_version: PledgeVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pledge_version = pledge_version
        self.fields["version"].initial = pledge_version.number
        self.commitment_keys: dict[str, str] = {}
        for index, item in enumerate(pledge_version.commitments, start=1):
            name = f"commitment_{index}"
            self.commitment_keys[name] = str(item["key"])
            self.fields[name] = forms.BooleanField(
                label=str(item["text"]),
                error_messages={"required": _("Tick this commitment to take the pledge.")},
            )

    @property
    def commitment_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.commitment_keys]

    def clean_version(self) -> int:
        number: int = self.cleaned_data["version"]
        if number != self.pledge_version.number:
            raise ValidationError(
                _(
                    "The pledge text changed while you were reading it. Read the current text "
                    "below and tick each commitment again."
                )
            )
        return number

    def ticked_commitments(self) -> list[str]:
        return [key for name, key in self.commitment_keys.items() if self.cleaned_data.get(name)]


class PledgeForm(SignatureFields):
    """The one form of the pledge flow: the store's details, then the pledge."""

    legal_name = _text(
        gettext_lazy("Legal name of the business"),
        200,
        needs_letters=True,
        autocomplete="organization",
        help_text=gettext_lazy("As registered, e.g. “Harbor Gems LLC”."),
    )
    display_name = _text(
        gettext_lazy("Store name shown to people"),
        200,
        needs_letters=True,
        help_text=gettext_lazy("The name on your sign, e.g. “Harbor Gems”."),
    )
    address_line1 = _text(
        gettext_lazy("Street address"), 200, needs_letters=True, autocomplete="address-line1"
    )
    address_line2 = _text(
        gettext_lazy("Suite, unit or floor"),
        200,
        required=False,
        autocomplete="address-line2",
    )
    city = _text(gettext_lazy("City"), 100, needs_letters=True, autocomplete="address-level2")
    region = _text(
        gettext_lazy("State or province"), 100, required=False, autocomplete="address-level1"
    )
    postal_code = _text(
        gettext_lazy("Postal code"),
        20,
        required=False,
        needs_letters=True,
        autocomplete="postal-code",
    )
    website = WebsiteField(
        label=gettext_lazy("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "dir": "ltr"}),
    )
    staff_count = forms.IntegerField(
        label=gettext_lazy("Number of staff, you included"),
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        help_text=logos.UPLOAD_HELP,
        widget=forms.FileInput(attrs={"accept": logos.ACCEPT}),
    )
    listed_publicly = forms.BooleanField(
        label=gettext_lazy("Show our store on the public wall of partners"),
        required=False,
        # Consent is asked, never assumed: the box starts empty.
        initial=False,
        help_text=gettext_lazy(
            "Its name and city only. Anyone can always check your verification code."
        ),
    )

    STORE_FIELDS = (
        "legal_name",
        "display_name",
        "address_line1",
        "address_line2",
        "city",
        "region",
        "postal_code",
        "phone",
        "website",
        "staff_count",
        "logo",
    )

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country = country
        self.fields["phone"] = PhoneField(
            label=_("Store phone"),
            region=country,
            help_text=_("The number other stores and the police can call, e.g. %(example)s.")
            % {"example": PhoneField(region=country).example()},
        )
        self.order_fields([*self.STORE_FIELDS, "listed_publicly"])

    @property
    def store_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.STORE_FIELDS]

    def clean_logo(self) -> ContentFile[bytes] | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        try:
            return logo_prepare(upload=upload)
        except ValidationError as error:
            raise ValidationError(error.message_dict["logo"]) from None

    def store_details(self) -> StoreDetails:
        data = self.cleaned_data
        return StoreDetails(
            legal_name=data["legal_name"],
            display_name=data["display_name"],
            address_line1=data["address_line1"],
            address_line2=data["address_line2"],
            city=data["city"],
            region=data["region"],
            postal_code=data["postal_code"].upper(),
            country=self.country,
            phone=data["phone"],
            website=data["website"],
            staff_count=data["staff_count"],
        )


class ReaffirmForm(SignatureFields):
    """Signing the network's new pledge text."""


def store_initial(store: Store) -> dict[str, object]:
    """What a returning owner's form starts with: their store as the network knows it."""
    return {
        "legal_name": store.legal_name,
        "display_name": store.display_name,
        "address_line1": store.address_line1,
        "address_line2": store.address_line2,
        "city": store.city,
        "region": store.region,
        "postal_code": store.postal_code,
        "phone": store.phone,
        "website": store.website,
        "staff_count": store.staff_count,
    }


# --- The store's page ------------------------------------------------------------------------


class StaffInviteForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address of the person to invite"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )


class ListingForm(forms.Form):
    listed_publicly = forms.BooleanField(required=False)


class WithdrawForm(forms.Form):
    reason = PlainTextField(
        label=gettext_lazy("Why are you withdrawing?"),
        required=False,
        max_length=2000,
        multiline=True,
        help_text=gettext_lazy("Optional; the network's coordinators will see it."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Yes, withdraw our pledge. Our team loses access to the network's pages."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


# --- The coordinators' pages -----------------------------------------------------------------

COORDINATOR_ACTIONS = {
    "approved": gettext_lazy("Approve"),
    "declined": gettext_lazy("Decline"),
    "suspended": gettext_lazy("Suspend"),
    "reinstated": gettext_lazy("Reinstate"),
    "revoked": gettext_lazy("Revoke"),
}


REASON_LABELS = {
    "approved": gettext_lazy("Note for the store"),
    "declined": gettext_lazy("Why decline this pledge?"),
    "suspended": gettext_lazy("Why suspend this pledge?"),
    "reinstated": gettext_lazy("Note for the store"),
    "revoked": gettext_lazy("Why revoke this pledge?"),
}


class TransitionForm(forms.Form):
    """A coordinator's decision on a pledge: one form per action, each with its own prefix."""

    reason = PlainTextField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        kwargs["prefix"] = action
        super().__init__(*args, **kwargs)
        self.action = action
        field = self.fields["reason"]
        field.label = REASON_LABELS.get(action, field.label)
        field.required = action in REASON_REQUIRED
        field.error_messages["required"] = _("Give a reason: the store will see it.")
        if field.required:
            field.help_text = _("The store sees this reason.")


class PledgeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *PledgeStatus.choices],
    )
    signed_from = forms.DateField(
        label=gettext_lazy("Signed from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signed_to = forms.DateField(
        label=gettext_lazy("Signed until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    city = PlainTextField(
        label=gettext_lazy("City"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "pledge-cities"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("signed_from"), data.get("signed_to")
        if start and end and start > end:
            self.add_error("signed_to", _("Choose a date on or after the first one."))
        return data


class PledgeTextForm(forms.Form):
    MAX_COMMITMENTS = 20

    introduction = PlainTextField(
        label=gettext_lazy("Introduction"), max_length=2000, multiline=True
    )
    commitments = PlainTextField(
        label=gettext_lazy("Commitments, one per line"),
        max_length=10_000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Each line becomes a box every partner must tick."),
    )
    data_terms = PlainTextField(
        label=gettext_lazy("Data terms"),
        max_length=5000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_commitments(self) -> list[dict[str, str]]:
        lines = [line for line in self.cleaned_data["commitments"].split("\n") if line.strip()]
        if len(lines) > self.MAX_COMMITMENTS:
            raise ValidationError(
                _("Keep it to %(max)d commitments or fewer.") % {"max": self.MAX_COMMITMENTS}
            )
        if any(len(line) > 500 for line in lines):
            raise ValidationError(_("Keep each commitment to 500 characters or fewer."))
        return [{"key": f"c{index}", "text": line} for index, line in enumerate(lines, start=1)]


def version_initial(version: PledgeVersion | None) -> dict[str, str]:
    if version is None:
        return {}
    return {
        "introduction": version.introduction,
        "commitments": "\n".join(str(item.get("text", "")) for item in version.commitments),
        "data_terms": version.data_terms,
    }


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
