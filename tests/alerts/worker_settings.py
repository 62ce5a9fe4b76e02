"""Settings of the Celery worker subprocesses the fault tests and the alerts benchmark start:
the tests' settings, with tasks sent through Redis and the providers named by the environment
(tests/alerts/workers.py sets these variables)."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
ALERTS_SMS_BACKEND = env("ALERTS_SMS_BACKEND", default=ALERTS_SMS_BACKEND)  # noqa: F405
ALERTS_SMS_FROM = env("ALERTS_SMS_FROM", default=ALERTS_SMS_FROM)  # noqa: F405
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default=TWILIO_ACCOUNT_SID)  # noqa: F405
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default=TWILIO_AUTH_TOKEN)  # noqa: F405
TWILIO_API_BASE = env("TWILIO_API_BASE", default=TWILIO_API_BASE)  # noqa: F405
# The tests' settings fix a fast pace for every channel; a fault test or the benchmark names
# its own.
ALERTS_CHANNEL_RATES = {
    channel: env.float(f"ALERTS_{channel.upper()}_RATE", default=rate)
    for channel, rate in ALERTS_CHANNEL_RATES.items()  # noqa: F405
}
