"""Forms of a member's side of alerts: their preferences and a report to the coordinator."""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.models import Incident
from networks.phones import phone_e164
from pledges.forms import PlainTextField

from .models import AlertPreference, Digest


class MobilePhoneField(forms.CharField):
    """A mobile number text messages can reach, kept as E.164 (+15551234567); numbers without
    a country code are read as the network's country's."""

    def __init__(self, *, region: str, **kwargs: Any) -> None:
        self.region = (region or "").upper() or None
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocomplete": "tel", "inputmode": "tel", "type": "tel", "dir": "ltr"}
        )
        self.widget.input_type = "tel"

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        return phone_e164(text, region=self.region, mobile=True)


def phone_for_display(e164: str) -> str:
    """A stored E.164 number as people read it."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class PreferencesForm(forms.Form):
    email_on = forms.BooleanField(label=gettext_lazy("Email me alerts"), required=False)
    sms_on = forms.BooleanField(
        label=gettext_lazy("Text me alerts (SMS)"),
        required=False,
        help_text=gettext_lazy("Needs your mobile number below."),
    )
    quiet_start = forms.TimeField(
        label=gettext_lazy("Quiet from"), required=False, widget=TimeInput()
    )
    quiet_end = forms.TimeField(
        label=gettext_lazy("Quiet until"), required=False, widget=TimeInput()
    )
    digest = forms.ChoiceField(
        label=gettext_lazy("Digest of advisories by email"),
        choices=Digest.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A summary of the advisories and updates sent since the last one, in the morning."
        ),
    )

    def __init__(self, *args: Any, region: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"] = MobilePhoneField(
            region=region, label=_("Mobile phone"), required=False
        )
        self.order_fields(["email_on", "sms_on", "phone", "quiet_start", "quiet_end", "digest"])

    @classmethod
    def initial_of(cls, preference: AlertPreference | None) -> dict[str, Any]:
        if preference is None:
            preference = AlertPreference()
        return {
            "email_on": preference.email_on,
            "sms_on": preference.sms_on,
            "phone": phone_for_display(preference.phone),
            "quiet_start": preference.quiet_start,
            "quiet_end": preference.quiet_end,
            "digest": preference.digest,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if "quiet_start" in data and "quiet_end" in data and (start is None) != (end is None):
            self.add_error(
                "quiet_end" if end is None else "quiet_start",
                _("Give both the start and the end of your quiet hours, or neither."),
            )
        return data


class IncidentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = formats.date_format(timezone.localtime(obj.started_at), "j M, H:i")
        return f"{when} · {obj.get_kind_display()} · {obj.summary}"


class ReportForm(forms.Form):
    text = PlainTextField(
        label=gettext_lazy("What did you see?"),
        multiline=True,
        max_length=4000,
        help_text=gettext_lazy(
            "Who, what, where and when: a description, a vehicle and its plate, "
            "which way they went."
        ),
    )

    def __init__(self, *args: Any, incidents: QuerySet[Incident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update({"rows": 6, "autocomplete": "off"})
        ids = [incident.pk for incident in incidents]
        if ids:
            self.fields["incident"] = IncidentChoice(
                label=_("About one of your store's incidents"),
                queryset=Incident.objects.filter(pk__in=ids).order_by("-started_at", "-pk"),
                required=False,
                empty_label=_("None"),
            )
