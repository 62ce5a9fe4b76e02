"""allauth's forms with the portal's wording: labels in sentence case like every other form."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

LABELS = {
    "remember": _("Remember me"),
    "oldpassword": _("Current password"),
}
NEW_PASSWORD_LABELS = {
    "password1": _("New password"),
    "password2": _("New password (again)"),
}


def _relabel(form: forms.Form, labels: dict[str, Any]) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            # allauth repeats the label as the placeholder.
            form.fields[name].widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, LABELS)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {**LABELS, **NEW_PASSWORD_LABELS})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, NEW_PASSWORD_LABELS)


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, NEW_PASSWORD_LABELS)
