"""Forms of the response plans: the four sections (template and plan alike) and a review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .plan_services import SECTION_MAX

HELP = {
    "before": _("What the team does every day so it does not happen. One step per line."),
    "during": _("What everyone does while it happens: safety first, never confront."),
    "after": _("What to do once it is over, and what to leave untouched."),
    "calls": _("Who calls whom, in order: 1. … 2. …"),
}
LABELS = {
    "before": _("Before"),
    "during": _("During"),
    "after": _("After"),
    "calls": _("Who calls whom"),
}
TOO_LONG = _("Keep this under %(limit_value)d characters (it has %(show_value)d).")


def _section(name: str) -> forms.CharField:
    return forms.CharField(
        label=LABELS[name],
        help_text=HELP[name],
        max_length=SECTION_MAX,
        # Unbounded in the browser: a refused text stays whole in the box, to be shortened.
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"max_length": TOO_LONG, "required": _("Write at least one step.")},
        strip=True,
    )


class PlanSectionsForm(forms.Form):
    before = _section("before")
    during = _section("during")
    after = _section("after")
    calls = _section("calls")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


class PlanReviewForm(forms.Form):
    DECISIONS = (
        ("approve", _("Sign off this plan")),
        ("changes", _("Ask for changes")),
    )
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=DECISIONS, widget=forms.RadioSelect
    )
    agency = forms.CharField(label=_("Your agency"), max_length=150)
    comment = forms.CharField(
        label=_("Comments for the store"),
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you ask for changes: say what should change."),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["comment"].widget.attrs.pop("maxlength", None)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "changes" and not data.get("comment"):
            self.add_error("comment", _("Say what should change."))
        return data
