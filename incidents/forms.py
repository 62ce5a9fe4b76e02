"""Forms of the incident logbook. They check what a person typed and say what is wrong beside
the field; the services keep the rules that hold whoever calls them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Store

from .models import Incident, IncidentType, StolenItem, Suspect, Vehicle
from .services import INCIDENT_FIELDS, ITEM_FIELDS, VEHICLE_FIELDS

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
NARRATIVE_MAX = 20_000
TEXT_MAX = 5_000
MAX_SUSPECTS = 12
MAX_VEHICLES = 6
MAX_ITEMS = 100
MAX_UNIT_VALUE = Decimal("50000000")
MAX_SUSPECT_COUNT = 50
# A phone's clock may run a little ahead of ours.
FUTURE_SLACK = dt.timedelta(minutes=10)


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _when_field(label: str | _StrPromise, *, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=DateTimeLocal(),
    )


def check_when(*, started_at: dt.datetime, store: Store) -> str | None:
    """What is wrong with a start time, or None."""
    if started_at > timezone.now() + FUTURE_SLACK:
        return str(_("This is in the future."))
    if started_at < store.created_at - dt.timedelta(days=1):
        joined = timezone.localtime(store.created_at).date()
        return str(
            _("This is before your store joined the network (%(date)s).")
            % {"date": joined.isoformat()}
        )
    return None


class IncidentForm(forms.ModelForm):
    started_at = _when_field(_("When it started"), required=True)
    ended_at = _when_field(_("When it ended"), required=False)

    class Meta:
        model = Incident
        fields: ClassVar = list(INCIDENT_FIELDS)  # what the services accept, all of it
        widgets: ClassVar = {
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "injuries": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts: ClassVar = {
            "summary": _(
                "One line another jeweler can act on, e.g. “Two men asked to see "
                "loose diamonds, one left when asked for ID”."
            ),
            "method": _("How they operated: what they asked for, how they distracted staff."),
            "internal_notes": _("Seen only by your store, the coordinator and the police."),
            "injuries": _("Leave empty if nobody was hurt."),
        }

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.store = store
        self.fields["location"].required = False
        self.fields["narrative"].validators.append(_max_length(NARRATIVE_MAX))
        for name in ("method", "injuries", "internal_notes"):
            self.fields[name].validators.append(_max_length(TEXT_MAX))
        self.fields["suspect_count"].validators.append(MaxValueValidator(MAX_SUSPECT_COUNT))
        self.fields["summary"].widget.attrs["autocomplete"] = "off"

    def clean_started_at(self) -> dt.datetime:
        started_at: dt.datetime = self.cleaned_data["started_at"]
        problem = check_when(started_at=started_at, store=self.store)
        if problem:
            raise forms.ValidationError(problem, code="when")
        return started_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started_at, ended_at = data.get("started_at"), data.get("ended_at")
        if started_at and ended_at:
            if ended_at < started_at:
                self.add_error("ended_at", _("The end is before the start."))
            elif ended_at > timezone.now() + FUTURE_SLACK:
                self.add_error("ended_at", _("This is in the future."))
        return data


def _max_length(limit: int) -> Any:
    def check(value: str) -> None:
        if value and len(value) > limit:
            raise forms.ValidationError(
                _("Please keep this under %(limit)s characters (it has %(length)s).")
                % {"limit": f"{limit:,}", "length": f"{len(value):,}"},
                code="too_long",
            )

    return check


class SuspectForm(forms.ModelForm):
    class Meta:
        model = Suspect
        fields: ClassVar = list(Suspect.DETAIL_FIELDS)
        widgets: ClassVar = {"behaviour": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["behaviour"].validators.append(_max_length(TEXT_MAX))

    @property
    def is_thin(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        filled = sum(1 for name in Suspect.DETAIL_FIELDS if str(data.get(name) or "").strip())
        return 0 < filled < Suspect.THIN_BELOW


class VehicleForm(forms.ModelForm):
    class Meta:
        model = Vehicle
        fields: ClassVar = list(VEHICLE_FIELDS)

    def clean_plate(self) -> str:
        # Plates are compared without spaces or dashes, in capitals.
        plate: str = self.cleaned_data.get("plate") or ""
        return "".join(ch for ch in plate.upper() if ch.isalnum())


class StolenItemForm(forms.ModelForm):
    class Meta:
        model = StolenItem
        fields: ClassVar = list(ITEM_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quantity"].validators += [MinValueValidator(1), MaxValueValidator(10_000)]
        self.fields["unit_value"].validators += [
            MinValueValidator(Decimal("0")),
            MaxValueValidator(MAX_UNIT_VALUE),
        ]


def _formset(form: type[forms.ModelForm], model: type[Any], limit: int) -> Any:
    return forms.inlineformset_factory(
        Incident,
        model,
        form=form,
        extra=1,
        max_num=limit,
        validate_max=True,
        absolute_max=limit,
        can_delete=True,
    )


SuspectFormSet = _formset(SuspectForm, Suspect, MAX_SUSPECTS)
VehicleFormSet = _formset(VehicleForm, Vehicle, MAX_VEHICLES)
StolenItemFormSet = _formset(StolenItemForm, StolenItem, MAX_ITEMS)


def formset_rows(formset: Any) -> list[dict[str, Any]]:
    """The rows a person filled in and did not mark for removal, as plain dicts."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({name: data.get(name) for name in form._meta.fields})
    return rows


