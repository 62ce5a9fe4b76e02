"""The owner's security-profile form: short answers, one per question, each optional."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from pledges.forms import PlainTextField

from .models import AlarmMonitoring, SecurityProfile
from .profile_services import PROFILE_FIELDS


def _text(name: str, help_text: Any = "") -> PlainTextField:
    field: Any = SecurityProfile._meta.get_field(name)
    return PlainTextField(
        label=capfirst(field.verbose_name),
        max_length=field.max_length,
        required=False,
        multiline=(field.max_length or 0) > 200,
        help_text=help_text,
    )


def _number(name: str, maximum: int, help_text: Any = "") -> forms.IntegerField:
    field: Any = SecurityProfile._meta.get_field(name)
    return forms.IntegerField(
        label=capfirst(field.verbose_name),
        min_value=0,
        max_value=maximum,
        required=False,
        help_text=help_text,
    )


class ProfileForm(forms.Form):
    alarm_company = _text("alarm_company")
    alarm_monitoring = forms.ChoiceField(
        label=gettext_lazy("Alarm monitoring"),
        choices=[("", gettext_lazy("Not said")), *AlarmMonitoring.choices],
        required=False,
    )
    holdup_alarm = _text(
        "holdup_alarm", gettext_lazy("For example: under the main counter and in the office.")
    )
    camera_count = _number("camera_count", 999)
    camera_coverage = _text(
        "camera_coverage",
        gettext_lazy("For example: entrance, every showcase, the back door, the parking lot."),
    )
    camera_retention_days = _number("camera_retention_days", 3650)
    remote_viewing = forms.BooleanField(
        label=gettext_lazy("Police can be given a live view of the cameras"), required=False
    )
    safes = _text("safes", gettext_lazy("How many, where, and whether they are time-locked."))
    vault = _text("vault")
    opening_procedure = _text(
        "opening_procedure",
        gettext_lazy("For example: two people, one waits outside until the all-clear signal."),
    )
    closing_procedure = _text("closing_procedure")
    staff_at_opening = _number("staff_at_opening", 500)
    staff_at_closing = _number("staff_at_closing", 500)
    home_security = _text(
        "home_security",
        gettext_lazy(
            "Criminals may follow a jeweler home. You can ask police to know where you live "
            "and your routines, and to patrol when you are away at a trade show or on vacation."
        ),
    )

    @classmethod
    def initial_of(cls, profile: SecurityProfile) -> dict[str, Any]:
        return {name: getattr(profile, name) for name in PROFILE_FIELDS}
