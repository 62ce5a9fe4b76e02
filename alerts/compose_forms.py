"""The composer's forms. They check what the sender typed and say what is wrong beside the
field; alerts.drafts keeps the rules that hold whoever calls it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.forms import DateTimeLocal
from networks.models import Store

from .drafts import DRAFT_FIELDS, FOLLOW_UP_SEVERITIES
from .models import Alert, Severity

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_SUSPECT_COUNT = 50
MAX_KM = Decimal("500")
FUTURE_SLACK = dt.timedelta(minutes=10)


class StoreChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Store) -> str:
        return f"{obj.display_name} ({obj.city})" if obj.city else obj.display_name


class AlertForm(forms.ModelForm):
    occurred_at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=DateTimeLocal(),
    )
    to_stores = StoreChoice(
        label=_("These stores"),
        queryset=Store.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    near_store = forms.ModelChoiceField(
        label=_("Stores near"),
        queryset=Store.objects.none(),
        required=False,
        empty_label=_("— no distance —"),
        help_text=_("Every store within the distance below of this one gets the alert."),
    )
    near_km = forms.DecimalField(
        label=_("Within (km)"),
        required=False,
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(MAX_KM)],
    )

    class Meta:
        model = Alert
        fields: ClassVar = [
            "severity",
            "headline",
            "occurred_at",
            "place",
            "crime_type",
            "suspect_count",
            "suspects",
            "method",
            "property_taken",
            "vehicle",
            "to_all_members",
            "to_stores",
            "near_km",
            "to_law_enforcement",
            "to_webhooks",
            "message",
            "sms_text",
        ]
        widgets: ClassVar = {
            "severity": forms.RadioSelect,
            "suspects": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "property_taken": forms.Textarea(attrs={"rows": 3}),
            "vehicle": forms.Textarea(attrs={"rows": 2}),
            "message": forms.Textarea(attrs={"rows": 12}),
            "sms_text": forms.Textarea(attrs={"rows": 4, "data-sms-counter": "sms-count"}),
        }
        labels: ClassVar = {
            "to_all_members": _("Every member of the network"),
            "to_law_enforcement": _("Law-enforcement contacts"),
            "to_webhooks": _("Registered webhooks (chat channels, police systems)"),
        }
        help_texts: ClassVar = {
            "headline": _("One line: what happened and where, e.g. “Smash and grab at Main St”."),
            "place": _("The street and city; where in or around the store."),
            "suspects": _("What anyone could check: clothing, build, height, marks, behaviour."),
            "message": _(
                "Sent by email and shown in the portal. “Fill from the details” writes it again."
            ),
            "sms_text": _(
                "Sent by text message: keep it to one message (160 plain characters, "
                "70 with emoji or some accented letters)."
            ),
        }

    def __init__(self, *args: Any, follow_up: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stores"].queryset = Store.objects.order_by("display_name")  # type: ignore[attr-defined]
        self.fields["near_store"].queryset = Store.objects.filter(  # type: ignore[attr-defined]
            latitude__isnull=False, longitude__isnull=False
        ).order_by("display_name")
        severity = self.fields["severity"]
        if follow_up:
            severity.choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in Severity.choices if value in FOLLOW_UP_SEVERITIES
            ]
        else:
            # Without this the radios start with the model field's blank "---------" choice.
            severity.choices = Severity.choices  # type: ignore[attr-defined]
        self.fields["suspect_count"].validators.append(MaxValueValidator(MAX_SUSPECT_COUNT))
        self.fields["crime_type"].required = False
        self.fields["headline"].widget.attrs["autocomplete"] = "off"
        self.fields["headline"].error_messages["required"] = _("Please write a headline.")
        instance = self.instance
        if not self.is_bound and instance.near_latitude is not None and instance.pk:
            # Shown again as the store it was picked from, where one sits at that point.
            match = (
                self.fields["near_store"]
                .queryset.filter(  # type: ignore[attr-defined]
                    latitude=instance.near_latitude, longitude=instance.near_longitude
                )
                .first()
            )
            if match is not None:
                self.initial["near_store"] = match.pk

    def clean_occurred_at(self) -> dt.datetime | None:
        value: dt.datetime | None = self.cleaned_data.get("occurred_at")
        if value is not None and value > timezone.now() + FUTURE_SLACK:
            raise forms.ValidationError(_("This is in the future."), code="future")
        return value

    def clean_headline(self) -> str:
        value = " ".join(str(self.cleaned_data.get("headline") or "").split())
        if not value:
            raise forms.ValidationError(_("Please write a headline."), code="required")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        near_store, near_km = data.get("near_store"), data.get("near_km")
        if near_store is not None and near_km is None and "near_km" not in self.errors:
            self.add_error("near_km", _("How far from the store? Give a distance in km."))
        if near_km is not None and near_store is None:
            self.add_error("near_store", _("Pick the store the distance is counted from."))
        audience = (
            data.get("to_all_members")
            or data.get("to_stores")
            or (near_store is not None and near_km is not None)
            or data.get("to_law_enforcement")
            or data.get("to_webhooks")
        )
        if not audience and not self.errors:
            raise forms.ValidationError(
                _("Choose who gets the alert: everyone, some stores, the police, or webhooks."),
                code="no_audience",
            )
        return data

    def draft_fields(self) -> dict[str, Any]:
        """What alerts.drafts writes: the model's fields, the distance's centre included."""
        data = self.cleaned_data
        fields = {name: data[name] for name in DRAFT_FIELDS if name in data}
        fields["crime_type"] = data.get("crime_type") or ""
        store: Store | None = data.get("near_store")
        near_km = data.get("near_km")
        fields["near_latitude"] = store.latitude if store and near_km is not None else None
        fields["near_longitude"] = store.longitude if store and near_km is not None else None
        fields["near_km"] = near_km if store is not None else None
        return fields


class PhotoUploadForm(forms.Form):
    photo = forms.FileField(
        label=_("Upload a photo"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,.heic"}
        ),
        help_text=_("JPEG, PNG, WebP or HEIC; it is sent resized, without its metadata."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
