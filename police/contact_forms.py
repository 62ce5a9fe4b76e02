"""Forms of the owner's police contacts and meetings. They check what people type and say what
is wrong beside the field; the rules themselves live in police.contact_services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from networks.models import Store
from networks.phones import phone_e164
from pledges.forms import PlainTextField

from .contact_services import MAX_FOLLOW_UPS, network_today
from .models import Meeting, PoliceContact, Reach


class ContactPhoneField(forms.CharField):
    """A number people can dial, kept in E.164; read as the store's country's without a code."""

    def __init__(self, *, region: str, **kwargs: Any) -> None:
        self.region = (region or "").upper() or None
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "inputmode": "tel", "dir": "ltr"})

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        return phone_e164(text, region=self.region)


def _length(model: type, name: str) -> int:
    return int(model._meta.get_field(name).max_length)  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    name = PlainTextField(
        label=gettext_lazy("Name"), max_length=_length(PoliceContact, "name"), needs_letters=True
    )
    agency = PlainTextField(
        label=gettext_lazy("Agency"),
        max_length=_length(PoliceContact, "agency"),
        needs_letters=True,
        help_text=gettext_lazy("For example: Springfield Police Department."),
    )
    unit = PlainTextField(
        label=gettext_lazy("Unit"),
        max_length=_length(PoliceContact, "unit"),
        required=False,
        help_text=gettext_lazy("For example: Robbery Unit, Community Policing, Patrol Sector 4."),
    )
    rank = PlainTextField(
        label=gettext_lazy("Rank"), max_length=_length(PoliceContact, "rank"), required=False
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), required=False)
    email = forms.EmailField(
        label=gettext_lazy("Email"), max_length=_length(PoliceContact, "email"), required=False
    )
    preferred = forms.ChoiceField(
        label=gettext_lazy("Preferred way to reach them"), choices=Reach.choices
    )
    notes = PlainTextField(
        label=gettext_lazy("Notes"),
        max_length=_length(PoliceContact, "notes"),
        required=False,
        multiline=True,
        help_text=gettext_lazy("For you: shift hours, who to ask for when they are away."),
    )

    def __init__(self, *args: Any, region: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"] = ContactPhoneField(
            region=region,
            label=gettext_lazy("Phone"),
            required=False,
            help_text=gettext_lazy("Numbers without a country code are read as your store's."),
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "dir": "ltr"})
        self.fields["email"].help_text = gettext_lazy(
            "When it is the address of a law-enforcement member of the network, they are shown "
            "as a network member and see the follow-ups you assign to them."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        preferred = data.get("preferred")
        # Said here rather than in the service: the demo data and imports may know a contact
        # by name only; a person filling the form is asked for the way they chose.
        phoned = preferred in (Reach.PHONE, Reach.TEXT)
        if phoned and not data.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone", _("Give their phone number, or choose another way to reach them.")
            )
        if preferred == Reach.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", _("Give their email address, or choose another way to reach them.")
            )
        return data

    @classmethod
    def initial_of(cls, contact: PoliceContact) -> dict[str, Any]:
        return {
            name: getattr(contact, name)
            for name in ("name", "agency", "unit", "rank", "phone", "email", "preferred", "notes")
        }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeetingForm(forms.Form):
    """A meeting and up to three follow-ups, on one page (follow_up_<n>_text/_due_on/_contact)."""

    held_on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Meeting.Kind.choices)
    contacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Police contacts who were there"),
        queryset=PoliceContact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendees = PlainTextField(
        label=gettext_lazy("Who else was there"),
        max_length=_length(Meeting, "attendees"),
        required=False,
        help_text=gettext_lazy("For example: the store manager, the alarm company's technician."),
    )
    discussed = PlainTextField(
        label=gettext_lazy("What was discussed"), max_length=4000, multiline=True
    )

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contacts = PoliceContact.objects.filter(store=store).order_by("name", "id")
        field: forms.ModelMultipleChoiceField = self.fields["contacts"]  # type: ignore[assignment]
        field.queryset = contacts
        self.fields["held_on"].widget.attrs["max"] = network_today().isoformat()
        for index in range(1, MAX_FOLLOW_UPS + 1):
            self.fields[f"follow_up_{index}_text"] = PlainTextField(
                label=gettext_lazy("What is to be done"), max_length=300, required=False
            )
            self.fields[f"follow_up_{index}_due_on"] = forms.DateField(
                label=gettext_lazy("Due"), required=False, widget=DateInput()
            )
            self.fields[f"follow_up_{index}_contact"] = forms.ModelChoiceField(
                label=gettext_lazy("Whose it is"),
                queryset=contacts,
                required=False,
                empty_label=gettext_lazy("The store's"),
            )

    def follow_up_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (
                index,
                self[f"follow_up_{index}_text"],
                self[f"follow_up_{index}_due_on"],
                self[f"follow_up_{index}_contact"],
            )
            for index in range(1, MAX_FOLLOW_UPS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held_on = data.get("held_on")
        if isinstance(held_on, dt.date) and held_on > network_today():
            self.add_error(
                "held_on",
                ValidationError(
                    _(
                        "The log is of what happened: give the date of a meeting held today "
                        "or before."
                    )
                ),
            )
        for index in range(1, MAX_FOLLOW_UPS + 1):
            key = f"follow_up_{index}"
            text, due_on = data.get(f"{key}_text"), data.get(f"{key}_due_on")
            if text and not due_on and f"{key}_due_on" not in self.errors:
                self.add_error(f"{key}_due_on", ValidationError(_("Give the date it is due.")))
            if due_on and not text and f"{key}_text" not in self.errors:
                self.add_error(f"{key}_text", ValidationError(_("Say what is to be done.")))
            if isinstance(due_on, dt.date) and isinstance(held_on, dt.date) and due_on < held_on:
                self.add_error(
                    f"{key}_due_on",
                    ValidationError(_("A follow-up falls due on the day of the meeting or later.")),
                )
        return data

    def follow_ups(self) -> list[dict[str, Any]]:
        """The follow-ups filled in, for meeting_create."""
        items = []
        for index in range(1, MAX_FOLLOW_UPS + 1):
            key = f"follow_up_{index}"
            if self.cleaned_data.get(f"{key}_text"):
                items.append(
                    {
                        "text": self.cleaned_data[f"{key}_text"],
                        "due_on": self.cleaned_data.get(f"{key}_due_on"),
                        "contact": self.cleaned_data.get(f"{key}_contact"),
                    }
                )
        return items
