"""Development: `make run`. Debug on, mail printed to the console, demo logins spared MFA."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-do-not-deploy")
PORTAL_SCHEME = env("PORTAL_SCHEME", default="http")
# The port `make run` serves on: .data/services.env carries this checkout's (see README).
PORTAL_PORT = env.int("PORTAL_PORT", default=8000)

# runserver answers each request in a new thread, and a connection kept for reuse stays with
# its thread: with any age above 0, PostgreSQL runs out of connections after a few hundred
# requests ("too many clients already"). Opening one per request costs a millisecond here.
# A copy, not an edit of base's dict: a process that imports several settings modules (the
# tests do) must not see this one's value leak into the others.
DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=0),
    }
}

# runserver prints http://127.0.0.1:<port>/; that address has no site of its own, so it sends
# the browser to the public site (config.loopback).
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "[::1]"]  # noqa: F405
MIDDLEWARE = ["config.loopback.LoopbackRedirectMiddleware", *MIDDLEWARE]  # noqa: F405

# The demo logins are meant to be clicked through without an authenticator app.
# Only these settings list them; production and test enforce MFA for every one of them.
PORTAL_MFA_EXEMPT_EMAILS = [
    "admin@partners.example",
    *[f"{role}@{slug}.example" for slug in ("socal", "gta") for role in ("coordinator", "police")],
]

# Static files straight from static/ (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Text messages land in an outbox coordinators can read, not at a provider.
ALERTS_SMS_BACKEND = env("ALERTS_SMS_BACKEND", default="alerts.channels.sms.OutboxSms")
