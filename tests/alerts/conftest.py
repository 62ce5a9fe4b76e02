"""Fixtures of the alerts tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# --- Local providers: Twilio's Messages API and an SMTP sink (tests/alerts/sms_server.py) ------
from tests.alerts.sms_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, SmsApi, SmtpSink


@pytest.fixture
def sms_api(settings: pytest.FixtureRequest) -> Iterator[SmsApi]:
    """A local Twilio Messages API; the SMS channel of this process sends to it.

    Worker subprocesses get the same through `sms_env(api)` (tests/alerts/workers.py).
    """
    with SmsApi() as api:
        settings.ALERTS_SMS_BACKEND = "alerts.channels.sms.TwilioSms"  # type: ignore[attr-defined]
        settings.TWILIO_API_BASE = api.url  # type: ignore[attr-defined]
        settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID  # type: ignore[attr-defined]
        settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN  # type: ignore[attr-defined]
        settings.ALERTS_SMS_FROM = FROM_NUMBER  # type: ignore[attr-defined]
        yield api


@pytest.fixture
def smtp_sink(settings: pytest.FixtureRequest) -> Iterator[SmtpSink]:
    """A real SMTP server counting messages per recipient, which can be told to fail."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
        settings.EMAIL_HOST = "127.0.0.1"  # type: ignore[attr-defined]
        settings.EMAIL_PORT = sink.port  # type: ignore[attr-defined]
        settings.EMAIL_USE_TLS = False  # type: ignore[attr-defined]
        yield sink


# --- End of the local providers' fixtures -----------------------------------------------------
