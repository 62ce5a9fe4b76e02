"""Tests: real PostgreSQL and Redis, fast hashing, mail kept in memory unless a test needs SMTP."""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, env


def _redis_db(url: str, db: int) -> str:
    """The same Redis server on another database number, away from a running `make run`."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


def _xdist_worker_index() -> int:
    """0 outside pytest-xdist, else N for worker `gwN`."""
    worker = env("PYTEST_XDIST_WORKER", default="")
    return int(worker.removeprefix("gw")) if worker else 0


# Parallel test workers (pytest-xdist) each take their own Redis database, counting down from
# TEST_REDIS_DB: the cache fixture empties a whole database, and a worker's Celery worker must
# never take another's tasks. (pytest-django gives each its own PostgreSQL database.)
_TEST_REDIS_DB = env.int("TEST_REDIS_DB", default=15) - _xdist_worker_index()
if _TEST_REDIS_DB < 0:
    raise ImproperlyConfigured(f"TEST_REDIS_DB is too low for {_xdist_worker_index() + 1} workers")
REDIS_URL = _redis_db(REDIS_URL, _TEST_REDIS_DB)
CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL

SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-key-not-secret")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_SCHEME = "http"
# URLs built outside a request carry no port, whatever `make run` serves on
# (.data/services.env); a test that needs one sets it.
PORTAL_PORT = 0
# Files the tests store stay out of .data/media (which `make run` serves), in a folder of each
# parallel worker's own: workers storing and deleting the same content-named files would race.
MEDIA_ROOT = BASE_DIR / ".data" / "test-media" / env("PYTEST_XDIST_WORKER", default="serial")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files straight from static/ (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run in-process where a test only needs their effect (use pytest-django's
# django_capture_on_commit_callbacks to fire on_commit); tests/config/test_celery.py and
# other `worker` tests switch this off and run a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Alerts: webhooks may reach the tests' local receivers; SMS goes to Twilio's API as spoken by
# a local server (tests/alerts/sms_server.py), which a test points TWILIO_API_BASE at.
ALERTS_WEBHOOK_ALLOW_PRIVATE = True
ALERTS_SMS_BACKEND = "alerts.channels.sms.TwilioSms"
ALERTS_SMS_FROM = "+15550000000"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_AUTH_TOKEN = "test-token-not-secret"  # noqa: S105 - the local fake's, not a secret
TWILIO_API_BASE = "http://127.0.0.1:9"
# Paced fast enough for tests; tests of the pace set their own.
ALERTS_CHANNEL_RATES = {"email": 1000.0, "sms": 1000.0, "webhook": 1000.0}
