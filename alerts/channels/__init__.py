"""The channels an alert goes out on, behind one interface (base.Sender)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import PermanentError, Sender, TransientError

__all__ = ["PermanentError", "Sender", "TransientError", "sender_for"]


def sender_for(channel: str) -> Sender:
    """A new sender for one batch of `channel` (email, sms or webhook)."""
    from .email import EmailSender
    from .webhook import WebhookSender

    if channel == "email":
        return EmailSender()
    if channel == "sms":
        sms_class: type[Sender] = import_string(settings.ALERTS_SMS_BACKEND)
        return sms_class()
    if channel == "webhook":
        return WebhookSender()
    raise ValueError(f"no sender for channel {channel!r}")