class QuickLogForm(forms.Form):
    """What, when, one line: the few seconds' version, completed later."""

    kind = forms.ChoiceField(
        label=_("What happened"), choices=IncidentType.choices, widget=forms.RadioSelect
    )
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Just now")), ("earlier", _("Earlier"))],
        initial="now",
        widget=forms.RadioSelect,
    )
    started_at = _when_field(_("Time"), required=False)
    summary = forms.CharField(label=_("In one line"), max_length=200)
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.store = store
        self.fields["summary"].widget.attrs.update({"autocomplete": "off", "enterkeyhint": "send"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("when") == "earlier":
            started_at = data.get("started_at")
            if started_at is None:
                if "started_at" not in self.errors:
                    self.add_error("started_at", _("Say when it happened."))
            elif problem := check_when(started_at=started_at, store=self.store):
                self.add_error("started_at", problem)
        else:
            data["started_at"] = timezone.now()
        return data


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this incident voided?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The incident stays in the logbook, marked voided, with your reason."),
    )


class ShareDefaultForm(forms.Form):
    share_incidents_by_default = forms.BooleanField(
        label=_("Share new incidents with the network"), required=False
    )


class LogbookFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *IncidentType.choices]
    )
    store = forms.TypedChoiceField(label=_("Store"), required=False, coerce=int, empty_value=None)
    logged_by = forms.TypedChoiceField(
        label=_("Logged by"), required=False, coerce=int, empty_value=None
    )
    has_suspects = forms.BooleanField(label=_("With suspects"), required=False)
    has_vehicle = forms.BooleanField(label=_("With a vehicle"), required=False)
    has_loss = forms.BooleanField(label=_("With a loss"), required=False)
    shared = forms.ChoiceField(
        label=_("Shared"),
        required=False,
        choices=[("", _("Shared or not")), ("yes", _("Shared")), ("no", _("Kept to the store"))],
    )
    voided = forms.ChoiceField(
        label=_("Voided"),
        required=False,
        choices=[("", _("Hide voided")), ("with", _("Include voided")), ("only", _("Only voided"))],
    )
    to_finish = forms.BooleanField(label=_("To finish"), required=False)

    def __init__(
        self,
        *args: Any,
        stores: list[tuple[int, str]] | None = None,
        loggers: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if stores:
            self.fields["store"].choices = [("", _("Every store")), *stores]  # type: ignore[attr-defined]
        else:
            del self.fields["store"]
        if loggers:
            self.fields["logged_by"].choices = [("", _("Anyone")), *loggers]  # type: ignore[attr-defined]
        else:
            del self.fields["logged_by"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters (a bad one is dropped, not the whole search)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {name: value for name, value in data.items() if name not in self.errors}


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why are you looking? A case number or a reason"),
        max_length=300,
        help_text=_(
            "Asked once per session. It is written, with every incident you open, to the "
            "access log that the stores and the coordinator read."
        ),
    )


class RetentionForm(forms.Form):
    retention_months = forms.IntegerField(
        label=_("Keep suspect descriptions, plates and evidence for (months)"),
        min_value=1,
        max_value=120,
        help_text=_(
            "Counted from when each incident started. After this, a nightly job removes them; "
            "the rest of the incident stays. Between 1 and 120 months."
        ),
    )
