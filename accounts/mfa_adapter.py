"""allauth's MFA, the portal's way: an account holding a role that needs an authenticator
cannot remove it, or it would be back to "enrol on first use" for whoever has its password."""

from __future__ import annotations

from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .selectors import holds_role_needing_mfa


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Your role needs an authenticator app, so it cannot be removed. To move it to a "
            "new phone, ask a platform admin."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        user: Any = authenticator.user
        if user.email in settings.PORTAL_MFA_EXEMPT_EMAILS:
            return True
        return not holds_role_needing_mfa(user=user)
