"""Forms of patrol requests: the owner's request, the police answer."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from incidents.forms import DATETIME_FORMAT, DateTimeLocal

from .models import PatrolRequest
from .patrol_services import patrol_period_problems

INPUT_FORMATS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class PatrolRequestForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("From"), input_formats=INPUT_FORMATS, widget=DateTimeLocal()
    )
    ends_at = forms.DateTimeField(
        label=_("Until"),
        input_formats=INPUT_FORMATS,
        widget=DateTimeLocal(),
        help_text=_("At most 31 days after the start."),
    )

    class Meta:
        model = PatrolRequest
        fields: ClassVar = ["reason", "starts_at", "ends_at", "times", "details"]
        widgets: ClassVar = {"details": forms.Textarea(attrs={"rows": 4})}
        help_texts: ClassVar = {
            "times": _("For example “each evening at closing, around 6 pm”."),
            "details": _(
                "What would help the officers: what is moved and when, where you will be, "
                "who has the keys. Seen by the network's police and your store."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = cast("forms.ChoiceField", self.fields["reason"])
        reason.choices = [("", "—"), *PatrolRequest.Reason.choices]
        self.fields["times"].widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at:
            for field, message in patrol_period_problems(
                starts_at=starts_at, ends_at=ends_at
            ).items():
                self.add_error(field, message)
        return data

    def _post_clean(self) -> None:
        # The period's rules are checked above and by the service; the model's own check
        # (its database constraint) would repeat them in other words.
        pass


class PatrolAnswerForm(forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to accept or decline.")},
    )
    note = forms.CharField(
        label=_("Note to the store"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example who will come by and when, or why you cannot. Needed when you decline."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.DECLINE and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why, so the store can make other plans."))
        return data

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == self.ACCEPT
