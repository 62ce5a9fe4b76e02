"""Development: `make run`. Debug on, mail printed to the console, demo logins spared MFA."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-do-not-deploy")
PORTAL_SCHEME = env("PORTAL_SCHEME", default="http")
PORTAL_PORT = env.int("PORTAL_PORT", default=8000)

# The demo logins are meant to be clicked through without an authenticator app.
# Only these settings list them; production and test enforce MFA for every one of them.
PORTAL_MFA_EXEMPT_EMAILS = [
    "admin@partners.example",
    *[f"{role}@{slug}.example" for slug in ("socal", "gta") for role in ("coordinator", "police")],
]

# Static files straight from static/ (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
