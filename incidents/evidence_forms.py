"""The form that adds evidence to an incident. The file itself is judged by the service
(incidents.evidence, by its content); the form says what it takes and keeps what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pledges.forms import PlainTextField

from . import evidence


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo, clip or PDF"),
        help_text=evidence.UPLOAD_HELP,
        # The browser's picker only: what the file is, we find out from its content.
        widget=forms.FileInput(attrs={"accept": evidence.ACCEPT}),
        allow_empty_file=True,  # the service says why an empty file is refused
    )
    caption = PlainTextField(
        label=_("Caption"),
        required=False,
        max_length=200,
        help_text=_("What it shows, e.g. “The man in the grey cap at the counter, 2:14 pm”."),
    )
    is_internal = forms.BooleanField(
        label=_("Internal: keep it from the other stores"),
        required=False,
        help_text=_(
            "Only your store, the coordinator and the police partners see internal evidence."
        ),
    )
