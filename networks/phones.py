"""Phone numbers as people type them, kept in E.164: one reading for every form that takes one
(alerts' law-enforcement contacts and members' mobiles, a store's police contacts)."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

E164_MAX = 16  # "+" and at most 15 digits


def phone_e164(text: str, *, region: str | None, mobile: bool = False) -> str:
    """`text` in E.164 (+15551234567); a number without a country code is read as `region`'s.
    `mobile`: the number must be able to receive text messages (a landline is refused).
    Raises ValidationError with a sentence for the person."""
    region = (region or "").upper() or None
    if mobile:
        example = phonenumbers.example_number_for_type(
            region or "US", phonenumbers.PhoneNumberType.MOBILE
        ) or phonenumbers.example_number("US")
        sentence = _("Enter a mobile number that can receive text messages, e.g. %(example)s.")
    else:
        example = phonenumbers.example_number(region or "US")
        sentence = _(
            "Enter a phone number that can be dialled, with its area code, e.g. %(example)s."
        )
    shown = (
        phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if example is not None
        else "+1 201-555-0123"
    )
    invalid = ValidationError(sentence % {"example": shown}, code="invalid_phone")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise invalid from None
    if not phonenumbers.is_valid_number(number):
        raise invalid
    if mobile and phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.FIXED_LINE:
        raise ValidationError(
            _("This is a landline: give a mobile number, which can receive text messages."),
            code="landline",
        )
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if len(formatted) > E164_MAX:
        raise invalid
    return formatted
